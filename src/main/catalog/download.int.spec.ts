import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppErrorException } from '../../shared/contracts/errors';
import { tempDir } from '../../../test/support/testCore';
import { download, downloadDir } from './download';

describe('download into the cache (a real server on loopback)', () => {
  const body = Buffer.from('a,b\n'.repeat(200_000)); // 800 KB: several chunks, so writes wait on the file
  let server: Server;
  let base: string;
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    dir = tempDir();
    const gzipped = gzipSync(body);
    server = createServer((req, res) => {
      if (req.url === '/encoded.csv') res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(gzipped.length) }).end(gzipped);
      else res.writeHead(200, { 'content-length': String(body.length) }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
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
});
