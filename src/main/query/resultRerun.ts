import { appError, type AppError } from '../../shared/contracts/errors';
import type { Column } from '../../shared/contracts/events';
import { newErrorId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import { countText } from '../../shared/text/counts';
import type { ProgressFields } from './resultProgress';
import { producingHooks } from './resultProgress';
import type { ResultCache } from './resultCache';
import { producing, type ResultEntry, type ResultRows } from './resultState';
import type { ResultViews } from './resultViews';
import type { QueryWorker } from './queryWorker';
import type { RunOutcome } from './workerProtocol';
import type { DatasetAvailability } from '../catalog/datasetAvailability';
import { notHereSentence } from './notHereSentence';

export interface RerunDeps {
  readonly queryWorker: QueryWorker;
  readonly cache: ResultCache;
  readonly views: ResultViews;
  readonly log: Logger;
  /** What DuckDB reads of the catalog: a failed re-run stands until it changes. */
  readonly datasets: DatasetAvailability;
  /** Progress frames on the result's session topic: the grid showing it refreshes on them. */
  readonly publish: (entry: ResultEntry, p: ProgressFields) => void;
}

/** Results whose re-run a worker crash cut off: re-run once more, not for ever. */
const crashedOnce = new WeakSet<ResultEntry>();

/**
 * A completed result whose table is gone: runs its SQL again into the same table, with no new
 * events (the query's phase stays Completed). Rows are announced as they come, like a running
 * query's, and once more with the final count when the re-run is done. The history, the status
 * bar and the grid's row count are the recorded completion's, so a re-run whose row count or
 * columns differ (its data changed, or it is not deterministic: a sample, `random()`) cannot stand for it: it is refused and its table dropped.
 * A failure stands until DuckDB's datasets change (`standsUntilDatasetsChange`), then the result re-runs again.
 * Only SQL that reads is run again: anything else is refused before it runs (rerunGuard.worker.ts).
 */
export function rerunResult(entry: ResultEntry, deps: RerunDeps): void {
  const recorded = entry.rows;
  if (recorded.kind !== 'evicted') return;
  deps.views.dropAll(entry); // sorted/filtered copies of the old rows
  const { columns } = recorded;
  const available = deps.datasets;
  const since = available.generation;
  entry.rows = { ...producing(columns), rerun: true };
  deps.log.info({ queryId: entry.queryId }, 're-running a result that was not kept');
  const publish = (p: ProgressFields): void => deps.publish(entry, p);
  const started = performance.now();
  const elapsedMs = (): number => Math.round(performance.now() - started);
  deps.queryWorker.run(entry.sql, entry.table, producingHooks(entry, publish), true).done.then(
    async (outcome) => {
      const changed = changeSince(recorded, outcome);
      if (changed === undefined) {
        entry.rows = { kind: 'kept', columns: outcome.columns, rowCount: outcome.rowCount, rerun: true };
        deps.cache.noteCompleted(entry.queryId, entry.table);
        return publish({ elapsedMs: elapsedMs(), rowsAvailable: outcome.rowCount });
      }
      const error = appError(newErrorId(), 'RESULT_NOT_FOUND', `This result was not kept, and running its SQL again ${changed}; run the query again for what it gives now.`, {
        details: { queryId: entry.queryId, recordedRows: recorded.rowCount, rows: outcome.rowCount },
      });
      deps.log.warn({ errorId: error.id, queryId: entry.queryId }, `a re-run result differs from the recorded one: ${error.message}`);
      const refused = { kind: 'none', error } as const;
      entry.rows = refused;
      // Left in place, the next start would index the table as the recorded result (resultIndex.ts).
      await deps.cache.drop(entry.table);
      publish({ elapsedMs: elapsedMs(), rowsAvailable: 0 }); // the grid looks again and finds the refusal
      standsUntilDatasetsChange(entry, refused, recorded, { available, since, publish });
    },
    async (e: unknown) => {
      const error = e as AppError;
      deps.log.warn({ errorId: error.id, queryId: entry.queryId }, `re-running a result failed: ${error.message}`);
      if (error.details?.['rerun'] === 'refused') {
        // SQL that does not only read (rerunGuard.worker.ts): refused for good, whatever the datasets do.
        entry.rows = { kind: 'none', error };
        return publish({ elapsedMs: elapsedMs(), rowsAvailable: 0 });
      }
      // A crash of the worker says nothing about the SQL: the next page re-runs it on the new thread,
      // once (the frame below makes the grid ask again, so SQL that crashes every thread must stop).
      const retry = error.code === 'WORKER_CRASHED' && !crashedOnce.has(entry);
      if (retry) crashedOnce.add(entry);
      const why = retry ? undefined : ((await notHereSentence(deps.queryWorker, entry.sql, available, 'and the result runs again')) ?? error.message);
      const failed = why === undefined ? undefined : ({ kind: 'none', error: { ...error, code: 'RESULT_NOT_FOUND', message: `This result was not kept, and running its SQL again failed: ${why}` } } as const);
      entry.rows = failed ?? recorded;
      // Nothing is readable: a frame saying so makes the grid look again (and re-run, or find the failure).
      publish({ elapsedMs: elapsedMs(), rowsAvailable: 0 });
      if (failed) standsUntilDatasetsChange(entry, failed, recorded, { available, since, publish });
    },
  );
}

/**
 * A column type as DuckDB stores it: JSON is an alias of VARCHAR, and a log written before a JSON
 * list was named by its element's alias recorded `VARCHAR[]` where a re-run now says `JSON[]`.
 */
const storedType = (type: string): string => type.replace(/\bJSON\b/g, 'VARCHAR');

/** How a re-run's outcome differs from the recorded completion, as a clause; undefined when it does not. */
function changeSince(recorded: Extract<ResultRows, { kind: 'evicted' }>, outcome: RunOutcome): string | undefined {
  const text = (cols: readonly Column[]): string => cols.map((c) => `${c.name} ${c.type}`).join(', ');
  const stored = (cols: readonly Column[]): string => cols.map((c) => `${c.name} ${storedType(c.type)}`).join(', ');
  if (stored(outcome.columns) !== stored(recorded.columns)) return `gave other columns (${text(outcome.columns)}) than when it ran (${text(recorded.columns)})`;
  if (outcome.rowCount !== recorded.rowCount) return `gave ${countText(outcome.rowCount, 'row')}, not the ${countText(recorded.rowCount, 'row')} it gave when it ran`;
  return undefined;
}

/**
 * A failed or refused re-run is the answer until the datasets DuckDB reads change (one located,
 * added again, brought back by an undo): then what was missing may be there, so the result goes
 * back to its recorded rows and the grid showing it is told to ask again, which re-runs it. A change
 * while it ran counts: it goes back at once. SQL that fails on any data costs one re-run per change.
 */
function standsUntilDatasetsChange(
  entry: ResultEntry,
  failed: ResultRows,
  recorded: ResultRows,
  { available, since, publish }: { available: DatasetAvailability; since: number; publish: (p: ProgressFields) => void },
): void {
  const again = (): void => {
    if (entry.rows !== failed) return; // replaced since (the query ran again, the session went): not this failure's to undo
    entry.rows = recorded;
    // No row count: the failure's frame said 0 already, and a grid asks again only when the count it was told changes.
    publish({ elapsedMs: 0 });
  };
  if (available.generation !== since) again();
  else available.onceRegistered(again);
}
