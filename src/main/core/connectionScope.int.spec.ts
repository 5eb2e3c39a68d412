import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/contracts/frames';
import type { Result } from '../../shared/contracts/errors';
import { startWebHost, type WebHost } from '../webHost/webHost';
import { fakeRenderer, startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

/** A hostile page: raw protocol messages over the real WebSocket, whatever the renderer would send. */
async function rawClient(url: string) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const frames: Frame[] = [];
  const waiting = new Map<number, (r: Result<unknown>) => void>();
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: 'response'; id: number; result: Result<unknown> } | { type: 'frames'; frames: Frame[] };
    if (message.type === 'frames') frames.push(...message.frames);
    else waiting.get(message.id)?.(message.result);
  });
  let next = 0;
  const call = (request: Record<string, unknown>): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, request }));
    });
  return { call, frames, close: () => ws.close() };
}

describe('a connection scoped to one session, over the real WebSocket (real SQLite, real DuckDB)', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  let host: WebHost;
  beforeEach(async () => {
    dir = tempDir();
    core = await startTestCore(dir.path);
    host = await startWebHost(core, { port: 0, staticDir: fakeRenderer(dir.path) });
  });
  afterEach(async () => {
    await host.close();
    await core.close();
    dir.remove();
  });

  it('refuses, with an error id, every request that reaches another session, and leaks none of its events', async () => {
    const open = async (title: string) => {
      const r = await core.dispatch({ type: 'OpenSession', title });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.aggregateId;
    };
    const mine = await open('Mine');
    const theirs = await open('Theirs');
    // their query runs long enough to be cancelled, if anything could reach it
    const started = await core.dispatch({ type: 'StartQuery', sessionId: theirs, sql: 'select count(*) from range(3000000000) a' });
    if (!started.ok) throw new Error(started.error.message);
    const theirQuery = started.value.queryId!;
    // executing before anything reaches for it, so "still executing" at the end means nothing stopped it
    // (read right after StartQuery, a loaded machine had not begun it yet: Pending)
    await expect.poll(() => core.view().sessions[theirs]?.history.at(-1)?.phase, { timeout: 10_000 }).toBe('Executing');

    const { port, searchParams } = new URL(host.url);
    const client = await rawClient(`ws://127.0.0.1:${port}/ws?token=${searchParams.get('token')}&session=${mine}`);
    const refused = [
      await client.call({ method: 'subscribe', subscriptionId: 'a', pattern: '**' }),
      await client.call({ method: 'subscribe', subscriptionId: 'b', pattern: `session/${theirs}` }),
      await client.call({ method: 'subscribe', subscriptionId: 'c', pattern: 'session/*' }),
      await client.call({ method: 'fetchPage', queryId: theirQuery, offset: 0, limit: 10 }),
      await client.call({ method: 'dispatch', command: { type: 'CancelQuery', sessionId: theirs } }),
      await client.call({ method: 'dispatch', command: { type: 'RenameSession', sessionId: theirs, title: 'Taken' } }),
      await client.call({ method: 'dispatch', command: { type: 'Undo', aggregateType: 'QuerySession', aggregateId: theirs, seq: 1 } }),
      await client.call({ method: 'profileColumns', requestId: 'p', target: { kind: 'result', queryId: theirQuery }, columns: [0] }),
      await client.call({ method: 'previewSql', sessionId: theirs, sql: 'select 1', cursor: 0 }),
    ];
    for (const r of refused) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('UNAUTHORIZED');
      expect(r.error.id).toMatch(/\S/);
      expect(r.error.message).toMatch(/opened on one session/);
    }
    // what it may do, it can
    expect((await client.call({ method: 'subscribe', subscriptionId: 'm', pattern: `session/${mine}` })).ok).toBe(true);
    expect((await client.call({ method: 'dispatch', command: { type: 'RenameSession', sessionId: mine, title: 'Still mine' } })).ok).toBe(true);
    await expect.poll(() => client.frames.some((f) => f.kind === 'event' && f.event.type === 'SessionRenamed')).toBe(true);

    // nothing of theirs reached it, and their query still runs
    const leaked = client.frames.filter((f) => JSON.stringify(f).includes(theirs));
    expect(leaked).toEqual([]);
    const theirSession = core.view().sessions[theirs]!;
    expect(theirSession.title).toBe('Theirs');
    expect(theirSession.history.at(-1)?.phase).toBe('Executing');
    client.close();
    await core.dispatch({ type: 'CancelQuery', sessionId: theirs });
  });

  it('leaves a connection opened without a session free to follow every session', async () => {
    const { port, searchParams } = new URL(host.url);
    const client = await rawClient(`ws://127.0.0.1:${port}/ws?token=${searchParams.get('token')}`);
    expect((await client.call({ method: 'subscribe', subscriptionId: 'a', pattern: 'session/*' })).ok).toBe(true);
    client.close();
  });
});
