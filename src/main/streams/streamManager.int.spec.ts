import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import type { Frame } from '../../shared/contracts/frames';
import { matchTopic } from '../../shared/contracts/topics';
import { emptyView, evolveAppView, viewForPattern, type AppView } from '../../shared/views/appView';
import { ProtocolClient } from '../../../test/support/protocolClient';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import type { AppCoreOptions } from '../core/appCoreOptions';
import { silentLogger } from '../platform/logger';
import { waitFor } from '../../../test/support/clientHarness';
import { Outbox } from './outbox';
import { defaultStreamLimits, StreamManager, type ResumePoint } from './streamManager';

type EventFrame = Extract<Frame, { kind: 'event' }>;
const eventSeqs = (frames: readonly Frame[]) => frames.flatMap((f) => (f.kind === 'event' ? [f.event.globalSeq] : []));
const kinds = (frames: readonly Frame[]) => frames.map((f) => f.kind);
const tick = () => new Promise((r) => setTimeout(r, 5));
/**
 * A round trip on the client's connection: main answers it after everything it had to do on
 * arrival, and the transport delivers in order, so every frame main sent before it is in by now.
 */
const barrier = async (c: ProtocolClient): Promise<void> => {
  await c.request({ method: 'unsubscribe', subscriptionId: 'barrier' });
};

