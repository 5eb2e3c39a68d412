import type { AppError } from '../contracts/errors';
import type { Column, DatasetEvent, DatasetFormat, DatasetTable, DomainEvent, EventEnvelope, SessionEvent } from '../contracts/events';
import { assertNever } from '../domain/decider';
import type { QueryPhase } from '../domain/queryLifecycle';
import type { ExportFormat } from '../explore/exportFormat';
import { isPlainView, type ResultView } from '../domain/resultView';
import type { PivotSpec } from '../pivot/pivotSpec';

/**
 * The projected state the UI renders. One pure fold (`foldAppView`) runs in main (projections,
 * rebuilt at start) and in the renderer (folding streamed events), so the renderer's state at seq N
 * equals main's projection at seq N, filtered to what the renderer subscribed to.
 */
export interface HistoryEntry {
  readonly queryId: string;
  readonly sql: string;
  readonly phase: QueryPhase;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly rowCount?: number;
  readonly columns?: readonly Column[];
  readonly durationMs?: number;
  readonly error?: AppError;
  readonly cancelReason?: string;
  /** Finished exports of this result, oldest first ("Exported 3,000,000 rows as Parquet"). */
  readonly exports?: readonly ExportEntry[];
  /** How its result is sorted and filtered (ResultViewSet); absent while shown as it came. */
  readonly view?: ResultView;
  /** Its pivot's settings (PivotSet); absent while no pivot is open. */
  readonly pivot?: PivotSpec;
}

export interface ExportEntry {
  readonly format: ExportFormat;
  /** The file's path, or 'download' for a browser download. */
  readonly target: string;
  readonly rows: number;
  readonly bytes: number;
  readonly exportedAt: string;
}

export interface SessionView {
  readonly id: string;
  readonly title: string;
  readonly closed: boolean;
  /** The session aggregate's last seq: what a command on it must expect. */
  readonly version: number;
  /** Global seq of SessionOpened: tabs are ordered by it (a reopened tab goes back where it was). */
  readonly openedSeq: number;
  /** Global seq of the last time this tab was opened, reopened or switched to: the latest is the tab to show. */
  readonly activatedSeq: number;
  /** Global seq of SessionClosed while closed: the latest is the one "reopen closed session" brings back. */
  readonly closedSeq?: number;
  /** The editor's text as last saved (debounced), so a draft survives a restart. */
  readonly draft: string;
  readonly datasetIds: readonly string[];
  /** Oldest first; the last entry is the current or most recent query. */
  readonly history: readonly HistoryEntry[];
}

export interface DatasetView {
  readonly id: string;
  readonly source: string;
  readonly requestedSeq: number;
  readonly status: 'loading' | 'ready' | 'failed';
  readonly name?: string;
  readonly format?: DatasetFormat;
  readonly columns: readonly Column[];
  readonly error?: AppError;
  /** What DuckDB reads when it is not `source` (folder glob, downloaded copy, converted Arrow file). */
  readonly location?: string;
  /** A DuckDB database file's tables, queryable as `<name>.<table>`. */
  readonly tables?: readonly DatasetTable[];
  readonly download?: { readonly bytes: number; readonly sha256: string };
}

export interface AppView {
  readonly sessions: Readonly<Record<string, SessionView>>;
  readonly datasets: Readonly<Record<string, DatasetView>>;
}

export const emptyView = (): AppView => ({ sessions: {}, datasets: {} });

type Meta = Pick<EventEnvelope, 'globalSeq' | 'aggregateId' | 'aggregateSeq' | 'occurredAt'>;

/** What a view folds: a domain event and its place in the log (no ids, topic or metadata needed). */
export type ViewEvent = DomainEvent & Pick<EventEnvelope, 'globalSeq' | 'aggregateType' | 'aggregateId' | 'aggregateSeq' | 'occurredAt'>;

/** Pure fold of one stored event into the app view: `foldAppView` of a one-event batch. */
export function evolveAppView(view: AppView, e: ViewEvent): AppView {
  return foldAppView(view, [e]);
}

/**
 * Pure fold of events into the app view, the one fold main and the renderer share. Nothing passed in
 * is changed, and nothing returned is changed later; when no event changes anything, `view` itself
 * comes back.
 *
 * Inside one call, the sessions record, each session and each history array are copied at most
 * once, on first write, and then written in place (as are history entries the call itself made):
 * a batch of n events costs O(n) plus one copy of what it touches, where folding them one by one
 * would copy the record and the session's history on every event (quadratic over a long log).
 */
export function foldAppView(view: AppView, events: readonly ViewEvent[]): AppView {
  return foldAppViewBatches(view, [events]);
}

