import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { newId } from '../src/main/platform/ids';
import { WebSocketServer } from 'ws';
import type { EventMetadata } from '../src/shared/contracts/events';
import type { Frame } from '../src/shared/contracts/frames';
import type { ServerMessage } from '../src/shared/contracts/protocol';
import { EventStore, type NewEvent } from '../src/main/store/eventStore';
import { startTestCore, tempDir } from '../test/support/testCore';
import { MemoryTransport } from '../test/support/memoryChannel';
import { startWebHost } from '../src/main/webHost/webHost';
import { createApiClient } from '../src/shared/client/apiClient';
import { alternateSamples, fromSamples, median, percentilePerRound, type Bench } from './harness';
import { rawEventLog } from './rawEventLog';
import { replay, type ReplayJob } from './replayClient';

/** `rounds` alternating runs of each after one warm-up of each: every sample and each side's median. */
async function alternate(rounds: number, baseline: () => Promise<number>, subject: () => Promise<number>): Promise<{ value: number; baseline: number; s: number[]; b: number[] }> {
  const { b, s } = await alternateSamples(rounds, baseline, subject, 1);
  return { value: median(s), baseline: median(b), s, b };
}

const metadata: EventMetadata = { commandId: uuidv7(), correlationId: uuidv7(), issuedBy: 'user' };

/** A raw better-sqlite3 table with the store's schema and pragmas: the baseline's insert. */
function rawTable(path: string): { db: Database.Database; insert: Database.Statement } {
  const db = rawEventLog(path);
  const insert = db.prepare(
    `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
     VALUES (?, 'QuerySession', ?, ?, 'SessionRenamed', 1, ?, ?, ?, ?)`,
  );
  return { db, insert };
}

/** Resolves the next time `arm`'s matcher sees what it waits for. */
function waiter<T>() {
  let pending: { match: (x: T) => boolean; resolve: () => void } | undefined;
  return {
    next: (match: (x: T) => boolean) => new Promise<void>((resolve) => (pending = { match, resolve })),
    offer: (x: T) => {
      if (pending?.match(x)) {
        pending.resolve();
        pending = undefined;
      }
    },
  };
}

/** A history to replay: sessions with queries and renames, as a busy user leaves them. */
function storedEvents(sessionIndex: number, from: number, n: number): NewEvent[] {
  const topic = `session/bench-${sessionIndex}`;
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const queryId = `q-${sessionIndex}-${Math.floor(i / 3)}`;
    const occurredAt = new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();
    const event =
      i === 0
        ? { type: 'SessionOpened' as const, payload: { title: `Session ${sessionIndex}` } }
        : i % 3 === 1
          ? { type: 'QueryStarted' as const, payload: { queryId, sql: `select carrier, avg(delay) from flights_3m where distance > ${i} group by 1` } }
          : i % 3 === 2
            ? { type: 'ExecutionBegan' as const, payload: { queryId } }
            : {
                type: 'QueryCompleted' as const,
                payload: { queryId, rowCount: i, columns: [{ name: 'carrier', type: 'VARCHAR' }, { name: 'avg(delay)', type: 'DOUBLE' }], durationMs: 12.5 },
              };
    return { event, topic, metadata, occurredAt };
  });
}

