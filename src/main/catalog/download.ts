import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { baseName } from '../../shared/domain/datasetName';
import { newErrorId } from '../platform/ids';

export interface Downloaded {
  /** The complete local copy. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface DownloadProgressReport {
  readonly receivedBytes: number;
  readonly totalBytes?: number;
}

export interface DownloadOptions {
  /** Tries in all, each resuming where the last stopped. */
  readonly attempts?: number;
  /** A try that receives nothing for this long is abandoned (and resumed by the next). */
  readonly idleTimeoutMs?: number;
  readonly progressIntervalMs?: number;
  readonly onProgress?: (p: DownloadProgressReport) => void;
}

const failed = (message: string, details?: Record<string, unknown>): AppErrorException =>
  new AppErrorException(appError(newErrorId(), 'DOWNLOAD_FAILED', message, details ? { details } : {}));

/** A URL's own folder in the download cache, so two URLs with the same file name never collide. */
export function downloadDir(cacheDir: string, url: string): string {
  return join(cacheDir, createHash('sha256').update(url).digest('hex').slice(0, 16));
}

async function sha256Of(path: string): Promise<ReturnType<typeof createHash>> {
  const hash = createHash('sha256');
  const stream = createReadStream(path);
  stream.on('data', (chunk) => hash.update(chunk));
  await finished(stream);
  return hash;
}

/**
 * Downloads `url` into the cache: bytes go to `<name>.part`, and a try that breaks off is resumed
 * with an HTTP Range request from the bytes already there (also after a restart). The SHA-256 of
 * the whole file is computed on the way; only a complete file loses its `.part`.
 */
export async function download(url: string, cacheDir: string, options: DownloadOptions = {}): Promise<Downloaded> {
  const dir = downloadDir(cacheDir, url);
  mkdirSync(dir, { recursive: true });
  // '.' and '..' name no file: joined, they made the path the cache folder or the one above it.
  const name = baseName(url);
  const path = join(dir, name === '' || name === '.' || name === '..' ? 'download' : name);
  const part = `${path}.part`;
  if (existsSync(path)) return { path, bytes: statSync(path).size, sha256: (await sha256Of(path)).digest('hex') };

  const attempts = options.attempts ?? 5;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const bytes = await tryOnce(url, part, options);
      renameSync(part, path);
      return { path, bytes, sha256: (await sha256Of(path)).digest('hex') };
    } catch (e) {
      lastError = e;
      // The server said no (404, 403…): asking again will not change its mind.
      if (e instanceof AppErrorException && e.error.details?.['final'] === true) throw e;
    }
  }
  if (lastError instanceof AppErrorException) throw lastError;
  throw failed(`Downloading ${url} failed after ${attempts} tries: ${(lastError as Error).message}`);
}

async function tryOnce(url: string, part: string, options: DownloadOptions): Promise<number> {
  const have = existsSync(part) ? statSync(part).size : 0;
  const controller = new AbortController();
  const idleMs = options.idleTimeoutMs ?? 30_000;
  let idle = setTimeout(() => controller.abort(), idleMs);
  const touch = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(), idleMs);
  };
  try {
    const response = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, signal: controller.signal, redirect: 'follow' });
    if (response.status === 416 && have > 0) return have; // the part already holds every byte
    if (!response.ok) throw failed(`Downloading ${url} failed: the server answered ${response.status} ${response.statusText}.`, { status: response.status, final: true });
    const resumed = response.status === 206;
    const length = Number(response.headers.get('content-length') ?? NaN);
    const total = Number.isFinite(length) ? (resumed ? have + length : length) : undefined;
    let received = resumed ? have : 0;
    let lastReport = 0;
    const report = (force: boolean): void => {
      const now = performance.now();
      if (!force && now - lastReport < (options.progressIntervalMs ?? 100)) return;
      lastReport = now;
      options.onProgress?.({ receivedBytes: received, ...(total !== undefined ? { totalBytes: total } : {}) });
    };
    if (!response.body) throw failed(`Downloading ${url} failed: the server sent no body.`);
    const out = createWriteStream(part, { flags: resumed ? 'a' : 'w' });
    // A failed write (a full disk) is an 'error' on the file stream: kept here rather than left
    // uncaught, which would end the process, and thrown below.
    let writeError: NodeJS.ErrnoException | undefined;
    out.on('error', (e) => (writeError ??= e));
    try {
      for await (const chunk of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)) {
        if (writeError) break;
        touch();
        received += (chunk as Uint8Array).byteLength;
        if (!out.write(chunk)) await once(out, 'drain').catch(() => undefined); // an 'error' ends the wait too
        report(false);
      }
    } finally {
      // Not destroyed: what arrived before a dropped connection lands in the part, and the next try resumes after it.
      out.end();
      await finished(out).catch(() => undefined);
    }
    if (writeError?.code === 'ENOSPC') throw failed(`Downloading ${url} failed: the disk is full.`, { final: true });
    if (writeError) throw writeError;
    if (total !== undefined && received !== total) throw new Error(`the connection closed after ${received} of ${total} bytes`);
    report(true);
    return received;
  } finally {
    clearTimeout(idle);
  }
}
