import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppErrorException } from '../../shared/contracts/errors';
import { CREDENTIALS_REFUSAL } from '../../shared/domain/urlCredentials';
import { tempDir } from '../../../test/support/testCore';
import { download, downloadDir } from './download';

describe('download into the cache (a real server on loopback)', () => {
  const body = Buffer.from('a,b\n'.repeat(200_000)); // 800 KB: several chunks, so writes wait on the file
  let server: Server;
  let base: string;
  let dir: ReturnType<typeof tempDir>;
  /** Requests by path: how many times each was asked. */
  const asked = new Map<string, number>();
  const hanging: ServerResponse[] = [];
  beforeAll(async () => {
    dir = tempDir();
    const gzipped = gzipSync(body);
    server = createServer((req, res) => {
      asked.set(req.url ?? '', (asked.get(req.url ?? '') ?? 0) + 1);
      if (req.url?.startsWith('/gone/')) res.writeHead(404).end();
      else if (req.url === '/loop.csv') res.writeHead(302, { location: '/loop.csv' }).end();
      // busy twice, then the file: a server error may pass
      else if (req.url === '/busy.csv' && asked.get(req.url)! <= 2) res.writeHead(503, { 'retry-after': '0' }).end();
      // accepts and never answers
      else if (req.url === '/hang.csv') hanging.push(res);
      else if (req.url === '/encoded.csv') res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(gzipped.length) }).end(gzipped);
      else res.writeHead(200, { 'content-length': String(body.length) }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    hanging.forEach((res) => res.destroy());
    await new Promise((r) => server.close(r));
    dir.remove();
  });

  it('writes every byte, with backpressure, and records the SHA-256', async () => {
    const got = await download(`${base}/whole.csv`, join(dir.path, 'cache'));
    expect(readFileSync(got.path).equals(body)).toBe(true);
    expect(got.bytes).toBe(body.length);
  });

  it('a gzip-encoded answer is kept decoded and whole (its Content-Length counts the encoded bytes)', async () => {
    const got = await download(`${base}/encoded.csv`, join(dir.path, 'cache'), { attempts: 1 });
    expect(readFileSync(got.path).equals(body)).toBe(true);
    expect(got.bytes).toBe(body.length);
  });

  it("a URL whose last segment is '.' or '..' is downloaded to a file of its own in its folder, never onto the cache", async () => {
    const cache = join(dir.path, 'cache');
    for (const url of [`${base}/data/..`, `${base}/data/.`]) {
      const got = await download(url, cache);
      expect(dirname(got.path)).toBe(downloadDir(cache, url));
      expect(readFileSync(got.path).equals(body)).toBe(true);
    }
  });

  // Signed URLs carry their secret in the query; a URL may carry a password: the message, which is
  // logged and shown, names the URL without either.
  const refusal = (url: string, attempts?: number): Promise<AppErrorException> =>
    download(url, join(dir.path, 'cache'), attempts ? { attempts } : {}).then(
      () => expect.unreachable('downloaded'),
      (e: unknown) => (expect(e).toBeInstanceOf(AppErrorException), e as AppErrorException),
    );
  const secretsOut = (message: string): void => ['secret', 'frag', 'hunter2', '?', '#', '@'].forEach((s) => expect(message).not.toContain(s));

  it('a 404 for a URL with a token and a fragment fails naming the URL without them', async () => {
    const { error } = await refusal(`${base}/gone/data.csv?token=secret&X-Amz-Signature=secret#frag`);
    expect(error).toMatchObject({ code: 'DOWNLOAD_FAILED', message: `Downloading ${base}/gone/data.csv failed: the server answered 404 Not Found.` });
    secretsOut(error.message);
  });

  it('a URL with a password, even one or a path holding a quote or a space, is refused before it is asked, in words that repeat neither it nor its token', async () => {
    const before = [...asked.values()].reduce((a, b) => a + b, 0);
    for (const url of [`${base.replace('//', '//user:hunter2@')}/gone/data.csv?token=secret#frag`, `${base.replace('//', "//user:it's hunter2@")}/gone/data.csv?sig=secret`, `${base.replace('//', '//user:hunter2@')}/gone/o'brien csv?sig=secret`]) {
      const { error } = await refusal(url, 2);
      expect(error).toMatchObject({ code: 'DATASET_UNSUPPORTED', message: CREDENTIALS_REFUSAL });
      // its words name "user:password@" as a form, nothing of the URL's
      ['secret', 'hunter2', 'gone', '127.0.0.1'].forEach((s) => expect(error.message).not.toContain(s));
    }
    expect([...asked.values()].reduce((a, b) => a + b, 0)).toBe(before);
  });

  it('a connection that fails fails naming the URL without its token and fragment', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const { error } = await refusal(`http://127.0.0.1:${port}/d/data.csv?token=secret#frag`, 2);
    expect(error).toMatchObject({ code: 'DOWNLOAD_FAILED', message: `Downloading http://127.0.0.1:${port}/d/data.csv failed: the server refused the connection.` });
    secretsOut(error.message);
  });

  it('a full disk fails the download once, as DOWNLOAD_FAILED saying so, and takes nothing down', async () => {
    const url = `${base}/full.csv`;
    const cache = join(dir.path, 'cache');
    mkdirSync(downloadDir(cache, url), { recursive: true });
    // The part file is /dev/full: every write fails with ENOSPC, as on a full disk.
    symlinkSync('/dev/full', join(downloadDir(cache, url), 'full.csv.part'));
    const error = await download(url, cache).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppErrorException);
    expect((error as AppErrorException).error).toMatchObject({ code: 'DOWNLOAD_FAILED', message: `Downloading ${url} failed: the disk is full.` });
    expect(existsSync(join(downloadDir(cache, url), 'full.csv'))).toBe(false);
  });

  it('given a redirect loop, when it is downloaded, then it fails after one try (21 requests), not five', async () => {
    const { error } = await refusal(`${base}/loop.csv`);
    expect(error).toMatchObject({ code: 'DOWNLOAD_FAILED', message: `Downloading ${base}/loop.csv failed: redirect count exceeded.` });
    expect(asked.get('/loop.csv')).toBe(21);
  });

  it('given a server that answers 503 twice, when it is downloaded, then it is tried again and arrives whole', async () => {
    const got = await download(`${base}/busy.csv`, join(dir.path, 'cache'), { retryDelayMs: 1 });
    expect(readFileSync(got.path).equals(body)).toBe(true);
    expect(asked.get('/busy.csv')).toBe(3);
  });

  it('given a server that never answers, when the download is called off, then it ends at once and leaves nothing in the cache', async () => {
    const cache = join(dir.path, 'cache');
    const url = `${base}/hang.csv`;
    const controller = new AbortController();
    const running = download(url, cache, { signal: controller.signal }).then(
      () => 'downloaded',
      (e: unknown) => e,
    );
    await expect.poll(() => asked.get('/hang.csv')).toBe(1);
    const calledOff = performance.now();
    controller.abort();
    expect(await running).toMatchObject({ name: 'AbortError' });
    expect(performance.now() - calledOff).toBeLessThan(1000);
    expect(existsSync(downloadDir(cache, url))).toBe(false);
    expect(asked.get('/hang.csv')).toBe(1);
  });

  it('given a body that stops halfway, when the download is called off, then the half-written part is deleted', async () => {
    const half = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('a,b\n'.repeat(100)); // 400 of 1000 bytes, then silence
    });
    await new Promise<void>((r) => half.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(half.address() as AddressInfo).port}/half.csv`;
    const cache = join(dir.path, 'cache');
    const controller = new AbortController();
    const running = download(url, cache, { signal: controller.signal }).catch((e: unknown) => e);
    const part = join(downloadDir(cache, url), 'half.csv.part');
    await expect.poll(() => existsSync(part) && readFileSync(part).length).toBe(400);
    controller.abort();
    expect(await running).toMatchObject({ name: 'AbortError' });
    expect(existsSync(downloadDir(cache, url))).toBe(false);
    half.closeAllConnections();
    await new Promise((r) => half.close(r));
  });
});
