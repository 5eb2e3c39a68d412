import { isCompleted } from '../../shared/domain/queryLifecycle';
import type { SessionView } from '../../shared/views/appView';
import { historyLoaded } from '../streams/lazyHistory';
import type { ResultEntry } from './resultState';
import { RESULTS_SCHEMA, resultTableName } from './sql';

/** The query id a result table is named after (`resultTableId` drops a UUID's dashes); undefined for any other name. */
export function queryIdOfTable(table: string): string | undefined {
  const hex = /^sextant_results\."q_([0-9a-f]{32})"$/.exec(table)?.[1];
  return hex && `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether a kept table (`resultTableName`), not a sorted or filtered copy of one (pageView.ts: `<result>_v_<key>`). */
export const isResultTable = (table: string): boolean => table.startsWith(`${RESULTS_SCHEMA}."q_`) && !table.includes('_v_');

/**
 * The results the runner knows, by query id. Main's view may come from a snapshot whose histories
 * load on first read (docs/store.md, "Snapshots"): such sessions are indexed when first needed
 * (a page, an export, an event of theirs, a kept table to account for), not at start, so a start
 * does not parse a year of history to index it.
 */
export class ResultIndex {
  private readonly entries = new Map<string, ResultEntry>();
  private readonly byTable = new Map<string, string>();
  /** Sessions from the start's view not indexed yet, by id. */
  private readonly unindexed = new Map<string, SessionView>();

  private readonly kept: Set<string>;

  /** `kept`: the result tables DuckDB holds at start; a completed query without one is evicted. */
  constructor(kept: ReadonlySet<string>) {
    this.kept = new Set(kept);
  }

  /** The entry of `queryId` if it is indexed already: no history is read to find it. */
  peek(queryId: string): ResultEntry | undefined {
    return this.entries.get(queryId);
  }

  /** A result table was dropped (evicted): a session indexed later must not count it kept. */
  dropped(table: string): void {
    this.kept.delete(table);
  }

  /** A session of the start's view: indexed now when its history is loaded, else when first needed. */
  addSession(session: SessionView): void {
    if (historyLoaded(session)) this.index(session);
    else this.unindexed.set(session.id, session);
  }

  set(queryId: string, entry: ResultEntry): void {
    this.entries.set(queryId, entry);
    this.byTable.set(entry.table, queryId);
  }

  /** The entry of `queryId`; `sessionId`, when known, says where to look first. */
  get(queryId: string, sessionId?: string): ResultEntry | undefined {
    return this.entries.get(queryId) ?? this.search(() => this.entries.get(queryId), sessionId);
  }

  /** The query whose result `table` is, if it is one of the index's completed results. */
  queryOfTable(table: string): string | undefined {
    return this.byTable.get(table) ?? this.search(() => this.byTable.get(table));
  }

  /**
   * Indexes unindexed sessions until `found` answers: the hinted one, then those whose history is
   * loaded already (free), then the rest, one by one.
   */
  private search<T>(found: () => T | undefined, sessionId?: string): T | undefined {
    if (this.unindexed.size === 0) return undefined;
    const hinted = sessionId === undefined ? undefined : this.unindexed.get(sessionId);
    const order = [...(hinted ? [hinted] : []), ...[...this.unindexed.values()].sort((a, b) => Number(historyLoaded(b)) - Number(historyLoaded(a)))];
    for (const session of order) {
      if (!this.unindexed.has(session.id)) continue;
      this.index(session);
      const hit = found();
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  private index(session: SessionView): void {
    this.unindexed.delete(session.id);
    for (const h of session.history) {
      if (!isCompleted(h.phase) || this.entries.has(h.queryId)) continue;
      const table = resultTableName(h.queryId);
      const columns = h.columns ?? [];
      const present = columns.length === 0 || this.kept.has(table);
      this.set(h.queryId, {
        queryId: h.queryId,
        sessionId: session.id,
        sql: h.sql,
        table,
        rows: present ? { kind: 'kept', columns, rowCount: columns.length === 0 ? 0 : (h.rowCount ?? 0) } : { kind: 'evicted', columns, rowCount: h.rowCount ?? 0 },
        views: new Map(),
      });
    }
  }
}
