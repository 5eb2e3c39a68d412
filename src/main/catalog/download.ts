import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { CREDENTIALS_REFUSAL, hasCredentials } from '../../shared/domain/urlCredentials';
import { newErrorId } from '../platform/ids';
import { displayUrl, ownFileName, responseFactsSchema, type ResponseFacts } from './urlFile';
import { grouped } from '../../shared/text/counts';
import { fetchFailure } from './fetchFailure';
import { CutShortFailure, HttpStatusFailure, retried, retryDelayMs } from './downloadRetry';

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
  /**
   * The name the complete file is kept under in the URL's folder, from what the server said and
   * the received bytes (`part`); by default the URL's own file name. May throw to refuse the bytes,
   * which are then deleted, so adding the URL again asks the server again.
   */
  readonly nameFile?: (facts: ResponseFacts, part: string) => Promise<string>;
  /** Calls the download off (its dataset removed): nothing it wrote is kept, and the signal's reason is thrown. */
  readonly signal?: AbortSignal;
  /** The first wait between tries, doubled at each (downloadRetry.ts); 1 s unless a test says less. */
  readonly retryDelayMs?: number;
  /**
   * Ask the server, whatever copy is complete: a person's add or "Try again" (a start restoring a
   * dataset takes the copy, offline). The complete copy goes; a part is still resumed.
   */
  readonly fresh?: boolean;
}

const idleTimeout = (options: DownloadOptions): number => options.idleTimeoutMs ?? 30_000;

const failed = (message: string, details?: Record<string, unknown>): AppErrorException =>
  new AppErrorException(appError(newErrorId(), 'DOWNLOAD_FAILED', message, details ? { details } : {}));

/**
 * Another's error message about `url`, naming it in display form: fetch repeats the whole URL in
 * some ("Request cannot be constructed from a URL that includes credentials: https://u:pw@…"), as
 * given or as parsed. Those are replaced whole (a password may hold a quote or a space, which no
 * pattern can tell from the text around it); any other URL in the text by pattern.
 */
function withoutSecrets(message: string, url: string): string {
  const shown = displayUrl(url);
  let text = message.replaceAll(url, shown);
  try {
    text = text.replaceAll(new URL(url).href, shown);
  } catch {
    // not a URL fetch could parse: it was named as given, replaced above
  }
  return text.replace(/https?:\/\/[^\s"<>]+/gi, (u) => (u === shown ? u : displayUrl(u)));
}

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
  // a dataset recorded before such URLs were refused at the Add: asked of no server, nothing written
  if (hasCredentials(url)) throw new AppErrorException(appError(newErrorId(), 'DATASET_UNSUPPORTED', CREDENTIALS_REFUSAL));
  const dir = downloadDir(cacheDir, url);
  // One download per URL folder at a time: two datasets of one URL, restored at the same start,
  // wrote the same part at once. The later one waits, then finds the copy the first completed.
  for (let running = inFlight.get(dir); running; running = inFlight.get(dir)) {
    await settled(running, options.signal);
  }
  const run = downloadAlone(url, dir, options);
  inFlight.set(dir, run);
  try {
    return await run;
  } finally {
    if (inFlight.get(dir) === run) inFlight.delete(dir);
  }
}

/** Downloads under way, by URL folder. */
const inFlight = new Map<string, Promise<Downloaded>>();

async function downloadAlone(url: string, dir: string, options: DownloadOptions): Promise<Downloaded> {
  mkdirSync(dir, { recursive: true });
  // A copy already complete is used without asking the server: its name was decided when it arrived.
  // Not for a person's add or Try again: the copy of a URL added before, removed and added again, or
  // the very bytes DuckDB could not read, came back every time without a request. The old copy
  // stays until the new one is whole, so a download that fails loses nothing.
  const cached = options.fresh ? undefined : completeCopy(dir);
  if (cached) return { path: cached, bytes: statSync(cached).size, sha256: (await sha256Of(cached)).digest('hex') };
  const part = join(dir, `${ownName(url)}.part`);

  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    let got: { bytes: number; facts: ResponseFacts };
    try {
      options.signal?.throwIfAborted();
      got = await tryOnce(url, part, options);
    } catch (e) {
      if (options.signal?.aborted) throw cancelled(dir, part, options.signal);
      // Only a failure that may pass is tried again (downloadRetry.ts): a 404 or a redirect loop would answer the same.
      if (attempt >= attempts || !retried(e)) throw failure(e, url, attempt, options);
      await pause(retryDelayMs(attempt + 1, e, options.retryDelayMs), options.signal).catch(() => undefined);
      continue;
    }
    const path = join(dir, await named(got.facts, part, options));
    // the one complete copy, whatever the older one was named (its format may have been another)
    for (const old of completeCopies(dir)) if (old !== path) rmSync(old, { force: true });
    renameSync(part, path);
    return { path, bytes: got.bytes, sha256: (await sha256Of(path)).digest('hex') };
  }
}

/** What a download that gave up says: at once for a failure no try would change, "after N tries" else. */
function failure(e: unknown, url: string, tries: number, options: DownloadOptions): unknown {
  if (e instanceof AppErrorException) return e;
  const said = e instanceof HttpStatusFailure ? e.message : withoutSecrets(fetchFailure(e, idleTimeout(options)), url);
  const reason = `${said}${/[.!?]$/.test(said) ? '' : '.'}`;
  const details = e instanceof HttpStatusFailure ? { status: e.status } : undefined;
  return failed(`Downloading ${displayUrl(url)} failed${tries > 1 ? ` after ${tries} tries` : ''}: ${reason}`, details);
}