describe('StreamManager in the real core', () => {
  let core: TestCore;
  const cores: { core: TestCore; errors: string[] }[] = [];
  const dirs: ReturnType<typeof tempDir>[] = [];
  /** A core on a fresh data dir (its first start opens one session). */
  const start = async (options: Pick<AppCoreOptions, 'streamLimits' | 'flowLimits'> = {}) => {
    const d = tempDir();
    dirs.push(d);
    const { log, errors } = recordingLogger();
    const c = await startTestCore(d.path, { ...options, log });
    cores.push({ core: c, errors });
    return c;
  };
  const client = (c = core) => new ProtocolClient((channel) => c.connect(channel));
  const open = async (title: string, c = core) => {
    const r = await c.dispatch({ type: 'OpenSession', title });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.aggregateId;
  };
  const rename = async (sessionId: string, title: string, c = core) => {
    const r = await c.dispatch({ type: 'RenameSession', sessionId, title });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.lastSeq;
  };
  const storedSeqs = (pattern: string, afterSeq = 0, c = core) =>
    c.store
      .readAfter(0, 1_000_000)
      .filter((e) => e.globalSeq > afterSeq && matchTopic(pattern, e.topic))
      .map((e) => e.globalSeq);
  const viewAt = (pattern: string, seq: number, c = core): AppView =>
    viewForPattern(
      c.store
        .readAfter(0, 1_000_000)
        .filter((e) => e.globalSeq <= seq)
        .reduce<AppView>((v, e) => evolveAppView(v, e), emptyView()),
      pattern,
    );

  beforeEach(async () => {
    core = await start();
  });
  afterEach(async () => {
    for (const c of cores.splice(0)) {
      expect(c.errors).toEqual([]);
      await c.core.close();
    }
    for (const d of dirs.splice(0)) d.remove();
  });

  it('without a cursor: a snapshot of the pattern’s view at a seq, then live events of that pattern only', async () => {
    const a = await open('A');
    const b = await open('B');
    await rename(a, 'A1');
    const c = client();
    await c.request({ method: 'subscribe', subscriptionId: 's', pattern: `session/${a}` });
    await c.until((f) => f.some((x) => x.kind === 'live'));
    const [snapshot, live] = c.frames;
    if (snapshot?.kind !== 'snapshot' || live?.kind !== 'live') throw new Error(`got ${kinds(c.frames).join(',')}`);
    expect(snapshot.seq).toBe(core.store.lastSeq());
    expect(snapshot.state).toEqual(viewAt(`session/${a}`, snapshot.seq));
    expect(Object.keys(snapshot.state.sessions)).toEqual([a]);
    expect(snapshot.storeId).toBe(core.store.readAfter(0, 1)[0]!.eventId);
    expect(live.seq).toBe(snapshot.seq);
    await rename(b, 'B1');
    const mine = await rename(a, 'A2');
    await c.until((f) => eventSeqs(f).length > 0);
    expect(eventSeqs(c.frames)).toEqual([mine]);
  });

  it('with a cursor: exactly the stored events after it, in order, then live, then what comes next', async () => {
    const a = await open('A');
    const b = await open('B');
    for (let i = 0; i < 20; i++) await rename(i % 2 ? a : b, `t${i}`);
    const afterSeq = 7;
    const c = client();
    await c.request({ method: 'subscribe', subscriptionId: 's', pattern: `session/${a}`, afterSeq });
    await c.until((f) => f.some((x) => x.kind === 'live'));
    expect(eventSeqs(c.frames)).toEqual(storedSeqs(`session/${a}`, afterSeq));
    expect(kinds(c.frames).at(-1)).toBe('live');
    const next = await rename(a, 'later');
    await c.until((f) => eventSeqs(f).includes(next));
    expect(eventSeqs(c.frames)).toEqual(storedSeqs(`session/${a}`, afterSeq));
  });

  it('replays in batches that yield, while appends continue, and still delivers each event once in order', async () => {
    core = await start({ streamLimits: { replayBatch: 3 } });
    const a = await open('A');
    for (let i = 0; i < 40; i++) await rename(a, `t${i}`);
    const c = client();
    await c.request({ method: 'subscribe', subscriptionId: 's', pattern: 'session/*', afterSeq: 0 });
    // Append while the replay is in flight: these land in the buffer and in the store.
    for (let i = 0; i < 30; i++) {
      await rename(a, `during${i}`);
      await new Promise((r) => setImmediate(r));
    }
    await c.until((f) => f.some((x) => x.kind === 'live'));
    const last = await rename(a, 'after');
    await c.until((f) => eventSeqs(f).includes(last));
    expect(eventSeqs(c.frames)).toEqual(storedSeqs('session/*'));
  });

  it('a cursor from another event log (data dir replaced) or beyond this log’s end gets a snapshot instead', async () => {
    const a = await open('A');
    await rename(a, 'x');
    const storeId = core.streams.storeId();
    const last = core.store.lastSeq() - 1; // the first start's own session is before it
    const c = client();
    await c.request({ method: 'subscribe', subscriptionId: 'other-log', pattern: 'session/*', afterSeq: 1, storeId: '0190a0b0-0000-7000-8000-000000000000' });
    await c.request({ method: 'subscribe', subscriptionId: 'beyond', pattern: 'session/*', afterSeq: 999 });
    await c.request({ method: 'subscribe', subscriptionId: 'same-log', pattern: 'session/*', afterSeq: last, storeId });
    // First heard of while the log was empty: only the end check applies.
    await c.request({ method: 'subscribe', subscriptionId: 'empty-log', pattern: 'session/*', afterSeq: last, storeId: '' });
    await c.until((f) => f.filter((x) => x.kind === 'live').length === 4);
    expect(kinds(c.framesOf('other-log'))).toEqual(['snapshot', 'live']);
    expect(kinds(c.framesOf('beyond'))).toEqual(['snapshot', 'live']);
    expect(kinds(c.framesOf('same-log'))).toEqual(['event', 'live']);
    expect(kinds(c.framesOf('empty-log'))).toEqual(['event', 'live']);
  });

  it('a stalled client holds at most a window of frames in flight, then its subscriber queues a bounded number and goes stale', async () => {
    const window = 50;
    const maxQueued = 30;
    core = await start({ flowLimits: { window }, streamLimits: { maxQueued } });
    const a = await open('A');
    const c = client(core);
    c.autoAck = false; // reads, never acknowledges: a hung renderer
    const listenersBefore = core.bus.size;
    await c.request({ method: 'subscribe', subscriptionId: 's', pattern: `session/${a}` });
    await c.until((f) => f.some((x) => x.kind === 'live'));
    expect(core.bus.size).toBe(listenersBefore + 1);
    let maxQueuedSeen = 0;
    for (let i = 0; i < 500; i++) {
      await rename(a, `t${i}`);
      maxQueuedSeen = Math.max(maxQueuedSeen, core.streams.stats().queuedFrames);
    }
    await barrier(c);
    // snapshot + live + events up to the window, then the one stale frame that may overdraw it.
    expect(c.frames).toHaveLength(window + 1);
    expect(c.frames.at(-1)?.kind).toBe('stale');
    expect(maxQueuedSeen).toBeLessThanOrEqual(maxQueued);
    expect(core.streams.stats()).toEqual({ subscribers: 0, queuedFrames: 0, bufferedEvents: 0 });
    expect(core.bus.size).toBe(listenersBefore); // nothing left listening for it

    // The client catches up, acknowledges, and resubscribes from the last seq it processed.
    const stale = c.frames.at(-1) as Extract<Frame, { kind: 'stale' }>;
    const lastSeq = Math.max(...eventSeqs(c.frames));
    expect(stale.lastSeq).toBe(lastSeq);
    expect(stale.error.code).toBe('DISCONNECTED');
    c.ack();
    c.autoAck = true;
    await c.request({ method: 'subscribe', subscriptionId: 's2', pattern: `session/${a}`, afterSeq: lastSeq, storeId: core.streams.storeId() });
    await c.until((f) => f.some((x) => x.subscriptionId === 's2' && x.kind === 'live'));
    expect(eventSeqs(c.frames)).toEqual(storedSeqs(`session/${a}`, (c.frames[0] as Extract<Frame, { kind: 'snapshot' }>).seq));
  });

  it('a replay to a client that stops acknowledging pauses at the window instead of going stale', async () => {
    core = await start({ flowLimits: { window: 100 }, streamLimits: { replayBatch: 40 } });
    const a = await open('A');
    for (let i = 0; i < 299; i++) await rename(a, `t${i}`);
    const c = client(core);
    c.autoAck = false;
    await c.request({ method: 'subscribe', subscriptionId: 's', pattern: 'session/*', afterSeq: 0 });
    await c.until((f) => f.length === 100);
    // The replay sent its last batch and yielded one turn before asking for credit again: a next
    // batch would have been sent before main read this request.
    await barrier(c);
    expect(c.frames).toHaveLength(100); // paused: nothing read from the store beyond the window
    expect(core.streams.stats().subscribers).toBe(1);
    c.autoAck = true;
    c.ack();
    await c.until((f) => f.some((x) => x.kind === 'live'));
    expect(eventSeqs(c.frames)).toEqual(storedSeqs('session/*'));
    expect(kinds(c.frames)).not.toContain('stale');
  });

  it('progress frames reach live subscribers of the topic only, and are never stored', async () => {
    const a = await open('A');
    const b = await open('B');
    const c = client();
    await c.request({ method: 'subscribe', subscriptionId: 'a', pattern: `session/${a}` });
    await c.request({ method: 'subscribe', subscriptionId: 'b', pattern: `session/${b}` });
    await c.request({ method: 'subscribe', subscriptionId: 'catalog', pattern: 'catalog' });
    await c.until((f) => f.filter((x) => x.kind === 'live').length === 3);
    const seqBefore = core.store.lastSeq();
    core.bus.publishProgress({ kind: 'query', topic: `session/${a}`, sessionId: a, queryId: 'q1', elapsedMs: 200, rowsProcessed: 10, percent: 40 });
    await c.until((f) => f.some((x) => x.kind === 'progress'));
    await barrier(c);
    const progress = c.frames.filter((f) => f.kind === 'progress');
    expect(progress).toEqual([{ kind: 'progress', subscriptionId: 'a', progress: expect.objectContaining({ queryId: 'q1', percent: 40 }) }]);
    expect(core.store.lastSeq()).toBe(seqBefore);
    // A subscriber that resumes from a cursor replays stored events only: no progress from before.
    await c.request({ method: 'subscribe', subscriptionId: 'a2', pattern: `session/${a}`, afterSeq: 0 });
    await c.until((f) => f.some((x) => x.subscriptionId === 'a2' && x.kind === 'live'));
    expect(kinds(c.framesOf('a2'))).not.toContain('progress');
  });

  it('unsubscribing and disconnecting release the subscriber, its bus listener and a paused replay', async () => {
    const a = await open('A');
    for (let i = 0; i < 20; i++) await rename(a, `t${i}`);
    const listenersBefore = core.bus.size;
    const c = client();
    c.autoAck = false;
    await c.request({ method: 'subscribe', subscriptionId: 's1', pattern: `session/${a}` });
    await c.request({ method: 'subscribe', subscriptionId: 's2', pattern: 'session/*', afterSeq: 0 });
    expect(core.streams.stats().subscribers).toBe(2);
    await c.request({ method: 'unsubscribe', subscriptionId: 's1' });
    expect(core.streams.stats().subscribers).toBe(1);
    c.transport.drop();
    await tick();
    expect(core.streams.stats().subscribers).toBe(0);
    expect(core.bus.size).toBe(listenersBefore);
  });

  it('refuses malformed messages and impossible acknowledgements with an error id, and writes nothing', async () => {
    await open('A');
    const before = core.store.lastSeq();
    const c = client();
    const bad = (await c.request({ method: 'dispatch', command: { type: 'StartQuery', sessionId: 42 } })) as Result<unknown>;
    expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_COMMAND');
    expect(bad.ok ? '' : bad.error.id).toMatch(/^[0-9a-f-]{36}$/);
    // A call without a request still carries its id: it is answered, not left waiting.
    const empty = (await c.request(undefined)) as Result<unknown>;
    expect(empty.ok ? 'ok' : empty.error.code).toBe('INVALID_COMMAND');
    const pattern = (await c.request({ method: 'subscribe', subscriptionId: 's', pattern: 'session/%' })) as Result<unknown>;
    expect(pattern.ok ? 'ok' : pattern.error.code).toBe('INVALID_COMMAND');
    c.sendRaw('not json');
    c.sendRaw(JSON.stringify({ id: 1, request: {}, extra: true }));
    c.sendRaw('x'.repeat(1024 * 1024 + 1));
    // Bytes, not characters: IPC has no limit of its own, so this is the only one there.
    c.sendRaw(JSON.stringify({ id: 2, request: { method: 'dispatch', command: { type: 'SaveDraft', sessionId: 's', sql: 'é'.repeat(600_000) } } }));
    c.ack(5); // nothing was sent yet
    await c.until(() => c.orphanResponses.length === 5);
    expect(c.orphanResponses.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['INVALID_COMMAND', 'INVALID_COMMAND', 'PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE', 'INVALID_COMMAND']);
    expect(core.store.lastSeq()).toBe(before);
    expect(core.streams.stats().subscribers).toBe(0);
  });

  it('a subscription dropped as stale frees its slot on the connection', async () => {
    // snapshot + live fill the window; one event queues; the next overflows the queue.
    core = await start({ flowLimits: { window: 2 }, streamLimits: { maxQueued: 1 } });
    const a = await open('A');
    const c = client(core);
    c.autoAck = false;
    const rounds = 66; // more subscriptions over the connection's life than its limit of 64 at once
    for (let round = 0; round < rounds; round++) {
      const r = (await c.request({ method: 'subscribe', subscriptionId: `s${round}`, pattern: `session/${a}` })) as Result<unknown>;
      expect(r.ok, `subscribe #${round}`).toBe(true);
      await c.until((f) => f.some((x) => x.subscriptionId === `s${round}` && x.kind === 'live'));
      for (let i = 0; i < 2; i++) await rename(a, `r${round}-${i}`, core);
      await c.until((f) => f.some((x) => x.subscriptionId === `s${round}` && x.kind === 'stale'));
      expect(core.streams.stats().subscribers).toBe(0);
      c.ack();
    }
    expect(c.frames.filter((f) => f.kind === 'stale')).toHaveLength(rounds);
  });

  it('event frames carry the stored envelope unchanged', async () => {
    const a = await open('A');
    const c = client();
    await c.request({ method: 'subscribe', subscriptionId: 's', pattern: '**', afterSeq: 0 });
    await c.until((f) => f.some((x) => x.kind === 'live'));
    const live = await rename(a, 'now');
    await c.until((f) => eventSeqs(f).includes(live));
    const received = c.frames.filter((f): f is EventFrame => f.kind === 'event').map((f) => f.event);
    expect(received).toEqual(core.store.readAfter(0, 100) as EventEnvelope[]);
  });

  /**
   * subscribe-before-replay. In the app, catch-up's last read of the store (the snapshot, or the
   * replay batch that comes back short) and going live are one synchronous step, so nothing can be
   * appended between them, and a subscription that registered on the bus only after that read
   * would pass every test above. An append made while the replay yields between batches does not
   * tell the two apart either: the next batch reads it from the store whichever came first. So the
   * test uses the stream manager's `beforeLive` seam, which runs exactly after that last read, and
   * appends there as the command handler does (store, then bus). Registered first, the subscriber
   * has buffered the event and delivers it; registered after the read, it never sees it.
   */
  describe('subscribe-before-replay: an append landing after catch-up’s last read is delivered', () => {
    const cases: [string, (lastSeq: number) => ResumePoint | undefined][] = [
      ['after a replay in batches', () => ({ afterSeq: 1 })],
      ['after a snapshot', () => undefined],
    ];
    it.each(cases)('%s', async (_, from) => {
      const a = await open('A');
      for (let i = 0; i < 7; i++) await rename(a, `t${i}`);
      const pattern = `session/${a}`;
      let appended = 0;
      const streams = new StreamManager(core.store, core.bus, core.projections, silentLogger(), { ...defaultStreamLimits, replayBatch: 2 }, {
        beforeLive: () => {
          if (appended > 0) return;
          const version = core.store.aggregateVersion('QuerySession', a);
          const metadata = { commandId: 'between', correlationId: 'between', issuedBy: 'user' } as const;
          const stored = core.store.append('QuerySession', a, version, [
            { event: { type: 'SessionRenamed', payload: { title: 'between read and live' } }, topic: pattern, metadata, occurredAt: new Date().toISOString() },
          ]);
          appended = stored[0]!.globalSeq;
          core.bus.publishEvents(stored);
        },
      });
      const frames: Frame[] = [];
      const outbox = new Outbox({ sendFrames: (json) => void frames.push(...(JSON.parse(`[${json}]`) as Frame[])), backlogBytes: () => 0 });
      const sub = streams.subscribe('s', pattern, from(core.store.lastSeq()), outbox);
      try {
        await waitFor(() => frames.some((f) => f.kind === 'live'), 'live');
        expect(appended).toBeGreaterThan(0);
        const start = frames[0]?.kind === 'snapshot' ? frames[0].seq : 1;
        expect(eventSeqs(frames)).toEqual(storedSeqs(pattern, start));
        expect(eventSeqs(frames)).toContain(appended);
        expect(frames.at(-1)).toMatchObject({ kind: 'live', seq: appended });
      } finally {
        sub.close();
        streams.close();
      }
    });
  });

});