/** `foldAppView` of the batches' events in order, as one call: what a rebuild reading the log in batches needs. */
export function foldAppViewBatches(view: AppView, batches: Iterable<readonly ViewEvent[]>): AppView {
  const draft = new ViewDraft(view);
  for (const events of batches) {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.aggregateType === 'QuerySession') draft.applySession(e as ViewEvent & SessionEvent);
      else draft.applyDataset(e as ViewEvent & DatasetEvent);
    }
  }
  return draft.result();
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type DraftSession = Mutable<SessionView> & { history: HistoryEntry[]; datasetIds: string[] };

/** The view being folded by one `foldAppView` call: copy on first write, then write in place. */
class ViewDraft {
  private sessions: Record<string, SessionView> | undefined;
  private datasets: Record<string, DatasetView> | undefined;
  /** Sessions this call made, by id: the only ones it may write to (one lookup per event finds and vouches for it). */
  private readonly ownedSessions = new Map<string, DraftSession>();
  /** datasetIds arrays this call made: the only ones it may write to. */
  private readonly owned = new Set<object>();
  /**
   * History arrays this call made, each with how many entries it took over from the earlier view:
   * entries from that index on were made by this call and may be written in place.
   */
  private readonly histories = new Map<readonly HistoryEntry[], number>();

  constructor(private readonly base: AppView) {}

  result(): AppView {
    if (!this.sessions && !this.datasets) return this.base;
    return { sessions: this.sessions ?? this.base.sessions, datasets: this.datasets ?? this.base.datasets };
  }

  applySession(e: ViewEvent & SessionEvent): void {
    const id = e.aggregateId;
    if (e.type === 'SessionOpened') {
      const opened: DraftSession = {
        id,
        title: e.payload.title,
        closed: false,
        version: e.aggregateSeq,
        openedSeq: e.globalSeq,
        activatedSeq: e.globalSeq,
        draft: '',
        datasetIds: [],
        history: [],
      };
      this.owned.add(opened.datasetIds);
      this.histories.set(opened.history, 0);
      this.ownedSessions.set(id, opened);
      this.writableSessions()[id] = opened;
      return;
    }
    const s = this.ownedSessions.get(id) ?? this.ownSession(id);
    if (!s) return; // nothing to fold into: a log may hold anything
    s.version = e.aggregateSeq;
    switch (e.type) {
      case 'SessionRenamed':
        s.title = e.payload.title;
        return;
      case 'SessionClosed':
        s.closed = true;
        s.closedSeq = e.globalSeq;
        return;
      case 'SessionReopened':
        s.closed = false;
        delete s.closedSeq;
        s.activatedSeq = e.globalSeq;
        return;
      case 'SessionActivated':
        s.activatedSeq = e.globalSeq;
        return;
      case 'DraftSaved':
        s.draft = e.payload.sql;
        return;
      case 'DatasetAttached':
        this.own(s, 'datasetIds').push(e.payload.datasetId);
        return;
      case 'QueryStarted': {
        const entry: Mutable<HistoryEntry> = { queryId: e.payload.queryId, sql: e.payload.sql, phase: 'Pending', startedAt: e.occurredAt };
        this.ownHistory(s).push(entry);
        return;
      }
      case 'ExecutionBegan': {
        const h = this.writableEntry(s, e.payload.queryId);
        if (h) h.phase = 'Executing';
        return;
      }
      // Finishing replaces the entry with a new object. One whose query never finished holds only
      // what QueryStarted gave it (finishing always sets finishedAt), so its finished form is one
      // literal with every field in place rather than the entry grown field by field.
      case 'QueryCompleted': {
        const i = entryIndex(s.history, e.payload.queryId);
        if (i === -1) return;
        const h = s.history[i]!;
        const { rowCount, columns, durationMs } = e.payload;
        this.ownHistory(s)[i] =
          h.finishedAt === undefined
            ? { queryId: h.queryId, sql: h.sql, phase: 'Completed', startedAt: h.startedAt, finishedAt: e.occurredAt, rowCount, columns, durationMs }
            : { ...h, phase: 'Completed', finishedAt: e.occurredAt, rowCount, columns, durationMs };
        return;
      }
      case 'QueryFailed': {
        const i = entryIndex(s.history, e.payload.queryId);
        if (i === -1) return;
        const h = s.history[i]!;
        const { error } = e.payload;
        this.ownHistory(s)[i] =
          h.finishedAt === undefined
            ? { queryId: h.queryId, sql: h.sql, phase: 'Failed', startedAt: h.startedAt, finishedAt: e.occurredAt, error }
            : { ...h, phase: 'Failed', finishedAt: e.occurredAt, error };
        return;
      }
      case 'QueryCancelled': {
        const i = entryIndex(s.history, e.payload.queryId);
        if (i === -1) return;
        const h = s.history[i]!;
        const cancelReason = e.payload.reason;
        this.ownHistory(s)[i] =
          h.finishedAt === undefined
            ? { queryId: h.queryId, sql: h.sql, phase: 'Cancelled', startedAt: h.startedAt, finishedAt: e.occurredAt, cancelReason }
            : { ...h, phase: 'Cancelled', finishedAt: e.occurredAt, cancelReason };
        return;
      }
      case 'ResultExported': {
        const h = this.writableEntry(s, e.payload.queryId);
        if (!h) return;
        const { format, target, rows, bytes } = e.payload;
        h.exports = [...(h.exports ?? []), { format, target, rows, bytes, exportedAt: e.occurredAt }];
        return;
      }
      case 'ResultViewSet': {
        const h = this.writableEntry(s, e.payload.queryId);
        if (!h) return;
        const { orderBy, filter } = e.payload;
        if (isPlainView({ orderBy, filter })) delete h.view;
        else h.view = { orderBy, filter };
        return;
      }
      case 'PivotSet': {
        const h = this.writableEntry(s, e.payload.queryId);
        if (!h) return;
        if (e.payload.spec) h.pivot = e.payload.spec;
        else delete h.pivot;
        return;
      }
      default:
        return assertNever(e);
    }
  }

