import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/contracts/protocol';
import type { ExportDownloads } from '../explore/exportDownloads';
import type { ServerChannel } from '../transports/serverChannel';
import { wsServerChannel } from '../transports/wsServerChannel';
import type { HostCapabilities } from '../core/clientConnection';
import { CONTENT_SECURITY_POLICY } from '../security/contentSecurityPolicy';
import { serveExportDownload } from './exportDownloadRoute';

export interface WebHostOptions {
  readonly port: number;
  readonly token?: string;
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * 32 random bytes as hex: safe in a URL and on a command line (base64url can begin with "-", which
 * `--token <t>` then reads as an option, so a printed token could not be passed back to restart).
 */
export const mintToken = (): string => randomBytes(32).toString('hex');

/** Constant-time comparison: hashing first gives both sides the same length. */
function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** What the web host serves: AppCore, or in tests a core without DuckDB. */
export interface ConnectionHost {
  connect(channel: ServerChannel, host?: Pick<HostCapabilities, 'scope'>): unknown;
  /** Finished exports a browser may fetch once at /exports/<id> (AppCore has them). */
  readonly downloads?: Pick<ExportDownloads, 'take'>;
}

/**
 * The same app in a browser: serves the built renderer and the WebSocket transport on 127.0.0.1
 * only. Every request and upgrade needs the token (query or a per-port HttpOnly cookie) and a Host
 * of 127.0.0.1/localhost on our port (DNS-rebinding safe); an Origin, when sent, must be ours.
 * Messages over MAX_MESSAGE_BYTES close the socket (1009, reason TOO_LARGE_REASON). Tested in webHost.int.spec.ts.
 */
export async function startWebHost(core: ConnectionHost, options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? mintToken();
  let port = options.port;
  const cookieName = () => `sextant_token_${port}`;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  /** Passes, or which check refused the request: the 403 names it (a right token with a foreign Host is not "open the URL"). */
  const authorize = (req: IncomingMessage): { ok: true; viaQuery: boolean } | { ok: false; refused: Refusal } => {
    if (!allowedHosts().has(req.headers.host ?? '')) return { ok: false, refused: 'host' };
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return { ok: false, refused: 'origin' };
    const url = requestUrl(req);
    if (!url) return { ok: false, refused: 'token' };
    const fromQuery = url.searchParams.get('token') ?? undefined;
    if (sameToken(fromQuery, token)) return { ok: true, viaQuery: true };
    return sameToken(readCookie(req, cookieName()), token) ? { ok: true, viaQuery: false } : { ok: false, refused: 'token' };
  };

  const assets = sirv(options.staticDir, { dev: false, etag: true, gzip: false, single: false });
  const server: Server = createServer((req, res) => {
    const auth = authorize(req);
    if (!auth.ok) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(forbiddenText(auth.refused, port));
      return;
    }
    // Static files only: nothing here takes a body (commands travel over the WebSocket).
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed.');
      return;
    }
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', 'no-store');
    if (auth.viaQuery) res.setHeader('set-cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    if (core.downloads && serveExportDownload(core.downloads, req, res)) return;
    // a page opened past the windows' limit is told so: its socket's refusal (below) a browser cannot read
    const path = requestUrl(req)?.pathname;
    if ((path === '/' || path === '/index.html') && wss.clients.size >= MAX_WINDOWS) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(TOO_MANY_WINDOWS);
      return;
    }
    // sirv lists the files once, at start: one gone since (a rebuild under a running host) fails its
    // read stream, whose error nothing else handles; uncaught, it ended the host and every window on
    // it. Its headers are out by then, so that response alone is cut off.
    res.once('pipe', (source) => source.once('error', () => res.destroy()));
    assets(req, res, () => {
      res.writeHead(404).end('Not found');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node takes the HTTP server's error listener off an upgraded socket: without one, a client that
    // resets while it is refused is an uncaught ECONNRESET, which ends a plain Node process.
    socket.on('error', () => socket.destroy());
    // Said in words like the HTTP routes' refusals, for a script or a proxy to read (a browser cannot).
    const auth = authorize(req);
    if (!auth.ok) {
      refuseUpgrade(socket, 403, 'Forbidden', forbiddenText(auth.refused, port));
      return;
    }
    const url = requestUrl(req);
    if (url?.pathname !== '/ws') {
      refuseUpgrade(socket, 404, 'Not Found', 'Not found: the WebSocket is at /ws.');
      return;
    }
    // A local host for one person: more windows than that is a loop or a script, and each one's
    // frames cost main its time (400 sockets on `**` held a cheap call up to 30 s)
    if (wss.clients.size >= MAX_WINDOWS) {
      refuseUpgrade(socket, 503, 'Service Unavailable', TOO_MANY_WINDOWS);
      return;
    }
    // A page opened on one session asks for a connection scoped to it (`/ws?session=<id>`); main then
    // refuses whatever that page sends beyond it (core/connectionScope.ts).
    const sessionId = url.searchParams.get('session');
    wss.handleUpgrade(req, socket, head, (ws) => core.connect(wsServerChannel(withCloseReasons(ws)), sessionId ? { scope: { kind: 'session', sessionId } } : {}));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Refusal = 'host' | 'origin' | 'token';

/** The 403's text: which check failed, and what to do about it. */
export function forbiddenText(refused: Refusal, port: number): string {
  switch (refused) {
    case 'host':
      return `Forbidden: the Host header is not 127.0.0.1:${port} or localhost:${port}. Open the URL Sextant printed, by that address.`;
    case 'origin':
      return 'Forbidden: the request came from another origin (a page not served by this Sextant).';
    case 'token':
      return 'Forbidden: open the URL Sextant printed (it carries the token).';
  }
}

/**
 * An upgrade refused with a status and a body, the socket then closed outright, as ws's own
 * abortHandshake does: ended only, a peer that never closes its side (a script) kept it open.
 */
function refuseUpgrade(socket: Duplex, status: number, reason: string, body: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/**
 * The windows (WebSocket connections) one web host serves at once. A page opened past it is told so
 * (503, below); the socket of a page already open is refused 503 and reconnects by itself once one closes.
 */
export const MAX_WINDOWS = 64;
export const TOO_MANY_WINDOWS = `Sextant serves at most ${MAX_WINDOWS} windows at once: close one, then reload this page.`;

/** Why a socket is closed 1009, which ws sends with an empty reason when a message is over maxPayload. */
export const TOO_LARGE_REASON = `message larger than ${MAX_MESSAGE_BYTES / 2 ** 20} MiB`;

/** `ws` closes an oversized message's socket itself, by `close(1009)`: give that close its reason. */
function withCloseReasons(ws: WebSocket): WebSocket {
  const close = ws.close.bind(ws);
  ws.close = (code?: number, reason?: string | Buffer) => close(code, code === 1009 && !reason ? TOO_LARGE_REASON : reason);
  return ws;
}

/** The request's URL, or undefined for a target no URL parser accepts (`//[`), which would throw. */
function requestUrl(req: IncomingMessage): URL | undefined {
  const base = 'http://127.0.0.1';
  return URL.canParse(req.url ?? '/', base) ? new URL(req.url ?? '/', base) : undefined;
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