export const benches: Bench[] = [
  {
    name: 'stream.command_to_frame_p99',
    what: 'p99, dispatching a command → its frame at a subscriber, in process, vs a raw insert plus a bare EventEmitter delivery',
    goal: 3,
    async run() {
      const dir = tempDir('sextant-bench-');
      // The real core (its DuckDB worker idles: renames start no query).
      const core = await startTestCore(dir.path);
      const sessions: string[] = [];
      for (let i = 0; i < 50; i++) {
        const r = await core.dispatch({ type: 'OpenSession' });
        if (r.ok) sessions.push(r.value.aggregateId);
      }
      // A subscriber in process: main's connection, the in-memory transport, the renderer's API client.
      const transport = new MemoryTransport((channel) => core.connect(channel));
      transport.connect();
      const api = createApiClient(transport);
      const frames = waiter<Frame>();
      api.onFrame(frames.offer);
      const live = frames.next((f) => f.kind === 'live');
      await api.subscribe('bench', 'session/*');
      await live;

      // Baseline: the same insert with raw better-sqlite3, delivered by a bare EventEmitter.
      const raw = rawTable(`${dir.path}/raw.sqlite`);
      const emitter = new EventEmitter();
      const rawDelivered = waiter<string>();
      emitter.on('event', (e: { title: string }) => rawDelivered.offer(e.title));
      const rawSeqs = new Map<string, number>();
      const rawInsert = raw.db.transaction((aggregateId: string, title: string) => {
        const seq = (rawSeqs.get(aggregateId) ?? 0) + 1;
        rawSeqs.set(aggregateId, seq);
        const info = raw.insert.run(newId(), aggregateId, seq, `session/${aggregateId}`, JSON.stringify({ title }), JSON.stringify(metadata), new Date().toISOString());
        return info.lastInsertRowid;
      });

      let n = 0;
      const subject = async (): Promise<number> => {
        const title = `t${n++}`;
        const received = frames.next((f) => f.kind === 'event' && f.event.type === 'SessionRenamed' && f.event.payload.title === title);
        const t0 = performance.now();
        await core.dispatch({ type: 'RenameSession', sessionId: sessions[n % sessions.length]!, title });
        await received;
        return performance.now() - t0;
      };
      const baseline = async (): Promise<number> => {
        const title = `t${n++}`;
        const aggregateId = sessions[n % sessions.length]!;
        const received = rawDelivered.next((t) => t === title);
        const t0 = performance.now();
        const globalSeq = rawInsert.immediate(aggregateId, title);
        emitter.emit('event', { globalSeq, title });
        await received;
        return performance.now() - t0;
      };
      const s: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 20; i++) {
        await baseline();
        await subject();
      }
      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < 200; i++) b.push(await baseline());
        for (let i = 0; i < 200; i++) s.push(await subject());
      }
      transport.drop();
      raw.db.close();
      await core.close();
      dir.remove();
      // p99 of each round of 200: five tail figures, so the median comes with a spread.
      return fromSamples('stream.command_to_frame_p99', 'ms', percentilePerRound(s, 5, 99), percentilePerRound(b, 5, 99), {
        subject_p50_ms: median(s).toFixed(3),
        baseline_p50_ms: median(b).toFixed(3),
      });
    },
  },
  {
    name: 'stream.replay_100k',
    what: 'replaying 100,000 stored events to a WebSocket client on loopback vs raw `ws` sending the same pre-serialized payloads',
    goal: 1.5,
    async run() {
      const total = 100_000;
      const sessionsCount = 20;
      const dir = tempDir('sextant-bench-');
      const store = new EventStore(`${dir.path}/events.sqlite`);
      for (let s = 0; s < sessionsCount; s++) {
        for (let from = 0; from < total / sessionsCount; from += 1000) store.append('QuerySession', `bench-${s}`, from, storedEvents(s, from, 1000));
      }
      store.close();
      const core = await startTestCore(dir.path);
      const host = await startWebHost(core, { port: 0, staticDir: dir.path });
      const subscriptionId = 'session/*#bench';

      // Baseline: raw `ws` sending the very messages Sextant sends, serialized beforehand.
      const messages: string[] = [];
      // What the replay must deliver is what the store holds once the core has started: its start
      // may have appended events of its own (a query left in flight fails as INTERRUPTED).
      let stored = 0;
      for (let after = 0; ; ) {
        const batch = core.store.readAfter(after, 500, 'session/*');
        if (batch.length === 0) break;
        stored += batch.length;
        after = batch.at(-1)!.globalSeq;
        const frames = batch.map((event): Frame => ({ kind: 'event', subscriptionId, event }));
        messages.push(JSON.stringify({ type: 'frames', frames } satisfies ServerMessage));
      }
      const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      await new Promise((r) => wss.once('listening', r));
      wss.on('connection', (ws) => ws.on('message', () => messages.forEach((m) => ws.send(m))));
      const rawUrl = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
      const sextantUrl = `ws://127.0.0.1:${host.port}/ws?token=${host.token}`;
      const job = { pattern: 'session/*', subscriptionId, total: stored };

      // A failed replay must not leave the thread, servers and core running, or the whole bench
      // run never exits.
      let separate: Awaited<ReturnType<typeof alternate>>;
      let same: Awaited<ReturnType<typeof alternate>>;
      // The client in its own thread, as a renderer is in its own process: the official figure.
      const worker = new Worker(new URL('./replayClientWorker.mjs', import.meta.url));
      try {
        const inWorker = (kind: ReplayJob['kind'], url: string) =>
          new Promise<number>((resolve, reject) => {
            worker.once('message', (m: { ms?: number; error?: string }) => (m.ms === undefined ? reject(new Error(m.error)) : resolve(m.ms)));
            worker.postMessage({ ...job, kind, url } satisfies ReplayJob);
          });
        separate = await alternate(7, () => inWorker('raw', rawUrl), () => inWorker('sextant', sextantUrl));
        // The client in the server's thread, where the client's parsing adds to both sides alike.
        same = await alternate(3, () => replay({ ...job, kind: 'raw', url: rawUrl }), () => replay({ ...job, kind: 'sextant', url: sextantUrl }));
      } finally {
        await worker.terminate();
        wss.close();
        await host.close();
        await core.close();
        dir.remove();
      }
      const bytes = messages.reduce((sum, m) => sum + m.length, 0);
      return fromSamples('stream.replay_100k', 'ms', separate.s, separate.b, {
        MB: (bytes / 1e6).toFixed(1),
        events_per_s: Math.round(stored / (separate.value / 1000)),
        same_thread_ms: Math.round(same.value),
        same_thread_baseline_ms: Math.round(same.baseline),
        same_thread_ratio: (same.value / same.baseline).toFixed(2),
      });
    },
  },
];
