import type { AppError } from '../../shared/contracts/errors';
import type { QueryProgress } from '../../shared/contracts/frames';
import { isInFlight } from '../../shared/domain/queryLifecycle';
import type { AppView } from '../../shared/views/appView';
import { lastQuery } from '../streams/lazyHistory';
import type { EndCommand } from './queryEnds';
import { withAvailable, withColumns, type ResultEntry, type ResultRows } from './resultState';
import type { RunHooks } from './workerThread';

/** A query progress frame without the fields that say which query it is about. */
export type ProgressFields = Omit<QueryProgress, 'kind' | 'topic' | 'sessionId' | 'queryId'>;

/**
 * Worker hooks for a result being produced (a running query, or a re-run of an evicted result):
 * they say where it waits while it is queued, keep its rows current and publish `rowsAvailable` in
 * a progress frame the moment more rows can be paged. That frame is the one signal that rows are
 * ready: clients fetch pages on it, nothing waits or polls. Ticks repeat the count, so a client
 * that missed a frame catches up.
 */
export function producingHooks(entry: ResultEntry, publish: (p: ProgressFields) => void, onBegan: () => void = () => {}): RunHooks {
  const started = performance.now();
  const elapsedMs = (): number => Math.round(performance.now() - started);
  const available = (): number => (entry.rows.kind === 'producing' ? entry.rows.available : 0);
  const rowsReady = (rows: number, head?: Parameters<RunHooks['onHead']>[0]): void => {
    if (entry.rows.kind !== 'producing') return;
    entry.rows = withAvailable(entry.rows, rows, head);
    publish({ elapsedMs: elapsedMs(), rowsAvailable: available() });
  };
  let queued = false;
  return {
    // While it waits for a free slot, its frames say where it stands; the first without that says it runs.
    onQueued: (place) => {
      queued = true;
      publish({ elapsedMs: elapsedMs(), queued: place });
    },
    onBegan: () => {
      if (queued) publish({ elapsedMs: elapsedMs() });
      onBegan();
    },
    onProgress: (p) => publish({ ...p, ...(available() > 0 ? { rowsAvailable: available() } : {}) }),
    onColumns: (columns) => {
      entry.rows = withColumns(entry.rows, columns);
    },
    onHead: (head) => rowsReady(head[0]?.length ?? 0, head),
    onRows: (rows) => rowsReady(rows),
  };
}

/**
 * The progress of a query whose end waits for the store (queryEnds.ts): why, as the store refused
 * the last attempt (its code, message and id: the id of the log line saying the end waits; not its
 * cause or stack), the rows still pageable, and the time since the query started (`startedAt`).
 */
export function waitingFields(rows: ResultRows | undefined, command: EndCommand, refusal: AppError, startedAt: string | undefined, now = Date.now()): ProgressFields {
  const error: AppError = { id: refusal.id, code: refusal.code, message: refusal.message };
  return {
    elapsedMs: startedAt === undefined ? 0 : Math.max(0, now - Date.parse(startedAt)),
    ...(rows?.kind === 'producing' ? { rowsAvailable: rows.available } : {}),
    waitingToSave: command.type === 'CompleteQuery' ? { ending: 'completed', rowCount: command.rowCount, error } : { ending: 'failed', error },
  };
}

/**
 * The latest progress of each query a runner runs or ends, until it has ended: what a window that
 * subscribes meanwhile is sent as soon as it is live (streams/streamManager.ts). Without it that
 * window shows nothing until the next frame, which for an end waiting for the store is its next
 * attempt, up to 30 s away, the query looking as if it still ran.
 */
export class LatestProgress {
  private readonly byQuery = new Map<string, QueryProgress>();

  set(progress: QueryProgress): void {
    this.byQuery.set(progress.queryId, progress);
  }

  /** The query's run and its end are over: nothing of it is kept. */
  forget(queryId: string): void {
    this.byQuery.delete(queryId);
  }

  /**
   * Of the queries still in flight in `view`. The view holds each event before it is published, in
   * the append's own step, so once a query's end is stored its progress is not sent again, however
   * late `forget` comes (the runner lets go of a run only after its end's bookkeeping).
   */
  current(view: AppView): QueryProgress[] {
    return [...this.byQuery.values()].filter((p) => {
      const session = view.sessions[p.sessionId];
      const last = session && lastQuery(session);
      return last?.queryId === p.queryId && isInFlight(last.phase);
    });
  }
}
