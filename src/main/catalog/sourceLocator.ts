import { constants } from 'node:fs';
// Async: a person's path may sit on a slow or hung network mount, and main's event loop serves every window.
import { access, mkdir, rename, rm, stat as statAsync } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { assertNever } from '../../shared/domain/decider';
import type { CsvReading, DatasetFormat } from '../../shared/contracts/events';
import { CATALOG_TOPIC } from '../../shared/contracts/topics';
import { formatOf, isGlob, isUrl } from '../../shared/domain/datasetName';
import { newErrorId } from '../platform/ids';
import { copyPath } from './datasetCopies';
import type { QueryWorker } from '../query/queryWorker';
import type { RegisterSpec } from '../query/workerProtocol';
import type { Bus } from '../streams/bus';
import { locateFolder } from './folderSource';
import { sourcePath } from './localPath';
import { looksLikeText, readHead, sniffBytes } from './sniff';
import { fetchUrl } from './urlSource';
import { windows1252Copy } from './windows1252Copy';

/** What a source turned out to be once found on disk, before it has a name. */
export interface Located {
  readonly format: DatasetFormat;
  /** What DuckDB reads: the file, a glob over a folder, a downloaded copy, a converted Arrow or Windows-1252 file. */
  readonly location: string;
  readonly download?: { readonly bytes: number; readonly sha256: string };
  /** The source is a pattern a person gave, not a file or folder: the dataset is named after its folder. */
  readonly pattern?: true;
  /** What the dataset is named after when not its source: a URL's copy, named for what the server sent. */
  readonly named?: string;
  /** A Windows-1252 CSV or TSV, read from its UTF-8 copy (`location`): recorded with the registration. */
  readonly reading?: CsvReading;
  /**
   * A file that may need a copy, `location` itself until `settleCopy` makes it: `text`, one CSV or
   * TSV file, copied if the worker says it is Windows-1252 (asked after its fingerprint, whose hash
   * pass scanned it, the answer reads nothing); `arrow`, an Arrow IPC file, converted to Parquet.
   * Nothing is written before: a Locate refused for its content leaves the dataset's copy alone.
   */
  readonly unsettled?: 'text' | 'arrow';
}

export interface LocatorDeps {
  readonly queryWorker: QueryWorker;
  readonly bus: Bus;
  readonly dataDir: string;
  /** Calls a URL's download off: its dataset was removed while being added. */
  readonly signal?: AbortSignal;
  /** A person's add or Try again: a URL is asked of its server, not taken from a complete copy (download.ts). */
  readonly fresh?: boolean;
}

const fail = (code: Parameters<typeof appError>[1], message: string): AppErrorException => new AppErrorException(appError(newErrorId(), code, message));

export function specOf(name: string, format: DatasetFormat, location: string): RegisterSpec {
  return format === 'duckdb' ? { kind: 'attach', name, location } : { kind: 'view', name, format, location };
}

/**
 * Finds what DuckDB should read for `source`, or throws an AppError a person understands.
 * `recorded`: the format a registered dataset has, which a URL's copy made again keeps.
 */
export async function locateSource(deps: LocatorDeps, datasetId: string, source: string, recorded?: DatasetFormat): Promise<Located> {
  if (isUrl(source)) {
    const got = await fetchUrl(source, join(deps.dataDir, 'downloads'), recorded, (p) =>
      deps.bus.publishProgress({
        kind: 'download',
        topic: CATALOG_TOPIC,
        datasetId,
        source,
        receivedBytes: p.receivedBytes,
        ...(p.totalBytes ? { totalBytes: p.totalBytes, percent: Math.round((p.receivedBytes / p.totalBytes) * 1000) / 10 } : {}),
      }),
      { signal: deps.signal, fresh: deps.fresh },
    );
    const local = await locateFile(got.path, got.format);
    return { ...local, download: got.download, named: got.path };
  }
  const path = sourcePath(source);
  let stat;
  try {
    stat = await statAsync(path);
  } catch {
    stat = undefined;
  }
  // A file or folder that exists is itself, whatever its name holds (`Q1 [final]`); only a path
  // that names nothing is read as a pattern.
  if (!stat && isGlob(path)) {
    const format = formatOf(path);
    if (format !== 'csv' && format !== 'tsv' && format !== 'parquet' && format !== 'json' && format !== 'ndjson') {
      throw fail('DATASET_UNSUPPORTED', `A pattern must name CSV, TSV, Parquet or JSON files (like /data/trips/*.parquet), not ${path}.`);
    }
    return { format, location: path, pattern: true };
  }
  if (!stat) throw fail('DATASET_MISSING', `No file at ${path}.`);
  if (stat.isDirectory()) return await locateFolder(path);
  return locateFile(path, formatOf(path));
}

