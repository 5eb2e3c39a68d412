import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../src/shared/contracts/events';
import { matchTopic } from '../src/shared/contracts/topics';
import { emptyView, evolveAppView, openSessions, viewForPattern, type AppView } from '../src/shared/views/appView';
import { recordingLogger } from './support/recordingLogger';
import { startTestCore, tempDir } from './support/testCore';
import { MemoryTransport } from './support/memoryChannel';
import { createApiClient } from '../src/shared/client/apiClient';
import { StreamClient } from '../src/renderer/state/streamClient';
import { ChannelProbe, MapStorage, waitFor } from './support/clientHarness';

/** A small deterministic PRNG (mulberry32): the whole schedule of a run follows from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}
type Rng = ReturnType<typeof prng>;

const pause = (rng: Rng) => (rng.next() < 0.5 ? new Promise<void>((r) => setImmediate(r)) : new Promise<void>((r) => setTimeout(r, rng.int(0, 3))));

const foldTo = (events: readonly EventEnvelope[], seq: number): AppView =>
  events.filter((e) => e.globalSeq <= seq).reduce<AppView>((v, e) => evolveAppView(v, e), emptyView());

interface Client {
  readonly pattern: string;
  readonly transport: MemoryTransport;
  readonly probe: ChannelProbe;
  readonly stream: StreamClient;
  /** Where it started: a seeded cursor (as after a reload) or none (a snapshot). */
  readonly startSeq: number | undefined;
}

