import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { dirname } from 'node:path';
import { AppErrorException, appError, toAppError } from '../../shared/contracts/errors';
import { TextScanner, textVerdict, type ByteChecks, type TextScan } from '../../shared/domain/csvText';
import { Windows1252Transcoder, windows1252BarWords, type Windows1252Bar } from '../../shared/domain/windows1252';
import type { CsvFormat } from '../../shared/domain/csvReading';
import type { DatasetView } from '../../shared/views/appView';
import { newErrorId } from '../platform/ids';
import { copyPath } from './datasetCopies';
import type { Logger } from '../platform/logger';
import type { QueryWorker } from '../query/queryWorker';
import type { RegisterSpec } from '../query/workerProtocol';

/**
 * A Windows-1252 CSV or TSV read through a UTF-8 copy (docs/query-engine.md, "CSV that DuckDB's
 * defaults misread"): DuckDB's Latin-1 refuses bytes 0x80–0x9F ("€", "’"…) and its encodings
 * extension cannot be installed here, so such a file is converted once, streamed, into the dataset
 * cache as an Arrow file gets its Parquet copy (`<dataDir>/datasets/<datasetId>.csv`), and its view
 * reads that. Main-thread code: it streams, so the event loop answers between chunks.
 */

const CHUNK_BYTES = 2 ** 20;

/** Files DuckDB decompresses by their name: their bytes say nothing of the text's encoding. */
const COMPRESSED = /\.(gz|zst|zstd)$/i;

/** node:buffer's native checks (csvText.worker.ts has the worker's; main may not import it). */
const checks: ByteChecks = { isUtf8: (b) => isUtf8(b), isAscii: (b) => isAscii(b) };


/**
 * Whether `path`'s bytes are Windows-1252 (csvText.ts's verdict): read up to where the answer is
 * known, the whole of a UTF-8 file, the first chunks of most others.
 */
export async function isWindows1252(path: string): Promise<boolean> {
  return !COMPRESSED.test(path) && textVerdict(await scanFile(path)).kind === 'windows-1252';
}

/**
 * The UTF-8 copy of `path` when it is a Windows-1252 CSV or TSV, made now; undefined for any other
 * file, read as before (UTF-8, Latin-1, UTF-16, binary: csvReading.worker.ts). Refuses, in words, a
 * file with a byte Windows-1252 leaves undefined or a UTF-8 character after its Windows-1252 ones.
 */
export async function windows1252Copy(dataDir: string, datasetId: string, path: string, format: CsvFormat): Promise<string | undefined> {
  if (!(await isWindows1252(path))) return undefined;
  const target = copyPath(dataDir, datasetId, format);
  return (await convert(path, target)) ? target : undefined;
}

/**
 * Makes `datasetId`'s copy again from `path` as it is now (its source changed on disk): converted
 * when it is Windows-1252 (or Latin-1, a part of it), copied byte for byte when it is UTF-8 now, so
 * the location recorded stays what the view reads. Refuses a file that is neither.
 */
export async function followSource(dataDir: string, datasetId: string, path: string, format: CsvFormat): Promise<string> {
  const target = copyPath(dataDir, datasetId, format);
  if (await isUtf8File(path)) {
    await mkdir(dirname(target), { recursive: true });
    await copyFile(path, `${target}.part`);
    await rename(`${target}.part`, target);
    return target;
  }
  if (!(await convert(path, target))) throw refusal('DATASET_UNSUPPORTED', `${path} is binary, not text: Sextant cannot read it as CSV.`);
  return target;
}

/**
 * Makes a ready Windows-1252 dataset's copy again from its source as it is now (followSource), then
 * its view, so DuckDB describes and reads the new file (the catalog's, when the input watcher saw
 * its content change). A source no longer readable is logged; the old copy stays until it is.
 */
export async function followCopy(deps: { readonly pool: QueryWorker; readonly log: Logger; readonly dataDir: string }, ds: DatasetView | undefined, spec: RegisterSpec | undefined): Promise<void> {
  if (ds?.status !== 'ready' || (ds.format !== 'csv' && ds.format !== 'tsv') || ds.reading?.encoding !== 'windows-1252' || !spec) return;
  try {
    await followSource(deps.dataDir, ds.id, ds.source, ds.format);
    await deps.pool.request({ type: 'register', spec });
  } catch (e) {
    const error = toAppError(e, newErrorId());
    deps.log.warn({ errorId: error.id, dataset: ds.name }, `dataset's copy not made again: ${error.message}`);
  }
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

const isUtf8File = async (path: string): Promise<boolean> => (await scanFile(path)).notUtf8At === undefined;

/** What `path`'s bytes say of its encoding (csvText.ts), read up to where the answer is known: the whole of a UTF-8 file. */
async function scanFile(path: string): Promise<TextScan> {
  const scanner = new TextScanner(checks);
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    scanner.feed(chunk as Buffer);
    if (scanner.decided()) break; // a NUL later is the conversion's to find
  }
  return scanner.result();
}

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
