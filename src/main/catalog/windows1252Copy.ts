import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { dirname } from 'node:path';
import { AppErrorException, appError, toAppError } from '../../shared/contracts/errors';
import type { DatasetReadAs } from '../../shared/contracts/events';
import { Windows1252Transcoder, windows1252BarWords, type Windows1252Bar } from '../../shared/domain/windows1252';
import type { CsvFormat } from '../../shared/domain/csvReading';
import type { DatasetView } from '../../shared/views/appView';
import { newErrorId } from '../platform/ids';
import { copyPath, removeCopies } from './datasetCopies';
import type { Logger } from '../platform/logger';
import type { QueryWorker } from '../query/queryWorker';
import type { RegisterSpec } from '../query/workerProtocol';

/**
 * A Windows-1252 CSV or TSV read through a UTF-8 copy (docs/query-engine.md, "CSV that DuckDB's
 * defaults misread"): DuckDB's Latin-1 refuses bytes 0x80–0x9F ("€", "’"…) and its encodings
 * extension cannot be installed here, so such a file is converted once, streamed, into the dataset
 * cache as an Arrow file gets its Parquet copy (`<dataDir>/datasets/<datasetId>.csv`), and its view
 * reads that. Whether a file is Windows-1252 is the DuckDB worker's answer (csvText.worker.ts
 * `verdictOf`): the scan its fingerprint took in the hash's pass, so main never reads a UTF-8 file.
 * The conversion runs here, on main: it streams, so the event loop answers between chunks.
 */

const CHUNK_BYTES = 2 ** 20;

/**
 * The UTF-8 copy of `path` when the worker says it is a Windows-1252 CSV or TSV, made now; undefined
 * for any other file, read as before (UTF-8, Latin-1, UTF-16, binary: csvReading.worker.ts). Refuses,
 * in words, a file with a byte Windows-1252 leaves undefined or a UTF-8 character after its Windows-1252 ones.
 */
export async function windows1252Copy(pool: QueryWorker, dataDir: string, datasetId: string, path: string, format: CsvFormat): Promise<string | undefined> {
  if ((await pool.request({ type: 'textVerdict', path })).kind !== 'windows-1252') return undefined;
  const target = copyPath(dataDir, datasetId, format);
  return (await convert(path, target)) ? target : undefined;
}

/**
 * Makes `datasetId`'s copy again from `path` as it is now (its source changed on disk): converted
 * when it is Windows-1252 (or Latin-1, a part of it). Undefined, nothing written, once the source is
 * UTF-8: it needs no copy, and is read itself (followCopy). Refuses a file that is neither.
 */
export async function followSource(pool: QueryWorker, dataDir: string, datasetId: string, path: string, format: CsvFormat): Promise<string | undefined> {
  if ((await pool.request({ type: 'textVerdict', path })).kind === 'utf-8') return undefined;
  const target = copyPath(dataDir, datasetId, format);
  if (!(await convert(path, target))) throw refusal('DATASET_UNSUPPORTED', `${path} is binary, not text: Sextant cannot read it as CSV.`);
  return target;
}

/** A Windows-1252 dataset read from its source again, that source now UTF-8: its view's spec, and what DatasetChanged records. */
export interface ReadDirectly {
  readonly spec: RegisterSpec;
  readonly readAs: DatasetReadAs;
}

/**
 * Makes a ready Windows-1252 dataset's copy again from its source as it is now (followSource), then
 * its view, so DuckDB describes and reads the new file (the catalog's, when the input watcher saw
 * its content change, and fingerprinted the source: the worker's verdict reads nothing again). A
 * source now UTF-8 is read itself, its copy deleted: how it is read now is returned, for the catalog
 * to say so. A source no longer readable is logged; the old copy stays until it is.
 */
export async function followCopy(deps: { readonly pool: QueryWorker; readonly log: Logger; readonly dataDir: string }, ds: DatasetView | undefined, spec: RegisterSpec | undefined): Promise<ReadDirectly | undefined> {
  if (ds?.status !== 'ready' || (ds.format !== 'csv' && ds.format !== 'tsv') || ds.reading?.encoding !== 'windows-1252' || !spec) return undefined;
  try {
    if (await followSource(deps.pool, deps.dataDir, ds.id, ds.source, ds.format)) {
      await deps.pool.request({ type: 'register', spec });
      return undefined;
    }
    // its view moves to the source before the copy it read is deleted
    const direct: RegisterSpec = { ...spec, location: ds.source };
    const registered = await deps.pool.request({ type: 'register', spec: direct });
    await removeCopies(deps.dataDir, ds.id);
    return { spec: direct, readAs: registered.reading ? { reading: registered.reading } : {} };
  } catch (e) {
    const error = toAppError(e, newErrorId());
    deps.log.warn({ errorId: error.id, dataset: ds.name }, `dataset's copy not made again: ${error.message}`);
  }
  return undefined;
}

/** The 1-based line of `path` that byte `offset` is on: only for a refusal's words, so it reads the file again up to there. */
async function lineOf(path: string, offset: number): Promise<number> {
  let line = 1;
  let read = 0;
  for await (const chunk of createReadStream(path, { end: offset, highWaterMark: CHUNK_BYTES })) {
    const b = chunk as Buffer;
    const before = Math.min(b.length, offset - read);
    for (let i = b.indexOf(10); i !== -1 && i < before; i = b.indexOf(10, i + 1)) line++;
    read += b.length;
  }
  return line;
}

const refusal = (code: 'DATASET_UNSUPPORTED' | 'DATASET_CORRUPT', message: string) => new AppErrorException(appError(newErrorId(), code, message));

/**
 * Streams `source` read as Windows-1252 into `target` as UTF-8: written beside it and renamed
 * when whole, so a copy cut short (a stop, a full disk) is never read. False, and nothing written,
 * for a file with NUL (binary: left to DuckDB); throws for one Windows-1252 does not read whole.
 */
async function convert(source: string, target: string): Promise<boolean> {
  await mkdir(dirname(target), { recursive: true });
  const part = `${target}.part`;
  const out = createWriteStream(part);
  const transcoder = new Windows1252Transcoder();
  let whole = false;
  const refuse = async (bar: Windows1252Bar) => {
    if (bar.kind === 'nul') return false;
    throw refusal(bar.kind === 'utf-8' ? 'DATASET_CORRUPT' : 'DATASET_UNSUPPORTED', windows1252BarWords(bar, await lineOf(source, bar.at)));
  };
  try {
    for await (const chunk of createReadStream(source, { highWaterMark: CHUNK_BYTES })) {
      const utf8 = transcoder.feed(chunk as Buffer);
      if (!(utf8 instanceof Uint8Array)) return await refuse(utf8);
      if (!out.write(utf8)) await once(out, 'drain');
    }
    const rest = transcoder.end();
    if (!(rest instanceof Uint8Array)) return await refuse(rest);
    out.end(rest);
    await finished(out);
    await rename(part, target);
    whole = true;
    return true;
  } finally {
    if (!whole) {
      out.destroy();
      await rm(part, { force: true });
    }
  }
}
