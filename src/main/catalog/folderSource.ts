import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { DatasetFormat } from '../../shared/contracts/events';
import { globLiteral } from '../../shared/domain/datasetName';
import { newErrorId } from '../platform/ids';
import { grouped } from '../../shared/text/counts';

/** A folder dataset is meant for a folder of data files, not a disk: past this, ask for a narrower one. */
export const MAX_FOLDER_ENTRIES = 10_000;

const KINDS: readonly { ext: string; format: DatasetFormat }[] = [
  { ext: '.parquet', format: 'parquet' },
  { ext: '.csv', format: 'csv' },
  { ext: '.csv.gz', format: 'csv' },
  { ext: '.tsv', format: 'tsv' },
];

/**
 * A folder becomes one dataset: every Parquet file in it (and below), else every CSV/TSV file.
 * The walk is asynchronous and bounded, so adding `/` or a home folder neither blocks main's event
 * loop nor scans the whole disk: it stops at MAX_FOLDER_ENTRIES and says so.
 */
export async function locateFolder(dir: string): Promise<{ format: DatasetFormat; location: string }> {
  const found = new Set<string>();
  let seen = 0;
  const pending = [dir];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    let entries;
    try {
      entries = await opendir(folder);
    } catch {
      continue; // a subfolder we may not read is skipped, as DuckDB's glob skips it
    }
    for await (const entry of entries) {
      if (++seen > MAX_FOLDER_ENTRIES) {
        throw new AppErrorException(
          appError(
            newErrorId(),
            'DATASET_UNSUPPORTED',
            `The folder ${dir} holds more than ${grouped(MAX_FOLDER_ENTRIES)} files and folders: add a narrower folder, or a pattern such as ${join(dir, '*.parquet')}.`,
          ),
        );
      }
      if (entry.isDirectory()) pending.push(join(folder, entry.name));
      else {
        const name = entry.name.toLowerCase();
        for (const k of KINDS) if (name.endsWith(k.ext)) found.add(k.ext);
      }
    }
  }
  const kind = KINDS.find((k) => found.has(k.ext));
  if (!kind) throw new AppErrorException(appError(newErrorId(), 'DATASET_EMPTY', `The folder ${dir} holds no Parquet or CSV files.`));
  return { format: kind.format, location: join(globLiteral(dir), '**', `*${kind.ext}`) };
}