  applyDataset(e: ViewEvent & DatasetEvent): void {
    const current = (this.datasets ?? this.base.datasets)[e.aggregateId];
    const next = evolveDataset(current, e, e);
    if (next === current) return;
    const datasets = this.writableDatasets();
    if (next === undefined) delete datasets[e.aggregateId];
    else datasets[e.aggregateId] = next;
  }

  /**
   * The entry of `queryId`, to write to. An entry this call did not make may be in an earlier view:
   * it is replaced by a copy, never written.
   */
  private writableEntry(s: DraftSession, queryId: string): Mutable<HistoryEntry> | undefined {
    const i = entryIndex(s.history, queryId);
    if (i === -1) return undefined;
    const history = this.ownHistory(s);
    if (i < this.histories.get(history)!) history[i] = { ...history[i]! };
    return history[i]!;
  }

  /** The session `id` of the view being folded, copied for this call to write to; undefined when there is none. */
  private ownSession(id: string): DraftSession | undefined {
    const session = (this.sessions ?? this.base.sessions)[id];
    if (!session) return undefined;
    const copy = { ...session } as DraftSession;
    this.ownedSessions.set(id, copy);
    this.writableSessions()[id] = copy;
    return copy;
  }

  private own(s: DraftSession, key: 'datasetIds'): string[] {
    if (this.owned.has(s[key])) return s[key];
    const copy = s[key].slice();
    this.owned.add(copy);
    s[key] = copy;
    return copy;
  }

  private ownHistory(s: DraftSession): HistoryEntry[] {
    if (this.histories.has(s.history)) return s.history;
    const copy = s.history.slice();
    this.histories.set(copy, copy.length);
    s.history = copy;
    return copy;
  }

  private writableSessions(): Record<string, SessionView> {
    return (this.sessions ??= { ...this.base.sessions });
  }

  private writableDatasets(): Record<string, DatasetView> {
    return (this.datasets ??= { ...this.base.datasets });
  }
}

/** Index of the entry of `queryId`, or -1. Queries finish in the order they start (one in flight per session): searched from the end. */
function entryIndex(history: readonly HistoryEntry[], queryId: string): number {
  let i = history.length - 1;
  while (i >= 0 && history[i]!.queryId !== queryId) i--;
  return i;
}

function evolveDataset(view: DatasetView | undefined, event: DatasetEvent, meta: Meta): DatasetView | undefined {
  switch (event.type) {
    case 'DatasetRequested':
      return { id: meta.aggregateId, source: event.payload.source, requestedSeq: meta.globalSeq, status: 'loading', columns: [] };
    case 'DatasetRegistered': {
      if (!view) return view;
      return { ...view, ...event.payload, status: 'ready' };
    }
    case 'DatasetFailed':
      return view && { ...view, status: 'failed', error: event.payload.error };
    case 'DatasetRemoved':
      return undefined;
    default:
      return assertNever(event);
  }
}

export { activeSession, canRun, currentQuery, datasetList, lastClosedSession, lastResult, openSessions, viewForPattern } from './appViewSelectors';
