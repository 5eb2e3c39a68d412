import type { EventEnvelope } from '../../shared/contracts/events';
import type { HistoryDatasetRow, HistoryEventRow, HistoryQueryRow, HistorySessionRow } from '../query/workerProtocol';
import { endedRunMs, withoutResultSet } from '../../shared/domain/queryLifecycle';
import { phaseAfter, type DatasetPhase } from '../../shared/domain/datasetLifecycle';

/** What changed since the last batch: every new event, and the latest whole row of each changed query, session and dataset. */
export interface HistoryChanges {
  readonly events: HistoryEventRow[];
  readonly queries: Map<string, HistoryQueryRow>;
  readonly sessions: Map<string, HistorySessionRow>;
  readonly datasets: Map<string, HistoryDatasetRow>;
}

export const noChanges = (): HistoryChanges => ({ events: [], queries: new Map(), sessions: new Map(), datasets: new Map() });

export const isEmpty = (c: HistoryChanges): boolean => c.events.length === 0 && c.queries.size === 0 && c.sessions.size === 0 && c.datasets.size === 0;

/**
 * `sextant.datasets.status` in its published words (docs/share.md), one for each phase of the one
 * dataset lifecycle (datasetLifecycle.ts), whose `phaseAfter` says which event moves a row to which;
 * `removed` is the row's own, kept after the catalog drops the dataset. A person's saved SQL compares
 * these strings, so they stay as published rather than the view's; a new phase needs a word here.
 */
const HISTORY_STATUS = { loading: 'pending', ready: 'registered', failed: 'failed' } as const satisfies Record<DatasetPhase, HistoryDatasetRow['status']>;

/** A person sees an error's id, code and message; its stack (internal paths) stays in the log. */
const withoutStacks = (key: string, value: unknown): unknown => (key === 'stack' ? undefined : value);

/**
 * What an undoable action changed in a row, by `<aggregate id>/<aggregate seq>`, so an ActionUndone
 * or ActionRedone (which names only that seq) puts it back or does it again. The deciders only record
 * an undo or redo of the action on top of its stack, so the one named is always the one to apply.
 */
type UndoableChange =
  | { readonly type: 'SessionRenamed'; readonly before: string; readonly after: string }
  | { readonly type: 'SessionClosed' | 'SessionReopened' }
  | { readonly type: 'DatasetRemoved'; readonly before: HistoryDatasetRow['status'] };

/**
 * The rows of the `sextant` tables, folded from the log one event at a time (docs/share.md,
 * "History as data"). Main keeps the current row of every query, session and dataset so a change
 * sends the whole row and the worker replaces it by id.
 */
export class HistoryRows {
  private readonly queries = new Map<string, HistoryQueryRow>();
  private readonly sessions = new Map<string, HistorySessionRow>();
  private readonly datasets = new Map<string, HistoryDatasetRow>();
  private readonly undoable = new Map<string, UndoableChange>();

