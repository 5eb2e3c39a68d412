import type { DatasetAvailability } from '../catalog/datasetAvailability';
import { datasetWithNoFiles, emptiedFolderSentence } from '../catalog/emptiedFolder';
import type { AppError } from '../../shared/contracts/errors';
import type { AppView, DatasetView } from '../../shared/views/appView';
import { queryInputs } from './queryInputs';
import type { QueryWorker } from './queryWorker';
import { tableRefs } from './tableRefs';

/**
 * Why SQL failed when it read a catalog dataset whose file is not on this machine, in plain words
 * (DuckDB only says the name does not exist, or that no file matches), ending in `then` (what
 * follows a Locate); undefined when it read none, or asking failed. A query's failure and a result's
 * re-run both say it.
 */
export async function notHereSentence(queryWorker: Pick<QueryWorker, 'request'>, sql: string, available: DatasetAvailability, then: string): Promise<string | undefined> {
  const read = await readAmong(queryWorker, sql, available.missing());
  if (read.length === 0) return undefined;
  // a folder still there, emptied: "not on this machine" would send the person looking for it
  for (const d of read) {
    const emptied = await emptiedFolderSentence(d, then);
    if (emptied) return emptied;
  }
  const each = read.map((d) => `“${d.name ?? d.source}” (read from ${d.source})`);
  const one = read.length === 1;
  return `${one ? 'the dataset' : 'the datasets'} ${each.join(', ')} ${one ? 'is' : 'are'} not on this machine. Locate ${one ? 'its file' : 'their files'} (“Locate…”), ${then}.`;
}

/** The catalog datasets `sql` reads among `candidates`; none when asking failed. */
async function readAmong(queryWorker: Pick<QueryWorker, 'request'>, sql: string, candidates: readonly DatasetView[]): Promise<DatasetView[]> {
  if (candidates.length === 0) return [];
  try {
    const parsed = tableRefs(await queryWorker.request({ type: 'parseTree', sql }));
    if (!parsed) return [];
    const byId = new Map<string, DatasetView>(candidates.map((d) => [d.id, d]));
    return queryInputs(parsed, Object.fromEntries(byId)).flatMap((i) => byId.get(i.datasetId) ?? []);
  } catch {
    return []; // DuckDB's own message says enough
  }
}

/**
 * Why SQL failed when it named a dataset removed from the catalog, in plain words (DuckDB says the
 * table does not exist and suggests a name of its own, "Did you mean pg_views?"); undefined when
 * it named none.
 */
async function removedSentence(queryWorker: Pick<QueryWorker, 'request'>, sql: string, removed: readonly DatasetView[], duckdb: string): Promise<string | undefined> {
  if (!/does not exist/i.test(duckdb)) return undefined;
  const [first] = await readAmong(queryWorker, sql, removed);
  return first && `the dataset “${first.name ?? first.source}” was removed from the catalog. Undo its removal, or add ${first.source} again, and run the query again.`;
}

/**
 * Why SQL failed when it read a dataset whose file changed on disk since it was added (broken
 * bytes, a file cut short, other columns): DuckDB names only the file, so the person learns which
 * dataset and that it changed; DuckDB's words follow.
 */
async function changedSentence(queryWorker: Pick<QueryWorker, 'request'>, sql: string, changed: readonly DatasetView[], duckdb: string): Promise<string | undefined> {
  const [first] = await readAmong(queryWorker, sql, changed);
  return first && `the dataset “${first.name ?? first.source}” changed on disk since it was added, and DuckDB cannot read it as it is now: ${duckdb}`;
}

/**
 * A query's SQL failure that read a dataset not on this machine (a folder emptied of its files too,
 * which DuckDB names only by its glob), one removed from the catalog, or one changed on disk since
 * it was added, said so ("The dataset “sales” … is not on this machine.
 * Locate its file…"), DuckDB's own words kept in its details; any other error as it is.
 */
export async function failureInWords(error: AppError, sql: string, queryWorker: Pick<QueryWorker, 'request'>, available: DatasetAvailability, catalog: Pick<AppView, 'datasets' | 'removedDatasets'>): Promise<AppError> {
  if (error.code !== 'SQL_ERROR') return error;
  // a folder dataset whose files went since the watcher last looked: marked now, so the catalog says so too
  const noFiles = datasetWithNoFiles(error.message, Object.values(catalog.datasets));
  if (noFiles) available.markNotHere(noFiles);
  const changed = Object.values(catalog.datasets).filter((d) => d.changedAt !== undefined);
  const why =
    (await notHereSentence(queryWorker, sql, available, 'and run the query again')) ??
    (await removedSentence(queryWorker, sql, Object.values(catalog.removedDatasets ?? {}), error.message)) ??
    (await changedSentence(queryWorker, sql, changed, error.message));
  return why === undefined ? error : { ...error, message: `${why[0]!.toUpperCase()}${why.slice(1)}`, details: { ...error.details, duckdb: error.message } };
}
