import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A dataset's copy in the data dir's cache, `<dataDir>/datasets/<datasetId>.<kind>`: what DuckDB
 * reads when it cannot read the file as given (an Arrow IPC file's Parquet copy, a Windows-1252
 * CSV's or TSV's UTF-8 copy). It is the dataset's alone: deleted with it, and made again from the
 * source when the removal is undone (as a start makes again one that went missing).
 */
export type CopyKind = 'parquet' | 'csv' | 'tsv';

const KINDS: readonly CopyKind[] = ['parquet', 'csv', 'tsv'];

/** Where a dataset's copy of `kind` lives. */
export const copyPath = (dataDir: string, datasetId: string, kind: CopyKind): string => join(dataDir, 'datasets', `${datasetId}.${kind}`);

/** Deletes a dataset's copies (and any half-written one); nothing when it has none. */
export async function removeCopies(dataDir: string, datasetId: string): Promise<void> {
  await Promise.all(KINDS.flatMap((kind) => [copyPath(dataDir, datasetId, kind), `${copyPath(dataDir, datasetId, kind)}.part`]).map((path) => rm(path, { force: true })));
}
