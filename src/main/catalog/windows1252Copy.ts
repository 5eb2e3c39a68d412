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
import { fingerprintTarget } from './fingerprintTarget';
import { isReady } from '../../shared/domain/datasetLifecycle';

/**
 * A Windows-1252 CSV or TSV read through a UTF-8 copy (docs/query-engine.md, "CSV that DuckDB's
 * defaults misread"): DuckDB's Latin-1 refuses bytes 0x80–0x9F ("€", "’"…) and its encodings
 * extension cannot be installed here, so such a file is converted once, streamed, into the dataset
 * cache as an Arrow file gets its Parquet copy (`<dataDir>/datasets/<datasetId>.csv`), and its view
 * reads that; saved again in another encoding, its dataset follows it (followEncoding). Whether a file is Windows-1252 is the DuckDB worker's answer (csvText.worker.ts
 * `verdictOf`): the scan its fingerprint took in the hash's pass, so main never reads a UTF-8 file.
 * The conversion runs here, on main: it streams, so the event loop answers between chunks.
 */

const CHUNK_BYTES = 2 ** 20;

/**
 * The UTF-8 copy of `path` when the worker says it is a Windows-1252 CSV or TSV, made now; undefined
 * for any other file, read as before (UTF-8, Latin-1, UTF-16, binary: csvReading.worker.ts). Refuses,
 * in words, a file with a byte Windows-1252 leaves undefined or a UTF-8 character after its Windows-1252 ones.
 */
export async function windows1252Copy(queryWorker: QueryWorker, dataDir: string, datasetId: string, path: string, format: CsvFormat): Promise<string | undefined> {
  return followSource(queryWorker, dataDir, datasetId, path, format, false);
}

/**
 * `datasetId`'s copy made (again) from `path` as it is now, when the worker says it is Windows-1252;
 * for a source read through a copy already (`copied`), also when it is Latin-1 (a part of it) or
 * anything else but UTF-8, which a file that is neither is refused for. Undefined, nothing written,
 * for a UTF-8 file, and for one with no copy that is not Windows-1252: read itself (followEncoding).
 */
export async function followSource(queryWorker: QueryWorker, dataDir: string, datasetId: string, path: string, format: CsvFormat, copied: boolean): Promise<string | undefined> {
  const verdict = (await queryWorker.request({ type: 'textVerdict', path })).kind;
  if (verdict === 'utf-8' || (!copied && verdict !== 'windows-1252')) return undefined;
  const target = copyPath(dataDir, datasetId, format);
  if (await convert(path, target)) return target;
  if (copied) throw refusal('DATASET_UNSUPPORTED', `${path} is binary, not text: Sextant cannot read it as CSV.`);
  return undefined;
}

/** A dataset read another way since its source changed encoding: its view's spec, and what DatasetChanged records. */
export interface ReadAnew {
  readonly spec: RegisterSpec;
  readonly readAs: DatasetReadAs;
}

/**
 * Follows a ready CSV or TSV file's encoding as its source changed on disk (the catalog's, when the
 * input watcher saw its content change and fingerprinted the source: the worker's verdict reads
 * nothing again), both ways, as adding it would read it now. Windows-1252 now: its copy is made
 * (again) and its view reads it; one read itself until now is read through its copy, and how it is
 * read now is returned. UTF-8 now, read through a copy until now: read itself, its copy deleted, and
 * returned too. A source no longer readable is logged; the old copy stays until it is.
 */
export async function followEncoding(deps: { readonly queryWorker: QueryWorker; readonly log: Logger; readonly dataDir: string }, ds: DatasetView | undefined, spec: RegisterSpec | undefined): Promise<ReadAnew | undefined> {
  if (!isReady(ds?.status) || (ds.format !== 'csv' && ds.format !== 'tsv') || spec?.kind !== 'view') return undefined;
  const { target, watched } = fingerprintTarget(ds.source, ds.format, ds.location, ds.reading);
  if (!watched) return undefined; // a URL's copy: nothing changes it behind Sextant's back
  const copied = ds.reading?.encoding === 'windows-1252';
  try {
    const copy = await followSource(deps.queryWorker, deps.dataDir, ds.id, target.path, ds.format, copied);
    if (!copy && !copied) return undefined;
    if (copy && copied) return void (await deps.queryWorker.request({ type: 'register', spec }));
    // its view moves before a copy it read is deleted
    const now: RegisterSpec = { ...spec, location: copy ?? target.path };
    const registered = await deps.queryWorker.request({ type: 'register', spec: now });
    if (!copy) await removeCopies(deps.dataDir, ds.id);
    // recorded as a registration records it (catalogService.register)
    const reading = copy ? { ...registered.reading, encoding: 'windows-1252' as const } : registered.reading;
    return { spec: now, readAs: { ...(now.location !== ds.source ? { location: now.location } : {}), ...(reading ? { reading } : {}) } };
  } catch (e) {
    const error = toAppError(e, newErrorId());
    deps.log.warn({ errorId: error.id, dataset: ds.name }, `dataset's encoding not followed: ${error.message}`);
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