/**
 * A download called off (its dataset removed while being added): the bytes that arrived are
 * deleted, with the URL's folder when nothing else is in it, and the signal's reason is thrown.
 */
function cancelled(dir: string, part: string, signal: AbortSignal): unknown {
  rmSync(part, { force: true });
  try {
    rmdirSync(dir);
  } catch {
    // not empty (a complete copy of another try) or already gone
  }
  return signal.reason;
}

/** Waits for `work` to end, however it ends; rejects at once when `signal` aborts. */
function settled(work: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => reject(signal?.reason as Error);
    if (signal?.aborted) return stop();
    signal?.addEventListener('abort', stop, { once: true });
    void work
      .catch(() => undefined)
      .then(() => {
        signal?.removeEventListener('abort', stop);
        resolve();
      });
  });
}

/** Waits `ms`, or less when `signal` aborts (then rejects). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      if (signal?.aborted) reject(signal.reason as Error);
      else resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The URL's own file name (urlFile.ts): '.' and '..' name no file: joined, they made the path the cache folder or the one above it. */
const ownName = (url: string): string => ownFileName(url) || 'download';

/** The complete files in a URL's folder (anything but a `.part`), by name. */
function completeCopies(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.part'))
    .map((e) => join(dir, e.name))
    .sort();
}

/** The one complete file in a URL's folder, if there is one. */
const completeCopy = (dir: string): string | undefined => completeCopies(dir)[0];

/** The complete file's name, checked to be a plain name in its folder whoever chose it. */
async function named(facts: ResponseFacts, part: string, options: DownloadOptions): Promise<string> {
  let name: string;
  try {
    name = options.nameFile ? await options.nameFile(facts, part) : ownName(facts.url);
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
  if (name === '' || name === '.' || name === '..' || name.endsWith('.part') || basename(name) !== name || /[\\/\0]/.test(name)) {
    rmSync(part, { force: true });
    throw failed(`Downloading ${displayUrl(facts.url)} failed: ${JSON.stringify(name)} is not a file name to keep it under.`);
  }
  return name;
}

/** What the server said about the bytes; a header too long to be honest counts as absent. */
function factsOf(url: string, response: Response, ok: boolean): ResponseFacts {
  const header = (name: string): string | undefined => (ok ? (response.headers.get(name) ?? undefined) : undefined);
  const raw = { url, finalUrl: response.url || undefined, contentType: header('content-type'), disposition: header('content-disposition') };
  const facts: Record<string, string | undefined> = { url };
  for (const key of ['finalUrl', 'contentType', 'disposition'] as const) {
    if (responseFactsSchema.shape[key].safeParse(raw[key]).success) facts[key] = raw[key];
  }
  return responseFactsSchema.parse(facts);
}

async function tryOnce(url: string, part: string, options: DownloadOptions): Promise<{ bytes: number; facts: ResponseFacts }> {
  const have = existsSync(part) ? statSync(part).size : 0;
  const controller = new AbortController();
  // called off from outside (a removal) or for silence: downloadAlone tells which by the outer signal
  const cancel = (): void => controller.abort();
  options.signal?.addEventListener('abort', cancel, { once: true });
  const idleMs = idleTimeout(options);
  let idle = setTimeout(() => controller.abort(), idleMs);
  const touch = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(), idleMs);
  };
  try {
    // The part holds decoded bytes, so a resumed range is asked of the file itself, never of a gzip of it.
    const response = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-`, 'Accept-Encoding': 'identity' } : {}, signal: controller.signal, redirect: 'follow' });
    // The part already holds every byte; a 416's own headers describe its error, not the file.
    if (response.status === 416 && have > 0) return { bytes: have, facts: factsOf(url, response, false) };
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined); // its error page is not read: the connection is let go
      throw new HttpStatusFailure(response.status, response.statusText, response.headers.get('retry-after') ?? undefined);
    }
    const resumed = response.status === 206;
    // fetch decodes a gzip'd answer: its Content-Length counts the encoded bytes, not those written.
    const encoded = !/^(identity)?$/i.test(response.headers.get('content-encoding')?.trim() ?? '');
    const length = encoded ? NaN : Number(response.headers.get('content-length') ?? NaN);
    const total = Number.isFinite(length) ? (resumed ? have + length : length) : undefined;
    let received = resumed ? have : 0;
    let lastReport = 0;
    const report = (force: boolean): void => {
      const now = performance.now();
      if (!force && now - lastReport < (options.progressIntervalMs ?? 100)) return;
      lastReport = now;
      options.onProgress?.({ receivedBytes: received, ...(total !== undefined ? { totalBytes: total } : {}) });
    };
    if (!response.body) throw failed(`Downloading ${displayUrl(url)} failed: the server sent no body.`);
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
    if (writeError?.code === 'ENOSPC') throw failed(`Downloading ${displayUrl(url)} failed: the disk is full.`);
    if (writeError) throw writeError;
    if (total !== undefined && received !== total) throw new CutShortFailure(`the connection closed after ${grouped(received)} of ${grouped(total)} bytes`);
    report(true);
    return { bytes: received, facts: factsOf(url, response, true) };
  } finally {
    clearTimeout(idle);
    options.signal?.removeEventListener('abort', cancel);
  }
}
