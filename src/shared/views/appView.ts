import type { AppError } from '../contracts/errors';
import type { Column, DatasetEvent, DatasetFormat, DatasetTable, EventEnvelope, SessionEvent } from '../contracts/events';
import { CATALOG_TOPIC, matchTopic, sessionTopic } from '../contracts/topics';
import { assertNever } from '../domain/decider';
import { canStartQuery, type QueryPhase } from '../domain/queryLifecycle';

/**
 * The projected state the UI renders. The same pure functions run in main (projections, rebuilt at
 * start) and in the renderer (folding streamed events), so the renderer's state at seq N equals
 * main's projection at seq N, filtered to what the renderer subscribed to.
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

// Main's projections replay QueryStarted…QueryCancelled in place (AppViewBuilder, appViewBuilder.ts)
// for speed: change what they do here and there together; appViewBuilder.unit.spec.ts checks both agree.
export function evolveSession(view: SessionView | undefined, event: SessionEvent, meta: Meta): SessionView | undefined {
  if (event.type === 'SessionOpened') {
    return {
      id: meta.aggregateId,
      title: event.payload.title,
      closed: false,
      version: meta.aggregateSeq,
      openedSeq: meta.globalSeq,
      activatedSeq: meta.globalSeq,
      draft: '',
      datasetIds: [],
      history: [],
    };
  }
  if (!view) return view;
  const next = { ...view, version: meta.aggregateSeq };
  switch (event.type) {
    case 'SessionRenamed':
      return { ...next, title: event.payload.title };
    case 'SessionClosed':
      return { ...next, closed: true, closedSeq: meta.globalSeq };
    case 'SessionReopened': {
      const { closedSeq: _closedSeq, ...reopened } = next;
      return { ...reopened, closed: false, activatedSeq: meta.globalSeq };
    }
    case 'SessionActivated':
      return { ...next, activatedSeq: meta.globalSeq };
    case 'DraftSaved':
      return { ...next, draft: event.payload.sql };
    case 'DatasetAttached':
      return { ...next, datasetIds: [...view.datasetIds, event.payload.datasetId] };
    case 'QueryStarted':
      return {
        ...next,
        history: [
          ...view.history,
          { queryId: event.payload.queryId, sql: event.payload.sql, phase: 'Pending', startedAt: meta.occurredAt },
        ],
      };
    case 'ExecutionBegan':
      return updateEntry(next, event.payload.queryId, () => ({ phase: 'Executing' }));
    case 'QueryCompleted': {
      const { rowCount, columns, durationMs } = event.payload;
      return updateEntry(next, event.payload.queryId, () => ({
        phase: 'Completed',
        finishedAt: meta.occurredAt,
        rowCount,
        columns,
        durationMs,
      }));
    }
    case 'QueryFailed':
      return updateEntry(next, event.payload.queryId, () => ({
        phase: 'Failed',
        finishedAt: meta.occurredAt,
        error: event.payload.error,
      }));
    case 'QueryCancelled':
      return updateEntry(next, event.payload.queryId, () => ({
        phase: 'Cancelled',
        finishedAt: meta.occurredAt,
        cancelReason: event.payload.reason,
      }));
    default:
      return assertNever(event);
  }
}

/** Queries finish in the order they start (one in flight per session), so search from the end. */
function updateEntry(view: SessionView, queryId: string, patch: () => Partial<HistoryEntry>): SessionView {
  const i = view.history.findLastIndex((h) => h.queryId === queryId);
  if (i === -1) return view;
  const history = view.history.slice();
  history[i] = { ...view.history[i]!, ...patch() };
  return { ...view, history };
}

export function evolveDataset(view: DatasetView | undefined, event: DatasetEvent, meta: Meta): DatasetView | undefined {
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

const isSessionEnvelope = (e: EventEnvelope): e is EventEnvelope & SessionEvent => e.aggregateType === 'QuerySession';

/** Pure fold of one stored event into the app view. */
export function evolveAppView(view: AppView, e: EventEnvelope): AppView {
  if (isSessionEnvelope(e)) {
    const next = evolveSession(view.sessions[e.aggregateId], e, e);
    return next === view.sessions[e.aggregateId] ? view : { ...view, sessions: withEntry(view.sessions, e.aggregateId, next) };
  }
  const ds = e as EventEnvelope & DatasetEvent;
  const next = evolveDataset(view.datasets[ds.aggregateId], ds, ds);
  return next === view.datasets[ds.aggregateId] ? view : { ...view, datasets: withEntry(view.datasets, ds.aggregateId, next) };
}

function withEntry<T>(record: Readonly<Record<string, T>>, key: string, value: T | undefined): Record<string, T> {
  const copy = { ...record };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

/** The part of a view a subscription to `pattern` is entitled to see. */
export function viewForPattern(view: AppView, pattern: string): AppView {
  const sessions: Record<string, SessionView> = {};
  for (const [id, s] of Object.entries(view.sessions)) if (matchTopic(pattern, sessionTopic(id))) sessions[id] = s;
  return { sessions, datasets: matchTopic(pattern, CATALOG_TOPIC) ? view.datasets : {} };
}

/** Open sessions in the order they were opened: the tab strip. */
export function openSessions(view: AppView): SessionView[] {
  return Object.values(view.sessions)
    .filter((s) => !s.closed)
    .sort((a, b) => a.openedSeq - b.openedSeq);
}

/**
 * The tab to show: the open session switched to (or opened, or reopened) last. Closing the shown tab
 * falls back to the one used before it, as an editor's tab history does.
 */
export function activeSession(view: AppView): SessionView | undefined {
  let best: SessionView | undefined;
  for (const s of Object.values(view.sessions)) if (!s.closed && (!best || s.activatedSeq > best.activatedSeq)) best = s;
  return best;
}

/** The session "reopen closed session" brings back: the one closed last. */
export function lastClosedSession(view: AppView): SessionView | undefined {
  let best: SessionView | undefined;
  for (const s of Object.values(view.sessions)) if (s.closed && (!best || (s.closedSeq ?? 0) > (best.closedSeq ?? 0))) best = s;
  return best;
}

export function datasetList(view: AppView): DatasetView[] {
  return Object.values(view.datasets).sort((a, b) => a.requestedSeq - b.requestedSeq);
}

export const currentQuery = (s: SessionView): HistoryEntry | undefined => s.history.at(-1);

/** Whether the session may start a query now: none of its queries is in flight. */
export const canRun = (s: SessionView): boolean => canStartQuery(currentQuery(s)?.phase);

/** The latest completed query of a session: what the results grid shows. */
export const lastResult = (s: SessionView): HistoryEntry | undefined => s.history.findLast((h) => h.phase === 'Completed');
