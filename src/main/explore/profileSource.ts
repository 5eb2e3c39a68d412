import { appError, fail, ok, type Result } from '../../shared/contracts/errors';
import type { DatasetTable } from '../../shared/contracts/events';
import { tableLabel, tableRelation } from '../../shared/domain/datasetRelation';
import type { PageFilter } from '../../shared/contracts/pageView';
import type { ProfileTarget } from '../../shared/explore/columnProfile';
import type { AppView } from '../../shared/views/appView';
import { newErrorId } from '../platform/ids';
import type { QueryRunner } from '../query/queryRunner';
import { completedIn, RerunWaits, type Kept } from '../query/rerunWaits';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { badProfileFilter, profileRows } from './profileRows';
import type { ProfileColumn } from './profileSql';
import { isReady } from '../../shared/domain/datasetLifecycle';

/** What a profile reads: a relation, its columns, and what its cache belongs to. */
export interface ProfileSource {
  /**
   * The owner of the profiles' cache: a kept result's rows, a dataset's view. The runner and the
   * projection replace that object when the rows change or go, and the cache goes with it.
   */
  readonly key: object;
  /** Which rows of `key` are read: '' for all of them, else the result's filters (each filter has a cache of its own). */
  readonly variant: string;
  /** The table, view or filtered rows as SQL, quoted. */
  readonly relation: string;
  /** Values bound as $1, $2, … in `relation` (a filter's). */
  readonly params: readonly string[];
  readonly columns: readonly ProfileColumn[];
  /** The row count when it is known without counting (a whole result's). */
  readonly totalRows?: number;
  /** A filtered result's rows before its filters: the "of 100 rows" of "48 of 100 rows". */
  readonly unfilteredRows?: number;
}

export type ResolveProfileSource = (target: ProfileTarget, signal?: AbortSignal) => Promise<Result<ProfileSource>>;

const cancelled = () => appError(newErrorId(), 'INTERRUPTED', 'The profile was cancelled.');

/**
 * Finds what a profile request names: a complete result (its `c0, c1, …` table, or the rows of it
 * its view's filters keep) or a ready dataset's view. A completed result being re-run on demand
 * (evicted, or imported into a data dir that does not hold its table) is waited for, as its grid
 * and its charts wait, instead of being refused as incomplete with nothing to ask again.
 */
export function profileSources(runner: Pick<QueryRunner, 'keptResult' | 'progressed'>, view: () => AppView): ResolveProfileSource {
  const reruns = new RerunWaits(runner);
  const completed = (queryId: string) => completedIn(view(), queryId);
  return async (target, signal) => {
    switch (target.kind) {
      case 'result': {
        let kept = runner.keptResult(target.queryId);
        if (!kept.ok && kept.error.code === 'RESULT_INCOMPLETE' && completed(target.queryId)) {
          const after = await unlessAborted(reruns.kept(target.queryId, () => signal?.aborted !== true), signal);
          if (after === undefined) return fail(cancelled());
          kept = after;
        }
        return kept.ok ? resultSource(kept.value, target.filter ?? []) : kept;
      }
      case 'dataset': {
        const dataset = view().datasets[target.datasetId];
        if (!dataset || !isReady(dataset.status) || dataset.name === undefined) {
          return fail(appError(newErrorId(), 'DATASET_NOT_FOUND', 'That dataset is not ready to profile.', { details: { datasetId: target.datasetId } }));
        }
        if (dataset.tables) return databaseTableSource(dataset.name, dataset.tables, target);
        if (target.table !== undefined) return fail(appError(newErrorId(), 'DATASET_NOT_FOUND', `${dataset.name} is not a database file: it has no tables.`));
        return ok({ key: dataset, variant: '', relation: quoteIdent(dataset.name), params: [], columns: dataset.columns.map((c) => ({ name: c.name, type: c.type, ref: c.name })) });
      }
    }
  };
}

/**
 * A DuckDB database file's table, read as `<dataset>.<table>` as its "Query this table" reads it.
 * Its cache belongs to the table as the view holds it, replaced when the file is registered again.
 */
function databaseTableSource(name: string, tables: readonly DatasetTable[], { table, schema }: Pick<DatasetTable, 'schema'> & { table?: string }): Result<ProfileSource> {
  if (table === undefined) return fail(appError(newErrorId(), 'DATASET_UNSUPPORTED', `${name} is a database of several tables: profile one of them from its menu.`));
  const found = tables.find((t) => t.name === table && t.schema === schema);
  if (!found) return fail(appError(newErrorId(), 'DATASET_NOT_FOUND', `${name} has no table ${tableLabel({ name: table, schema })}.`, { details: { table, schema } }));
  return ok({ key: found, variant: '', relation: tableRelation(name, found, quoteIdent), params: [], columns: found.columns.map((c) => ({ name: c.name, type: c.type, ref: c.name })) });
}

/** A kept result's rows the grid shows: all of them, or those its filters keep (counted when profiled). */
function resultSource({ table, rows }: Extract<Kept, { ok: true }>['value'], filter: readonly PageFilter[]): Result<ProfileSource> {
  const bad = badProfileFilter(filter, rows.columns);
  if (bad !== undefined) return fail(appError(newErrorId(), 'INVALID_COMMAND', bad));
  const { relation, params } = profileRows(table, rows.columns, filter);
  const columns = rows.columns.map((c, i) => ({ name: c.name, type: c.type, ref: `c${i}` }));
  const rowsOf = filter.length > 0 ? { unfilteredRows: rows.rowCount } : { totalRows: rows.rowCount };
  return ok({ key: rows, variant: filter.length > 0 ? JSON.stringify(filter) : '', relation, params, columns, ...rowsOf });
}

/** `work`'s value, or undefined as soon as `signal` aborts (a wait for a re-run is left at once, not at its next frame). */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
  });
}
