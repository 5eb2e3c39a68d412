import { rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../shared/contracts/protocol';
import { CONTENT_SECURITY_POLICY } from '../security/contentSecurityPolicy';
import { fakeRenderer, startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { MAX_WINDOWS, startWebHost, TOO_MANY_WINDOWS, type WebHost } from './webHost';

const TOKEN_TEXT = 'Forbidden: open the URL Sextant printed (it carries the token).';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request to the host on 127.0.0.1, with whatever headers the test chooses (a browser could not forge some of them). */
const get = (port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, setHost: !('host' in headers) }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });

/** A request with no Host header at all (HTTP/1.0), which Node's client would never send. */
const rawStatus = (port: number, text: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on('error', reject);
  });

/** Opens a WebSocket; 101 when the host accepts it, else the HTTP status it answered (or -1). */
const upgrade = (url: string, headers: Record<string, string> = {}): Promise<number> =>
  new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });

/** A refused upgrade's status and text. */
const upgradeRefusal = (url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('error', reject);
  });

const connectsTo = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

describe('the web host’s security checks (a real server on loopback)', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  let host: WebHost;
  let token: string;
  let port: number;
  beforeEach(async () => {
    dir = tempDir();
    core = await startTestCore(dir.path);
    host = await startWebHost(core, { port: 0, staticDir: fakeRenderer(dir.path) });
    ({ token, port } = host);
  });
  afterEach(async () => {
    await host.close();
    await core.close();
    dir.remove();
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(await connectsTo('127.0.0.1', port)).toBe(true);
    const elsewhere = [
      ...(process.platform === 'linux' ? ['127.0.0.2'] : []), // also loopback, but not the address the host bound
      ...Object.values(networkInterfaces())
        .flat()
        .filter((i) => i !== undefined && !i.internal && i.family === 'IPv4')
        .map((i) => i!.address),
    ];
    expect(elsewhere.length, 'an address other than 127.0.0.1 to try').toBeGreaterThan(0);
    for (const address of elsewhere) expect(await connectsTo(address, port), address).toBe(false);
  });

  it('mints a new unguessable token at every start', async () => {
    const other = await startWebHost(core, { port: 0, staticDir: dir.path });
    try {
      expect(other.token).not.toBe(token);
      expect(token).toMatch(/^[0-9a-f]{64}$/); // 32 random bytes, as hex: never read as an option on a command line
    } finally {
      await other.close();
    }
  });

  it('serves nothing without the right token; the right one sets a strict, HttpOnly, per-port cookie that works alone', async () => {
    expect(await get(port, '/')).toMatchObject({ status: 403, body: TOKEN_TEXT });
    expect((await get(port, `/?token=${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).status).toBe(403);
    expect((await get(port, `/?token=${token}x`)).status).toBe(403);
    expect((await get(port, '/?token=')).status).toBe(403);
    const ok = await get(port, `/?token=${token}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<title>Sextant</title>');
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toContain(`sextant_token_${port}=${token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await get(port, '/', { cookie: `sextant_token_${port}=${token}` })).status).toBe(200);
    expect((await get(port, '/', { cookie: `sextant_token_${port + 1}=${token}` })).status).toBe(403);
    expect((await get(port, '/', { cookie: `sextant_token_${port}=nope` })).status).toBe(403);
  });

  it('refuses a Host that is not this loopback port, even with the token: DNS rebinding gets nowhere', async () => {
    for (const hostHeader of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, `127.0.0.1`, `localhost.evil.example:${port}`, `[::1]:${port}`, `0.0.0.0:${port}`]) {
      // The token is right: the refusal says it is the Host, not "open the URL" (which was opened).
      expect(await get(port, `/?token=${token}`, { host: hostHeader }), hostHeader).toMatchObject({
        status: 403,
        body: `Forbidden: the Host header is not 127.0.0.1:${port} or localhost:${port}. Open the URL Sextant printed, by that address.`,
      });
    }
    expect(await rawStatus(port, `GET /?token=${token} HTTP/1.0\r\n\r\n`)).toBe(403);
    expect((await get(port, `/?token=${token}`, { host: `localhost:${port}` })).status).toBe(200);
    expect((await get(port, `/?token=${token}`, { host: `127.0.0.1:${port}` })).status).toBe(200);
  });

  it('refuses a request from another origin, even with the token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, 'file://']) {
      expect(await get(port, `/?token=${token}`, { origin }), origin).toMatchObject({
        status: 403,
        body: 'Forbidden: the request came from another origin (a page not served by this Sextant).',
      });
    }
    expect((await get(port, `/?token=${token}`, { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });

  it('checks the same on every WebSocket upgrade: token, Host, Origin and path', async () => {
    const ws = `ws://127.0.0.1:${port}`;
    expect(await upgrade(`${ws}/ws?token=${token}`)).toBe(101);
    expect(await upgrade(`${ws}/ws?token=${token}`, { origin: `http://127.0.0.1:${port}` })).toBe(101);
    expect(await upgrade(`${ws}/ws`)).not.toBe(101);
    expect(await upgrade(`${ws}/ws?token=wrong`)).not.toBe(101);
    expect(await upgrade(`${ws}/ws?token=${token}`, { origin: 'http://evil.example' })).not.toBe(101);
    expect(await upgrade(`${ws}/ws?token=${token}`, { origin: 'null' })).not.toBe(101);
    expect(await upgrade(`${ws}/ws?token=${token}`, { host: `evil.example:${port}` })).not.toBe(101);
    expect(await upgrade(`${ws}/other?token=${token}`)).not.toBe(101);
    expect(await upgrade(`${ws}/ws`, { cookie: `sextant_token_${port}=${token}` })).toBe(101);
    // Each refusal says which check failed, as the HTTP routes' do.
    expect(await upgradeRefusal(`${ws}/ws`)).toEqual({ status: 403, body: TOKEN_TEXT });
    expect(await upgradeRefusal(`${ws}/ws?token=${token}`, { origin: 'http://evil.example' })).toEqual({
      status: 403,
      body: 'Forbidden: the request came from another origin (a page not served by this Sextant).',
    });
    expect(await upgradeRefusal(`${ws}/other?token=${token}`)).toEqual({ status: 404, body: 'Not found: the WebSocket is at /ws.' });
  });

  it('refuses a target no URL parser accepts, and a client resetting a refused upgrade, and keeps serving', async () => {
    const host = `Host: 127.0.0.1:${port}`;
    expect(await rawStatus(port, `GET //[ HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`)).toBe(403);
    expect(await rawStatus(port, `GET //[ HTTP/1.1\r\n${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`)).toBe(403);
    // Without the token the upgrade is refused; the client resets instead of reading the refusal.
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`GET /ws HTTP/1.1\r\n${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
        socket.resetAndDestroy();
        resolve();
      });
    });
    // No signal says the server has written its refusal into the reset socket: give it a moment (without
    // the fix this failed 3 of 3 runs as an unhandled ECONNRESET).
    await new Promise((r) => setTimeout(r, 100));
    expect((await get(port, `/?token=${token}`)).status).toBe(200);
  });

  it('a file gone since the host started (a rebuild under it) fails that request alone, and the host keeps serving', async () => {
    const asset = join(dir.path, 'renderer', 'gone.js');
    writeFileSync(asset, 'export {};');
    const other = await startWebHost(core, { port: 0, staticDir: join(dir.path, 'renderer') });
    try {
      rmSync(asset);
      // the host lists its files once, at start: it still has this one, and its read fails
      await expect(get(other.port, `/gone.js?token=${other.token}`)).rejects.toThrow();
      expect((await get(other.port, `/?token=${other.token}`)).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('sends the CSP and hardening headers with what it serves, and nothing outside its folder', async () => {
    const page = await get(port, `/?token=${token}`);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer'); // the token in the URL never leaves in a Referer
    expect(page.headers['cache-control']).toBe('no-store');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/renderer/../../secret.txt']) {
      const reply = await get(port, `${path}?token=${token}`);
      expect(reply.body, path).not.toContain('outside the static folder');
      expect(reply.status, path).not.toBe(200);
    }
    const post = await get(port, `/?token=${token}`, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
  });

  it('closes a socket that sends more than the message limit (1009, saying why), and keeps serving everyone else', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise<[number, string]>((resolve) => ws.once('close', (code, reason) => resolve([code, reason.toString()])));
    ws.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
    expect(await closed).toEqual([1009, 'message larger than 1 MiB']);
    // Just under the limit is read (and refused as not JSON, with an id), not dropped.
    const next = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
    await new Promise((r) => next.once('open', r));
    const reply = new Promise<string>((resolve) => next.once('message', (d) => resolve(String(d))));
    next.send('x'.repeat(MAX_MESSAGE_BYTES - 10));
    const message = JSON.parse(await reply) as { result: { ok: boolean; error: { code: string; id: string } } };
    expect(message.result.ok).toBe(false);
    expect(message.result.error.code).toBe('INVALID_COMMAND');
    expect(message.result.error.id).toMatch(/^[0-9a-f-]{36}$/);
    next.close();
  });

  it(`serves at most ${MAX_WINDOWS} windows at once: the next is refused 503 saying why, and let in once one closes`, async () => {
    const url = `ws://127.0.0.1:${port}/ws?token=${token}`;
    const open = await Promise.all(
      Array.from({ length: MAX_WINDOWS }, () => new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      })),
    );
    const refused = await new Promise<{ status: number; body: string }>((resolve) => {
      const ws = new WebSocket(url);
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
    });
    expect(refused).toEqual({ status: 503, body: TOO_MANY_WINDOWS });
    // a page opened now is told so in words (a browser cannot read a socket's refusal); its files still load
    const page = await get(port, `/?token=${token}`);
    expect([page.status, page.body]).toEqual([503, TOO_MANY_WINDOWS]);
    expect((await get(port, `/assets/index.js?token=${token}`)).status).toBe(200);
    const closed = new Promise((r) => open[0]!.once('close', r));
    open[0]!.close();
    await closed;
    await expect.poll(() => upgrade(url)).toBe(101);
    for (const ws of open) ws.close();
  });
});
