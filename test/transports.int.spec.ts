import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { SextantApi } from '../src/shared/contracts/protocol';
import { matchTopic } from '../src/shared/contracts/topics';
import { viewForPattern } from '../src/shared/views/appView';
import type { AppCoreOptions } from '../src/main/core/appCoreOptions';
import { startTestCore, tempDir, type TestCore } from './support/testCore';
import { MemoryTransport } from './support/memoryChannel';
import { startWebHost, type WebHost } from '../src/main/webHost/webHost';
import { createApiClient } from '../src/shared/client/apiClient';
import { createWsChannel } from '../src/renderer/api/wsChannel';
import { StreamClient } from '../src/renderer/state/streamClient';
import { ChannelProbe, MapStorage, waitFor } from './support/clientHarness';

const PATTERNS = ['session/*', 'catalog'];

/** One transport under test: the renderer's client on one end, main's serveConnection on the other. */
interface Rig {
  readonly core: TestCore;
  readonly probe: ChannelProbe;
  readonly api: SextantApi;
  readonly stream: StreamClient;
  /** Loses the connection (for the WebSocket: the web host goes away) until `reconnect`. */
  drop(): Promise<void>;
  /** Main is reachable again; the client reconnects by itself. */
  reconnect(): Promise<void>;
  close(): Promise<void>;
}

type Limits = Pick<AppCoreOptions, 'streamLimits' | 'flowLimits'>;

const transports: Record<string, (limits?: Limits) => Promise<Rig>> = {
  'in-memory pair': async (limits) => {
    const dir = tempDir();
    const core = await startTestCore(dir.path, limits);
    const transport = new MemoryTransport((channel) => core.connect(channel));
    transport.connect();
    const probe = new ChannelProbe(transport);
    const api = createApiClient(probe);
    const stream = new StreamClient(api, PATTERNS, new MapStorage());
    return {
      core,
      probe,
      api,
      stream,
      drop: async () => transport.drop(),
      reconnect: async () => transport.connect(),
      close: async () => {
        transport.drop();
        await core.close();
        dir.remove();
      },
    };
  },
  'WebSocket over loopback (real web host)': async (limits) => {
    const dir = tempDir();
    const core = await startTestCore(dir.path, limits);
    let host: WebHost = await startWebHost(core, { port: 0, staticDir: dir.path });
    const { port, token } = host;
    const channel = createWsChannel(`ws://127.0.0.1:${port}/ws?token=${token}`, {
      WebSocket: WebSocket as unknown as NonNullable<Parameters<typeof createWsChannel>[1]>['WebSocket'],
      minBackoffMs: 20,
      maxBackoffMs: 200,
    });
    const probe = new ChannelProbe(channel);
    const api = createApiClient(probe);
    const stream = new StreamClient(api, PATTERNS, new MapStorage());
    await waitFor(() => channel.isConnected(), 'the socket to open');
    return {
      core,
      probe,
      api,
      stream,
      drop: () => host.close(),
      // The same port and token, as `serve --token` gives across a restart.
      reconnect: async () => {
        host = await startWebHost(core, { port, token, staticDir: dir.path });
      },
      close: async () => {
        channel.close();
        await host.close();
        await core.close();
        dir.remove();
      },
    };
  },
};

/** The seqs of the event frames the client's code was handed for `pattern`, over every connection. */
const receivedSeqs = (rig: Rig, pattern: string): number[] =>
  rig.probe.delivered.flatMap(({ frame }) => (frame.kind === 'event' && frame.subscriptionId.startsWith(`${pattern}#`) ? [frame.event.globalSeq] : []));
const storedSeqs = (core: TestCore, pattern: string, afterSeq: number): number[] =>
  core.store
    .readAfter(afterSeq, 1_000_000)
    .filter((e) => matchTopic(pattern, e.topic))
    .map((e) => e.globalSeq);
