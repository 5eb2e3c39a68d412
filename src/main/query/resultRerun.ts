import type { AppError } from '../../shared/contracts/errors';
import type { Logger } from '../platform/logger';
import type { ProgressFields } from './resultProgress';
import { producingHooks } from './resultProgress';
import type { ResultCache } from './resultCache';
import { producing, type ResultEntry } from './resultState';
import type { ResultViews } from './resultViews';
import type { QueryWorker } from './queryWorker';

export interface RerunDeps {
  readonly pool: QueryWorker;
  readonly cache: ResultCache;
  readonly views: ResultViews;
  readonly log: Logger;
  /** Progress frames on the result's session topic: the grid showing it refreshes on them. */
  readonly publish: (entry: ResultEntry, p: ProgressFields) => void;
}

/** Results whose re-run a worker crash cut off: re-run once more, not for ever. */
const crashedOnce = new WeakSet<ResultEntry>();

/**
 * A completed result whose table is gone: runs its SQL again into the same table, with no new
 * events (the query's phase stays Completed). Rows are announced as they come, like a running
 * query's, and once more with the final count when the re-run is done.
 */
export function rerunResult(entry: ResultEntry, deps: RerunDeps): void {
  if (entry.rows.kind !== 'evicted') return;
  deps.views.dropAll(entry); // sorted/filtered copies of the old rows
  const { columns } = entry.rows;
  entry.rows = producing(columns);
  deps.log.info({ queryId: entry.queryId }, 're-running a result that was not kept');
  const publish = (p: ProgressFields): void => deps.publish(entry, p);
  const started = performance.now();
  deps.pool.run(entry.sql, entry.table, producingHooks(entry, publish)).done.then(
    (outcome) => {
      entry.rows = { kind: 'kept', columns: outcome.columns, rowCount: outcome.rowCount };
      deps.cache.noteCompleted(entry.queryId, entry.table);
      publish({ elapsedMs: Math.round(performance.now() - started), rowsAvailable: outcome.rowCount });
    },
    (e: unknown) => {
      const error = e as AppError;
      deps.log.warn({ errorId: error.id, queryId: entry.queryId }, `re-running a result failed: ${error.message}`);
      // A crash of the worker says nothing about the SQL: the next page re-runs it on the new thread,
      // once (the frame below makes the grid ask again, so SQL that crashes every thread must stop).
      const retry = error.code === 'WORKER_CRASHED' && !crashedOnce.has(entry);
      if (retry) crashedOnce.add(entry);
      entry.rows = retry
        ? { kind: 'evicted', columns }
        : { kind: 'none', error: { ...error, code: 'RESULT_NOT_FOUND', message: `This result was not kept, and running its SQL again failed: ${error.message}` } };
      // Nothing is readable: a frame saying so makes the grid look again (and re-run, or find the failure).
      publish({ elapsedMs: Math.round(performance.now() - started), rowsAvailable: 0 });
    },
  );
}