  apply(e: EventEnvelope, into: HistoryChanges): void {
    into.events.push({
      globalSeq: e.globalSeq,
      type: e.type,
      topic: e.topic,
      aggregateType: e.aggregateType,
      aggregateId: e.aggregateId,
      aggregateSeq: e.aggregateSeq,
      occurredAt: e.occurredAt,
      payload: JSON.stringify(e.payload, withoutStacks),
    });
    const at = e.occurredAt;
    const query = (queryId: string, change: (q: HistoryQueryRow) => HistoryQueryRow): void => {
      const q = this.queries.get(queryId);
      if (q) this.put(this.queries, into.queries, queryId, change(q));
    };
    const session = (change: (s: HistorySessionRow) => HistorySessionRow): void => {
      const s = this.sessions.get(e.aggregateId);
      if (s) this.put(this.sessions, into.sessions, e.aggregateId, change(s));
    };
    const dataset = (change: (d: HistoryDatasetRow) => HistoryDatasetRow): void => {
      const d = this.datasets.get(e.aggregateId);
      if (d) this.put(this.datasets, into.datasets, e.aggregateId, change(d));
    };
    const undoable = (change: UndoableChange): void => void this.undoable.set(`${e.aggregateId}/${e.aggregateSeq}`, change);
    const closed = (s: HistorySessionRow): HistorySessionRow => ({ ...s, closedAt: at, status: 'closed' });
    const open = (s: HistorySessionRow): HistorySessionRow => ({ ...s, closedAt: null, status: 'open' });
    switch (e.type) {
      case 'SessionOpened':
      case 'SessionForked':
        return this.put(this.sessions, into.sessions, e.aggregateId, { sessionId: e.aggregateId, title: e.payload.title, openedAt: at, closedAt: null, status: 'open' });
      case 'SessionRenamed':
        undoable({ type: e.type, before: this.sessions.get(e.aggregateId)?.title ?? e.payload.title, after: e.payload.title });
        return session((s) => ({ ...s, title: e.payload.title }));
      case 'SessionClosed':
        undoable({ type: e.type });
        return session(closed);
      case 'SessionReopened':
        undoable({ type: e.type });
        return session(open);
      case 'ActionUndone':
      case 'ActionRedone': {
        const change = this.undoable.get(`${e.aggregateId}/${e.payload.seq}`);
        const back = e.type === 'ActionUndone';
        switch (change?.type) {
          case 'SessionRenamed':
            return session((s) => ({ ...s, title: back ? change.before : change.after }));
          case 'SessionClosed':
          case 'SessionReopened':
            return session(back === (change.type === 'SessionClosed') ? open : closed);
          case 'DatasetRemoved':
            return dataset((d) => ({ ...d, status: back ? change.before : 'removed' }));
          default:
            return; // a sort, filter, chart or pivot: in sextant.events only
        }
      }
      case 'QueryStarted':
        return this.put(this.queries, into.queries, e.payload.queryId, {
          queryId: e.payload.queryId,
          sessionId: e.aggregateId,
          sql: e.payload.sql,
          startedAt: at,
          finishedAt: null,
          durationMs: null,
          rows: null,
          status: 'running',
          errorCode: null,
          errorMessage: null,
          datasetsRead: [],
        });
      case 'QueryCompleted':
        return query(e.payload.queryId, (q) => ({ ...q, finishedAt: at, durationMs: e.payload.durationMs, rows: withoutResultSet(e.payload.columns) ? null : e.payload.rowCount, status: 'completed', datasetsRead: (e.payload.inputs ?? []).map((i) => i.name) }));
      case 'QueryFailed':
        return query(e.payload.queryId, (q) => ({ ...q, finishedAt: at, durationMs: endedRunMs(q.startedAt, at, e.payload) ?? null, status: 'failed', errorCode: e.payload.error.code, errorMessage: e.payload.error.message, datasetsRead: (e.payload.inputs ?? []).map((i) => i.name) }));
      case 'QueryCancelled':
        return query(e.payload.queryId, (q) => ({ ...q, finishedAt: at, durationMs: endedRunMs(q.startedAt, at, e.payload) ?? null, status: 'cancelled' }));
      case 'DatasetRequested':
        return this.put(this.datasets, into.datasets, e.aggregateId, {
          datasetId: e.aggregateId,
          name: null,
          source: e.payload.source,
          format: null,
          status: HISTORY_STATUS[phaseAfter[e.type]],
          requestedAt: at,
          registeredAt: null,
          errorCode: null,
        });
      case 'DatasetRegistered':
        return dataset((d) => ({ ...d, name: e.payload.name, source: e.payload.source, format: e.payload.format, status: HISTORY_STATUS[phaseAfter[e.type]], registeredAt: at }));
      case 'DatasetFailed':
        return dataset((d) => ({ ...d, status: HISTORY_STATUS[phaseAfter[e.type]], errorCode: e.payload.error.code }));
      case 'DatasetRemoved':
        undoable({ type: e.type, before: this.datasets.get(e.aggregateId)?.status ?? HISTORY_STATUS.ready });
        return dataset((d) => ({ ...d, status: 'removed' }));
      default:
        // Every other event (drafts, views, charts…) is in sextant.events and changes no row.
        return;
    }
  }

  private put<R>(rows: Map<string, R>, changed: Map<string, R>, id: string, row: R): void {
    rows.set(id, row);
    changed.set(id, row);
  }
}
