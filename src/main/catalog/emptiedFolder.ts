import { isGlob } from '../../shared/domain/datasetName';
import type { DatasetView } from '../../shared/views/appView';
import type { QueryWorker } from '../query/queryWorker';
import { exists, presencePath } from './datasetAvailability';
import { isReady } from '../../shared/domain/datasetLifecycle';

/**
 * A folder dataset whose files were all deleted, the folder itself left (docs/query-engine.md,
 * "Catalog"). DuckDB reads a folder through a glob of its own (folderSource.ts), and says only
 * "No files found that match the pattern "/d/sales/**\/[!.]*.[cC][sS][vV]"": these say it in words,
 * as registering an empty folder does.
 */

/** The folder a folder dataset reads its files under; undefined for a file, a pattern or a URL. */
export function folderOf(source: string, location: string | undefined): string | undefined {
  return location !== undefined && isGlob(location) ? presencePath(source, location) : undefined;
}

/** DuckDB's words for a glob that matched no file, and the glob (quoted, whatever quotes it holds). */
const NO_FILES = /No files found that match the pattern "(.+)"/;

/** The ready folder dataset among `datasets` whose glob DuckDB said matched no file, if one. */
export function datasetWithNoFiles(duckdb: string, datasets: readonly DatasetView[]): DatasetView | undefined {
  const glob = NO_FILES.exec(duckdb)?.[1];
  return glob === undefined ? undefined : datasets.find((d) => isReady(d.status) && d.location === glob && folderOf(d.source, d.location) !== undefined);
}

/**
 * Whether a folder dataset's files are there: a file its glob matches, asked of DuckDB, whose glob
 * its reader uses (a `[!.]*` class, `**`, case classes). False when asking failed: not readable.
 */
export async function folderHoldsFiles(queryWorker: Pick<QueryWorker, 'request'>, glob: string): Promise<boolean> {
  try {
    return (await queryWorker.request({ type: 'read', sql: 'SELECT 1 FROM glob(?) LIMIT 1', params: [glob] })).length > 0;
  } catch {
    return false;
  }
}

/** Why a folder dataset read nothing, when its folder is there but holds none of its files; else undefined. `then`: what follows putting them back. */
export async function emptiedFolderSentence(d: DatasetView, then: string): Promise<string | undefined> {
  const folder = folderOf(d.source, d.location);
  if (folder === undefined || !(await exists(folder))) return undefined;
  return `the folder ${folder} holds no Parquet or CSV files any more, so the dataset “${d.name ?? d.source}” has nothing to read. Put its files back, or locate them elsewhere (“Locate…”), ${then}.`;
}