const lastMatching = (core: TestCore, pattern: string): number => storedSeqs(core, pattern, 0).at(-1) ?? 0;
const firstSnapshotSeq = (rig: Rig, pattern: string): number => {
  const snap = rig.probe.delivered.find(({ frame }) => frame.kind === 'snapshot' && frame.subscriptionId.startsWith(`${pattern}#`));
  return snap?.frame.kind === 'snapshot' ? snap.frame.seq : NaN;
};
/** Caught up: live, and the cursor at the last stored event of its pattern (or its snapshot). */
const caughtUp = (rig: Rig) => async () =>
  waitFor(
    () => rig.stream.getState().live && PATTERNS.every((p) => (rig.stream.seqOf(p) ?? -1) >= lastMatching(rig.core, p)),
    'the client to catch up',
  );

describe.each(Object.keys(transports))('transport contract: %s', (name) => {
  const rigs: Rig[] = [];
  const rig = async (limits?: Limits) => {
    const r = await transports[name]!(limits);
    rigs.push(r);
    return r;
  };
  afterEach(async () => {
    for (const r of rigs.splice(0)) await r.close();
  });

  it('dispatches commands and streams them back: the client’s view equals main’s projection at its seq', async () => {
    const r = await rig();
    const opened = await r.api.dispatch({ type: 'OpenSession', title: 'First' });
    expect(opened.ok).toBe(true);
    const sessionId = opened.ok ? opened.value.aggregateId : '';
    const renamed = await r.api.dispatch({ type: 'RenameSession', sessionId, title: 'Renamed' });
    expect(renamed.ok && renamed.value.lastSeq).toBe(r.core.store.lastSeq());
    await caughtUp(r)();
    expect(r.stream.seqOf('session/*')).toBe(r.core.store.lastSeq());
    expect(r.stream.viewOf('session/*')).toEqual(viewForPattern(r.core.projections.current.view, 'session/*'));
    expect(r.stream.getState().view.sessions[sessionId]?.title).toBe('Renamed');
  });

  it('main validates what the client sends: a malformed command is refused with an error id and stores nothing', async () => {
    const r = await rig();
    const before = r.core.store.lastSeq();
    const bad = await r.api.dispatch({ type: 'RenameSession', sessionId: 'a/b', title: '' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_COMMAND');
    expect(bad.ok ? '' : bad.error.id).toMatch(/^[0-9a-f-]{36}$/);
    const badPattern = await r.api.subscribe('x', 'session/%');
    expect(badPattern.ok ? 'ok' : badPattern.error.code).toBe('INVALID_COMMAND');
    expect(r.core.store.lastSeq()).toBe(before);
  });

  it('after a drop the client resubscribes from its last seq and gets exactly what it missed, once', async () => {
    const r = await rig();
    const a = await r.core.dispatch({ type: 'OpenSession', title: 'A' });
    const sessionId = a.ok ? a.value.aggregateId : '';
    await caughtUp(r)();
    const seqBefore = r.stream.seqOf('session/*')!;
    const connectionsBefore = r.probe.connections;

    await r.drop();
    await waitFor(() => !r.stream.getState().connected, 'the client to notice the drop');
    for (let i = 0; i < 5; i++) await r.core.dispatch({ type: 'RenameSession', sessionId, title: `while away ${i}` });
    await r.reconnect();
    await waitFor(() => r.probe.connections > connectionsBefore, 'the client to reconnect');
    await caughtUp(r)();

    const resubscribe = r.probe.subscribes().filter((s) => s.pattern === 'session/*').at(-1);
    expect(resubscribe?.afterSeq).toBe(seqBefore);
    const afterReconnect = r.probe.framesOn(r.probe.connections);
    expect(afterReconnect.filter((f) => f.kind === 'snapshot')).toEqual([]);
    expect(receivedSeqs(r, 'session/*')).toEqual(storedSeqs(r.core, 'session/*', firstSnapshotSeq(r, 'session/*')));
    expect(r.stream.getState().view.sessions[sessionId]?.title).toBe('while away 4');
    expect(r.stream.viewOf('session/*')).toEqual(viewForPattern(r.core.projections.current.view, 'session/*'));
  });

  it('a stalled client costs main at most a window of frames; it is dropped as stale and catches up once it reads again', async () => {
    const window = 64;
    const r = await rig({ flowLimits: { window }, streamLimits: { maxQueued: 32 } });
    const a = await r.core.dispatch({ type: 'OpenSession', title: 'A' });
    const sessionId = a.ok ? a.value.aggregateId : '';
    await caughtUp(r)();
    r.probe.stall();
    for (let i = 0; i < 300; i++) await r.core.dispatch({ type: 'RenameSession', sessionId, title: `t${i}` });
    await waitFor(() => r.probe.heldFrames().some((f) => f.kind === 'stale'), 'the stale frame');
    const held = r.probe.heldFrames();
    expect(held.length).toBeLessThanOrEqual(window + 1);
    expect(r.core.streams.stats().queuedFrames).toBe(0);
    expect(r.core.streams.stats().subscribers).toBe(1); // the catalog subscription, idle, stays

    r.probe.resume();
    await caughtUp(r)();
    expect(receivedSeqs(r, 'session/*')).toEqual(storedSeqs(r.core, 'session/*', firstSnapshotSeq(r, 'session/*')));
    expect(r.stream.viewOf('session/*')).toEqual(viewForPattern(r.core.projections.current.view, 'session/*'));
  });

  it('the client acknowledges what it processed, so a long replay flows through a small window', async () => {
    const r = await rig({ flowLimits: { window: 50 }, streamLimits: { replayBatch: 20 } });
    const a = await r.core.dispatch({ type: 'OpenSession', title: 'A' });
    const sessionId = a.ok ? a.value.aggregateId : '';
    await caughtUp(r)();
    await r.drop();
    await waitFor(() => !r.stream.getState().connected, 'the client to notice the drop');
    for (let i = 0; i < 400; i++) await r.core.dispatch({ type: 'RenameSession', sessionId, title: `t${i}` });
    await r.reconnect();
    await caughtUp(r)();
    expect(receivedSeqs(r, 'session/*')).toEqual(storedSeqs(r.core, 'session/*', firstSnapshotSeq(r, 'session/*')));
    const acks = r.probe.sent.filter((m) => !('id' in m));
    expect(acks.length).toBeGreaterThanOrEqual(400 / 50);
  });
});

// The web host's token, Host and Origin checks are proved in src/main/webHost/webHost.int.spec.ts.
describe('WebSocket transport: a message that is not text', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  const host = async () => {
    const dir = tempDir();
    const core = await startTestCore(dir.path);
    const h = await startWebHost(core, { port: 0, staticDir: dir.path });
    cleanup.push(() => dir.remove(), () => core.close(), () => h.close());
    return h;
  };
  it('answers a binary message with INVALID_COMMAND and an error id', async () => {
    const h = await host();
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ws?token=${h.token}`);
    cleanup.push(() => ws.close());
    await new Promise((r) => ws.once('open', r));
    const reply = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    const message = JSON.parse(await reply) as { type: string; id: number; result: { ok: boolean; error: { code: string; id: string } } };
    expect(message).toMatchObject({ type: 'response', id: -1, result: { ok: false, error: { code: 'INVALID_COMMAND' } } });
    expect(message.result.error.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});


describe('transports carry text and know nothing of the core', () => {
  it('no file in src/main/transports imports from src/main/core (the core serves connections over them, one way)', () => {
    const dir = join(import.meta.dirname, '../src/main/transports');
    const imports = readdirSync(dir).flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => `${file}: ${m[1]}`),
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => /\/core\//.test(i))).toEqual([]);
  });
});