async function locateFile(path: string, byName: DatasetFormat | undefined): Promise<Located> {
  try {
    await access(path, constants.R_OK);
  } catch {
    throw fail('DATASET_UNREADABLE', `Sextant is not allowed to read ${path}.`);
  }
  if ((await statAsync(path)).size === 0) throw fail('DATASET_EMPTY', `${path} is empty.`);
  // A binary file's signature wins over its name (a Parquet file saved as .csv went to the CSV
  // sniffer, which said 900 characters of why); text never loses its name to one (a CSV whose
  // header is "species,DUCKS" is no database). Text named .txt or .dat is CSV, as a URL's text
  // is (urlFile.ts), where it was refused.
  const head = await readHead(path, 4096);
  const text = looksLikeText(head);
  const sniffed = sniffBytes(head);
  const proven = !text && (sniffed === 'parquet' || sniffed === 'arrow' || sniffed === 'duckdb') ? sniffed : undefined;
  const format = proven ?? byName ?? (text && /\.(txt|dat)$/i.test(path) ? 'csv' : sniffed);
  if (!format) {
    const ext = extname(path);
    throw fail('DATASET_UNSUPPORTED', `Sextant cannot read ${ext ? `${ext} files` : path}: add CSV, TSV, Parquet, JSON, NDJSON, Arrow IPC or DuckDB database files.`);
  }
  if (format === 'csv' || format === 'tsv') return { format, location: path, unsettled: 'text' };
  return format === 'arrow' ? { format, location: path, unsettled: 'arrow' } : { format, location: path };
}

/**
 * What DuckDB reads for a located file, its copy made in the dataset cache where it needs one:
 * DuckDB has no Windows-1252 reader, so such a CSV or TSV is converted once to UTF-8 (whether it is,
 * is the worker's scan, windows1252Copy.ts: the fingerprint's when taken first, else one made now);
 * it has no Arrow IPC reader here, so an Arrow file is converted once to Parquet. Any other is read itself.
 */
export async function settleCopy(deps: Pick<LocatorDeps, 'queryWorker' | 'dataDir'>, datasetId: string, found: Located): Promise<Located> {
  const { unsettled, ...located } = found;
  switch (unsettled) {
    case undefined:
      return located;
    case 'arrow':
      return { ...located, location: await parquetCopy(deps, datasetId, found.location) };
    case 'text': {
      if (found.format !== 'csv' && found.format !== 'tsv') return located;
      const copy = await windows1252Copy(deps.queryWorker, deps.dataDir, datasetId, found.location, found.format);
      return copy ? { ...located, location: copy, reading: { encoding: 'windows-1252' } } : located;
    }
    default:
      return assertNever(unsettled);
  }
}

/** An Arrow file's Parquet copy, written beside its place and renamed when whole: the view reading the one before never sees half a file. */
async function parquetCopy(deps: Pick<LocatorDeps, 'queryWorker' | 'dataDir'>, datasetId: string, path: string): Promise<string> {
  const target = copyPath(deps.dataDir, datasetId, 'parquet');
  const part = `${target}.part`;
  await mkdir(dirname(target), { recursive: true });
  try {
    await deps.queryWorker.request({ type: 'convertArrow', source: path, target: part });
    await rename(part, target);
  } finally {
    await rm(part, { force: true });
  }
  return target;
}
