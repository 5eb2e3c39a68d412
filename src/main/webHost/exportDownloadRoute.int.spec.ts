import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportDownloads } from '../explore/exportDownloads';
import { fakeRenderer, tempDir } from '../../../test/support/testCore';
import { startWebHost, type WebHost } from './webHost';

const ID = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

const get = (port: number, path: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('the web host serves a finished export once', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: WebHost;
  let downloads: ExportDownloads;
  let file: string;
  beforeEach(async () => {
    dir = tempDir();
    downloads = new ExportDownloads();
    file = join(dir.path, `${ID}.csv`);
    writeFileSync(file, 'a,b\n1,2\n');
    downloads.add({ exportId: ID, path: file, fileName: 'Session 1 - select "x".csv', format: 'csv' });
    host = await startWebHost({ connect: () => undefined, downloads }, { port: 0, staticDir: fakeRenderer(dir.path) });
  });
  afterEach(async () => {
    await host.close();
    await downloads.close();
    dir.remove();
  });

  it('needs the token, then answers as an attachment, deletes the file, and answers 404 after', async () => {
    expect((await get(host.port, `/exports/${ID}`)).status).toBe(403);
    expect(existsSync(file)).toBe(true);
    const r = await get(host.port, `/exports/${ID}?token=${host.token}`);
    expect(r).toMatchObject({ status: 200, body: 'a,b\n1,2\n' });
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="Session 1 - select _x_.csv"; filename*=UTF-8''Session%201%20-%20select%20%22x%22.csv`);
    await expect.poll(() => existsSync(file)).toBe(false);
    expect((await get(host.port, `/exports/${ID}?token=${host.token}`)).status).toBe(404);
  });

  it('says a download was sent only once the whole file went out, never for a transfer that failed', async () => {
    const sent: string[] = [];
    const whole = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d';
    const broken = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5e';
    writeFileSync(join(dir.path, 'whole.csv'), 'x\n1\n');
    mkdirSync(join(dir.path, 'a-folder'));
    downloads.add({ exportId: whole, path: join(dir.path, 'whole.csv'), fileName: 'x.csv', format: 'csv', sent: () => sent.push(whole) });
    downloads.add({ exportId: broken, path: join(dir.path, 'a-folder'), fileName: 'y.csv', format: 'csv', sent: () => sent.push(broken) });
    expect((await get(host.port, `/exports/${whole}?token=${host.token}`)).body).toBe('x\n1\n');
    await get(host.port, `/exports/${broken}?token=${host.token}`).catch(() => undefined);
    await expect.poll(() => sent).toEqual([whole]);
  });

  it('a HEAD, another id or a path beside the route takes nothing', async () => {
    expect((await get(host.port, `/exports/${ID}?token=${host.token}`, {}, 'HEAD')).status).toBe(404);
    expect((await get(host.port, `/exports/${ID.replace('a', 'b')}?token=${host.token}`)).status).toBe(404);
    expect((await get(host.port, `/exports/../${ID}?token=${host.token}`)).status).toBe(404);
    expect(existsSync(file)).toBe(true);
    expect((await get(host.port, `/exports/${ID}?token=${host.token}`)).status).toBe(200);
  });

  it('a file that cannot be read ends its response, and the host goes on serving', async () => {
    const other = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
    const folder = join(dir.path, 'not-a-file');
    mkdirSync(folder);
    // stat succeeds, the read fails (EISDIR): the read stream's error must not be left uncaught.
    downloads.add({ exportId: other, path: folder, fileName: 'x.csv', format: 'csv' });
    await get(host.port, `/exports/${other}?token=${host.token}`).then(
      (r) => expect(r.body).toBe(''),
      (e: Error) => expect(e.message).toMatch(/aborted|socket hang up|ECONNRESET/),
    );
    expect((await get(host.port, `/exports/${ID}?token=${host.token}`)).status).toBe(200);
  });

  it('an unclaimed download is deleted after its time', async () => {
    const short = new ExportDownloads(20);
    const other = join(dir.path, 'other.csv');
    writeFileSync(other, 'x');
    short.add({ exportId: 'e', path: other, fileName: 'x.csv', format: 'csv' });
    await expect.poll(() => existsSync(other)).toBe(false);
    expect(short.take('e')).toBeUndefined();
  });
});
