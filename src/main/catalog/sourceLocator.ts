import { constants, mkdirSync } from 'node:fs';
// Async: a person's path may sit on a slow or hung network mount, and main's event loop serves every window.
import { access, stat as statAsync } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { CsvReading, DatasetFormat } from '../../shared/contracts/events';
import { CATALOG_TOPIC } from '../../shared/contracts/topics';
import { formatOf, isGlob, isUrl } from '../../shared/domain/datasetName';
import { newErrorId } from '../platform/ids';
import { copyPath } from './datasetCopies';
import type { QueryWorker } from '../query/queryWorker';
import type { RegisterSpec } from '../query/workerProtocol';
import type { Bus } from '../streams/bus';
import { locateFolder } from './folderSource';
import { localPath } from './localPath';
import { sniffFormat } from './sniff';
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
   * One CSV or TSV file, `location` itself until `settleCopy` asks the worker whether it is
   * Windows-1252: asked after its fingerprint, whose hash pass scanned it, the answer reads nothing.
   */
  readonly textFile?: true;
}

export interface LocatorDeps {
  readonly pool: QueryWorker;
  readonly bus: Bus;
  readonly dataDir: string;
  /** Calls a URL's download off: its dataset was removed while being added. */
  readonly signal?: AbortSignal;
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
      deps.signal,
    );
    const local = await locateFile(deps, datasetId, got.path, got.format);
    return { ...local, download: got.download, named: got.path };
  }
  const local = localPath(source);
  // A relative source (an older log's; a typed one is recorded under the home folder, homePath) is
  // read there too, never under the app's own working folder.
  const path = isAbsolute(local) ? local : resolve(homedir(), local);
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
  return locateFile(deps, datasetId, path, formatOf(path));
}

async function locateFile(deps: LocatorDeps, datasetId: string, path: string, byName: DatasetFormat | undefined): Promise<Located> {
  try {
    await access(path, constants.R_OK);
  } catch {
    throw fail('DATASET_UNREADABLE', `Sextant is not allowed to read ${path}.`);
  }
  if ((await statAsync(path)).size === 0) throw fail('DATASET_EMPTY', `${path} is empty.`);
  const format = byName ?? (await sniffFormat(path));
  if (!format) {
    const ext = extname(path);
    throw fail('DATASET_UNSUPPORTED', `Sextant cannot read ${ext ? `${ext} files` : path}: add CSV, TSV, Parquet, JSON, NDJSON, Arrow IPC or DuckDB database files.`);
  }
  if (format === 'csv' || format === 'tsv') return { format, location: path, textFile: true };
  if (format !== 'arrow') return { format, location: path };
  // DuckDB has no Arrow IPC reader here: convert once to Parquet in the dataset cache.
  const target = copyPath(deps.dataDir, datasetId, 'parquet');
  mkdirSync(dirname(target), { recursive: true });
  await deps.pool.request({ type: 'convertArrow', source: path, target });
  return { format, location: target };
}

/**
 * What DuckDB reads for a located CSV or TSV file: it has no Windows-1252 reader, so such a file is
 * converted once to a UTF-8 copy in the dataset cache; any other is read itself. Whether it is, is
 * the worker's scan (windows1252Copy.ts): the fingerprint's when taken first, else one made now.
 */
export async function settleCopy(deps: Pick<LocatorDeps, 'pool' | 'dataDir'>, datasetId: string, found: Located): Promise<Located> {
  const { textFile: _undecided, ...located } = found;
  if (!found.textFile || (found.format !== 'csv' && found.format !== 'tsv')) return located;
  const copy = await windows1252Copy(deps.pool, deps.dataDir, datasetId, found.location, found.format);
  return copy ? { ...located, location: copy, reading: { encoding: 'windows-1252' } } : located;
}
