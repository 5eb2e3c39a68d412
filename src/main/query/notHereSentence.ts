import type { DatasetAvailability } from '../catalog/datasetAvailability';
import type { AppError } from '../../shared/contracts/errors';
import type { DatasetView } from '../../shared/views/appView';
import { queryInputs } from './queryInputs';
import type { QueryWorker } from './queryWorker';
import { tableRefs } from './tableRefs';

/**
 * Why SQL failed when it read a catalog dataset whose file is not on this machine, in plain words
 * (DuckDB only says the name does not exist, or that no file matches), ending in `then` (what
 * follows a Locate); undefined when it read none, or asking failed. A query's failure and a result's
 * re-run both say it.
 */
export async function notHereSentence(pool: Pick<QueryWorker, 'request'>, sql: string, available: DatasetAvailability, then: string): Promise<string | undefined> {
  const missing = available.missing();
  if (missing.length === 0) return undefined;
  try {
    const parsed = tableRefs(await pool.request({ type: 'parseTree', sql }));
    if (!parsed) return undefined;
    const byId = new Map<string, DatasetView>(missing.map((d) => [d.id, d]));
    const read = queryInputs(parsed, Object.fromEntries(byId)).flatMap((i) => byId.get(i.datasetId) ?? []);
    if (read.length === 0) return undefined;
    const each = read.map((d) => `“${d.name ?? d.source}” (read from ${d.source})`);
    const one = read.length === 1;
    return `${one ? 'the dataset' : 'the datasets'} ${each.join(', ')} ${one ? 'is' : 'are'} not on this machine. Locate ${one ? 'its file' : 'their files'} (“Locate…”), ${then}.`;
  } catch {
    return undefined; // DuckDB's own message says enough
  }
}

/**
 * Why SQL failed when it named a dataset removed from the catalog, in plain words (DuckDB says the
 * table does not exist and suggests a name of its own, "Did you mean pg_views?"); undefined when
 * it named none, or asking failed.
 */
async function removedSentence(pool: Pick<QueryWorker, 'request'>, sql: string, removed: readonly DatasetView[], duckdb: string): Promise<string | undefined> {
  if (removed.length === 0 || !/does not exist/i.test(duckdb)) return undefined;
  try {
    const parsed = tableRefs(await pool.request({ type: 'parseTree', sql }));
    if (!parsed) return undefined;
    const byId = new Map<string, DatasetView>(removed.map((d) => [d.id, d]));
    const [first] = queryInputs(parsed, Object.fromEntries(byId)).flatMap((i) => byId.get(i.datasetId) ?? []);
    return first && `the dataset “${first.name ?? first.source}” was removed from the catalog. Undo its removal, or add ${first.source} again, and run the query again.`;
  } catch {
    return undefined;
  }
}

/**
 * A query's SQL failure that read a dataset not on this machine, or one removed from the catalog,
 * said so ("The dataset “sales” … is not on this machine. Locate its file…"), DuckDB's own words
 * kept in its details; any other error as it is. `removed`: the catalog's removed datasets.
 */
export async function failureInWords(error: AppError, sql: string, pool: Pick<QueryWorker, 'request'>, available: DatasetAvailability, removed: readonly DatasetView[] = []): Promise<AppError> {
  if (error.code !== 'SQL_ERROR') return error;
  const why = (await notHereSentence(pool, sql, available, 'and run the query again')) ?? (await removedSentence(pool, sql, removed, error.message));
  return why === undefined ? error : { ...error, message: `${why[0]!.toUpperCase()}${why.slice(1)}`, details: { ...error.details, duckdb: error.message } };
}
