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

/** What Finder, Explorer and most tools hide: a dotfile or dot-folder (`.DS_Store`, macOS's `._data.parquet`, `.ipynb_checkpoints`). */
const hidden = (name: string): boolean => name.startsWith('.');

/** A glob segment DuckDB matches to any name but a hidden one (its glob has `[!…]` classes, no way to exclude a folder under `**`). */
const VISIBLE = '[!.]*';

/**
 * A folder becomes one dataset: every Parquet file in it (and below), else every CSV/TSV file,
 * hidden files and folders left out. The walk is asynchronous and bounded, so adding `/` or a home
 * folder neither blocks main's event loop nor scans the whole disk: it stops at MAX_FOLDER_ENTRIES
 * and says so. Dot-folders are not walked.
 */
export async function locateFolder(dir: string): Promise<{ format: DatasetFormat; location: string }> {
  /** The depths below `dir` at which files of each extension were found. */
  const found = new Map<string, Set<number>>();
  let hiddenFolders = false;
  /** A visible name with `.csv` that is neither `.csv` nor `.csv.gz` (`a.csv.bak`). */
  let otherCsv = false;
  let seen = 0;
  const pending = [{ folder: dir, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    let entries;
    try {
      entries = await opendir(next.folder);
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
      if (entry.isDirectory()) {
        if (hidden(entry.name)) hiddenFolders = true;
        else pending.push({ folder: join(next.folder, entry.name), depth: next.depth + 1 });
      } else if (!hidden(entry.name)) {
        const name = entry.name.toLowerCase();
        // DuckDB decompresses by a lower-case `.gz` only: `B.CSV.GZ` would be read as text, so it is left out
        const gzipRead = !name.endsWith('.gz') || entry.name.endsWith('.gz');
        if (gzipRead) for (const k of KINDS) if (name.endsWith(k.ext)) found.set(k.ext, (found.get(k.ext) ?? new Set()).add(next.depth));
        if (name.includes('.csv') && !name.endsWith('.csv') && !(name.endsWith('.csv.gz') && gzipRead)) otherCsv = true;
      }
    }
  }
  const kind = KINDS.find((k) => found.has(k.ext));
  if (!kind) throw new AppErrorException(appError(newErrorId(), 'DATASET_EMPTY', `The folder ${dir} holds no Parquet or CSV files.`));
  // CSV files beside gzipped ones are read together (`b.csv.gz` beside `a.csv` was left out), unless
  // another `.csv…` name (`a.csv.bak`) would be read with them: then the plain ones, as before.
  const bothCsv = kind.ext === '.csv' && found.has('.csv.gz') && !otherCsv;
  const depths = bothCsv ? [...new Set([...found.get('.csv')!, ...found.get('.csv.gz')!])] : [...found.get(kind.ext)!];
  // with gzipped ones: `.csv*`, which a `.csv.GZ` (left out above, so otherCsv) would also match
  return { format: kind.format, location: folderGlob(globLiteral(dir), `${anyCase(kind.ext)}${bothCsv ? '*' : ''}`, hiddenFolders ? depths : []) };
}

/**
 * `.csv` → `.[cC][sS][vV]`: DuckDB's glob is case-sensitive, file names are not (`DATA.CSV` beside
 * `more.csv` was left out). A `.gz` stays lower-case, as DuckDB decompresses only that.
 */
const anyCase = (ext: string): string => ext.replace(/\.gz$/, '').replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`) + (ext.endsWith('.gz') ? '.gz' : '');

/**
 * What DuckDB reads for a folder: its visible files of `ext` (a glob piece) at any depth (`**`). DuckDB's `**`
 * walks dot-folders too, so with one present, files found at a single depth are named level by
 * level (a `[!.]*` segment per folder, then `[!.]*.csv`), which leaves dot-folders out; at mixed
 * depths `**` stays, and a dot-folder's files of that kind are read with the rest.
 */
function folderGlob(dir: string, ext: string, depths: readonly number[]): string {
  const file = `${VISIBLE}${ext}`;
  const [depth] = depths;
  return depths.length === 1 && depth !== undefined ? join(dir, ...Array<string>(depth).fill(VISIBLE), file) : join(dir, '**', file);
}
