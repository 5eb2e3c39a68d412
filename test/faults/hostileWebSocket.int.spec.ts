import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeRenderer, startTestCore, tempDir, type TestCore } from '../support/testCore';
import { startWebHost, type WebHost } from '../../src/main/webHost/webHost';
import { MAX_MESSAGE_BYTES, type ServerMessage } from '../../src/shared/contracts/protocol';
import { answersTo, HOSTILE_COUNT as COUNT, HOSTILE_SEED as SEED, hostileMessages, whyWrong, type HostileMessage } from './hostileMessages';

/** A page's WebSocket as a browser opens it: our Origin, the token in the cookie the page load set. */
interface PageSocket {
  readonly ws: WebSocket;
  readonly replies: ServerMessage[];
  /** Resolves with the close code once the host closes the socket. */
  readonly closed: Promise<number>;
}

async function openSocket(host: WebHost, cookie: string): Promise<PageSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { headers: { origin: `http://127.0.0.1:${host.port}`, cookie } });
  const replies: ServerMessage[] = [];
  ws.on('message', (data) => replies.push(JSON.parse(String(data)) as ServerMessage));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, replies, closed };
}

const send = (ws: WebSocket, m: HostileMessage): void => (typeof m.payload === 'string' ? ws.send(m.payload) : ws.send(m.payload.binary, { binary: true }));
const bytesOf = (m: HostileMessage): number => (typeof m.payload === 'string' ? Buffer.byteLength(m.payload) : m.payload.binary.byteLength);

describe(`hostile input over a real WebSocket: ${COUNT} messages to a real web host (seed ${SEED})`, () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  let host: WebHost;
  let cookie: string;
  beforeAll(async () => {
    dir = tempDir();
    core = await startTestCore(join(dir.path, 'data'));
    await core.dispatch({ type: 'OpenSession', title: 'Before' });
    host = await startWebHost(core, { port: 0, staticDir: fakeRenderer(dir.path) });
    // Load the page with the printed URL, as a person does: the host answers with the token cookie.
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(cookie).toBe(`sextant_token_${host.port}=${host.token}`);
  });
  afterAll(async () => {
    await host.close();
    await core.close();
    dir.remove();
  });

  it('answers every one with an error id, closes a socket sent too much (1009), changes nothing, and keeps serving', async () => {
    const before = JSON.stringify(core.store.readAfter(0, 1_000_000));
    const messages = hostileMessages(SEED, COUNT);
    expect(new Set(messages.map((m) => m.kind)).size).toBeGreaterThanOrEqual(25);

    const started = Date.now();
    let socket = await openSocket(host, cookie);
    const unexpected: string[] = [];
    let closes = 0;
    for (const m of messages) {
      if (bytesOf(m) > MAX_MESSAGE_BYTES) {
        // The WebSocket server refuses it before anyone parses it: the socket closes with 1009 and no answer; the page reconnects.
        if (!m.oversized) unexpected.push(`${m.kind}: over the limit in bytes but not in characters`);
        const answered = socket.replies.length;
        send(socket.ws, m);
        const code = await Promise.race([socket.closed, new Promise<string>((r) => setTimeout(() => r('still open after 5 s'), 5000))]);
        if (code !== 1009) unexpected.push(`${m.kind}: closed with ${code}`);
        if (socket.replies.slice(answered).some((r) => r.type === 'response')) unexpected.push(`${m.kind}: answered before closing`);
        closes++;
        socket = await openSocket(host, cookie);
        continue;
      }
      const current = socket;
      const answers = await answersTo(
        () => current.replies,
        () => send(current.ws, m),
      );
      const problem = whyWrong(m, answers.length, answers[0]);
      if (problem) unexpected.push(`${m.kind}: ${problem}`);
      if (current.ws.readyState !== WebSocket.OPEN) {
        unexpected.push(`${m.kind}: the socket closed (${await current.closed})`);
        socket = await openSocket(host, cookie);
      }
    }
    console.log(`hostile WebSocket: ${messages.length} messages, ${closes} sockets closed with 1009 and reopened, ${Date.now() - started} ms`);
    expect([...new Set(unexpected)]).toEqual([]);
    expect(closes).toBeGreaterThan(0);
    expect(closes).toBe(messages.filter((m) => m.oversized).length);

    // Nothing written, nothing polluted.
    expect(JSON.stringify(core.store.readAfter(0, 1_000_000))).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    // The last socket still works, and so does a fresh one: a command is stored and its session streams to the page.
    const still = await answersTo(
      () => socket.replies,
      () => socket.ws.send(JSON.stringify({ id: 1, request: { method: 'dispatch', command: { type: 'OpenSession', title: 'Still here' } } })),
    );
    expect(still[0]?.result.ok).toBe(true);
    socket.ws.close();

    const fresh = await openSocket(host, cookie);
    const opened = await answersTo(
      () => fresh.replies,
      () => fresh.ws.send(JSON.stringify({ id: 1, request: { method: 'dispatch', command: { type: 'OpenSession', title: 'After' } } })),
    );
    expect(opened[0]).toMatchObject({ id: 1, result: { ok: true } });
    const sessionId = (opened[0]!.result as { ok: true; value: { aggregateId: string } }).value.aggregateId;
    await answersTo(
      () => fresh.replies,
      () => fresh.ws.send(JSON.stringify({ id: 2, request: { method: 'subscribe', subscriptionId: 'after', pattern: `session/${sessionId}` } })),
    );
    const deadline = Date.now() + 5000;
    while (!fresh.replies.some((r) => r.type === 'frames') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.stringify(fresh.replies.filter((r) => r.type === 'frames'))).toContain('"After"');
    fresh.ws.close();
    const titles = core.store.readAfter(0, 1_000_000).flatMap((e) => (e.type === 'SessionOpened' ? [e.payload.title] : []));
    expect(titles.slice(titles.indexOf('Before'))).toEqual(['Before', 'Still here', 'After']);
  }, 120_000);
});