/** One run: writers append to many sessions while clients subscribe, get dropped, stall, resubscribe. */
async function run(seed: number): Promise<void> {
  const rng = prng(seed);
  const dir = tempDir();
  const { log, errors } = recordingLogger();
  // The real core, query runner and DuckDB included: the wiring under test is the app's own.
  const core = await startTestCore(dir.path, {
    log,
    streamLimits: { replayBatch: rng.int(1, 8), maxQueued: rng.int(1, 8), maxBuffered: rng.int(1, 20) },
    flowLimits: { window: rng.int(4, 30) },
  });
  const clients: Client[] = [];
  const queries: string[] = [];
  const datasets: string[] = [];
  try {
    // A history to resume from, after the session a first start opens.
    const sessions: string[] = openSessions(core.projections.current.view).map((s) => s.id);
    const openOne = async () => {
      const r = await core.dispatch({ type: 'OpenSession' });
      if (r.ok) sessions.push(r.value.aggregateId);
    };
    for (let i = 0; i < rng.int(2, 5); i++) await openOne();

    const write = async (): Promise<void> => {
      const roll = rng.next();
      const session = rng.pick(sessions);
      if (roll < 0.1) return openOne();
      if (roll < 0.2) {
        // The core's catalog then fails to find the file, and records that on its own.
        const added = await core.dispatch({ type: 'AddDataset', source: `/data/${rng.int(0, 999)}.csv` });
        if (added.ok) datasets.push(added.value.aggregateId);
        return;
      }
      if (roll < 0.3) {
        // A query: the core's runner records its execution and outcome on its own, concurrently
        // with the writers. A refusal (one already in flight) is fine.
        const started = await core.dispatch({ type: 'StartQuery', sessionId: session, sql: `select ${rng.int(0, 9)}` });
        if (!started.ok || !started.value.queryId) return;
        queries.push(started.value.queryId);
        core.bus.publishProgress({ kind: 'query', topic: `session/${session}`, sessionId: session, queryId: started.value.queryId, elapsedMs: 1, percent: 50 });
        return;
      }
      await core.dispatch({ type: 'RenameSession', sessionId: session, title: `t${rng.int(0, 1e6)}` });
    };
    for (let i = 0; i < rng.int(5, 30); i++) await write();

    // Broad patterns see most writes (and so overflow when stalled); narrow ones prove the filtering.
    const patterns = ['session/*', '**', 'session/*', '**', 'catalog', ...sessions.slice(0, 3).map((s) => `session/${s}`)];
    const addClient = () => {
      const pattern = rng.pick(patterns);
      const storage = new MapStorage();
      const lastSeq = core.store.lastSeq();
      let startSeq: number | undefined;
      if (rng.next() < 0.7) {
        // A client that was here before: (view, seq) saved at a random seq, as after a reload.
        startSeq = rng.int(0, lastSeq);
        const view = viewForPattern(foldTo(core.store.readAfter(0, 1_000_000), startSeq), pattern);
        storage.setItem(`sextant:stream:${pattern}`, JSON.stringify({ seq: startSeq, storeId: core.streams.storeId(), view }));
      }
      const transport = new MemoryTransport((channel) => core.connect(channel));
      transport.connect();
      const probe = new ChannelProbe(transport);
      const api = createApiClient(probe, { ackEvery: rng.int(1, 50), ackDelayMs: rng.int(0, 5) });
      clients.push({ pattern, transport, probe, stream: new StreamClient(api, [pattern], storage), startSeq });
    };

    let writes = 0;
    let writing = true;
    const writers = Promise.all(
      Array.from({ length: rng.int(2, 4) }, async () => {
        for (let i = 0, n = rng.int(20, 60); i < n; i++) {
          await write();
          writes++;
          await pause(rng);
        }
      }),
    ).then(() => (writing = false));
    const chaos = (async () => {
      for (let i = 0, n = rng.int(2, 5); i < n; i++) {
        addClient();
        await pause(rng);
      }
      while (writing) {
        const c = rng.pick(clients);
        const roll = rng.next();
        if (roll < 0.4) {
          c.transport.drop();
          await pause(rng);
          c.transport.connect();
        } else {
          // A hung client: main goes on writing; long enough, and it is dropped as stale.
          c.probe.stall();
          const until = writes + rng.int(5, 40);
          while (writing && writes < until) await pause(rng);
          if (roll < 0.55) {
            c.transport.drop(); // and then its connection dies too
            c.transport.connect();
          }
          c.probe.resume();
        }
        await pause(rng);
      }
    })();
    await Promise.all([writers, chaos]);
    // The runner and the catalog append after the writers stop: wait for every outcome before reading the log.
    // A source added again after it failed is a retry of the same dataset, so a dataset has settled
    // when each of its requests has an outcome, not at its first.
    const ended = () => {
      const open = new Map<string, number>();
      const count = (id: string, by: number) => open.set(id, (open.get(id) ?? 0) + by);
      for (const e of core.store.readAfter(0, 1_000_000)) {
        if (e.type === 'QueryCompleted' || e.type === 'QueryFailed' || e.type === 'QueryCancelled') count(e.payload.queryId, -1);
        else if (e.type === 'DatasetRequested') count(e.aggregateId, 1);
        else if (e.type === 'DatasetRegistered' || e.type === 'DatasetFailed') count(e.aggregateId, -1);
      }
      return queries.every((id) => open.get(id) === -1) && datasets.every((id) => open.get(id) === 0);
    };
    await waitFor(ended, `every query and dataset to settle (seed ${seed})`, 60_000);

    const events = core.store.readAfter(0, 1_000_000);
    const lastOf = (pattern: string) => events.filter((e) => matchTopic(pattern, e.topic)).at(-1)?.globalSeq ?? 0;
    await waitFor(
      () => clients.every((c) => c.stream.getState().live && (c.stream.seqOf(c.pattern) ?? -1) >= lastOf(c.pattern)),
      `every client to catch up (seed ${seed})`,
    );

    for (const c of clients) {
      const delivered = c.probe.delivered.map((d) => d.frame);
      const lastSnapshot = delivered.findLastIndex((f) => f.kind === 'snapshot');
      const from = lastSnapshot === -1 ? c.startSeq! : (delivered[lastSnapshot] as Extract<typeof delivered[number], { kind: 'snapshot' }>).seq;
      const got = delivered.slice(lastSnapshot + 1).flatMap((f) => (f.kind === 'event' ? [f.event.globalSeq] : []));
      const expected = events.filter((e) => e.globalSeq > from && matchTopic(c.pattern, e.topic)).map((e) => e.globalSeq);
      // Exactly the events of its pattern, each once, in global order.
      // On a mismatch, name what the log holds now that the snapshot above did not: an event appended after every outcome.
      const late = () => core.store.readAfter(events.at(-1)?.globalSeq ?? 0, 1_000).map((e) => `${e.globalSeq} ${e.type} ${e.metadata.issuedBy}`);
      expect(got, `${c.pattern} from ${from} (seed ${seed}); appended since the read: ${got.length === expected.length ? 'not asked' : late().join(', ') || 'nothing'}`).toEqual(expected);
      const all = delivered.flatMap((f) => (f.kind === 'event' ? [f.event.globalSeq] : []));
      expect(new Set(all).size, `no event delivered twice (seed ${seed})`).toBe(all.length);
      // Its view equals main's projection at its seq.
      const seq = c.stream.seqOf(c.pattern)!;
      expect(c.stream.viewOf(c.pattern), `view of ${c.pattern} at ${seq} (seed ${seed})`).toEqual(viewForPattern(foldTo(events, seq), c.pattern));
      expect(c.stream.viewOf(c.pattern)).toEqual(viewForPattern(core.projections.current.view, c.pattern));
      // Progress is never stored.
      expect(events.every((e) => (e.type as string) !== 'progress')).toBe(true);
    }
    expect(openSessions(core.projections.current.view).length).toBe(sessions.length);
    expect(errors).toEqual([]);
  } finally {
    for (const c of clients) c.transport.drop();
    await core.close();
    dir.remove();
  }
}

describe('streams under concurrency, drops and stalls (randomized)', () => {
  it('every client ends with exactly the events of its pattern, once each, in global order, and main’s view at its seq', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => run(seed)),
      { numRuns: Number(process.env['STREAM_RUNS'] ?? 12), endOnFailure: true },
    );
  }, 480_000);
});
