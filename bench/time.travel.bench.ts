import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import type { EventMetadata, SessionEvent } from '../src/shared/contracts/events';
import type { Frame } from '../src/shared/contracts/frames';
import { emptyView, foldAppView, type AppView, type SessionView, type ViewEvent } from '../src/shared/views/appView';
import { pastSession, type SessionAtAnswer } from '../src/shared/views/pastSession';
import { EventStore, type NewEvent } from '../src/main/store/eventStore';
import { checkpointSpacing, isCheckpoint } from '../src/main/time/checkpointSpacing';
import { ProtocolClient } from '../test/support/protocolClient';
import { startTestCore, tempDir, type TestCore } from '../test/support/testCore';
import { alternateSamples, collectGarbage, fromSamples, type Bench, type BenchResult } from './harness';

const EVENTS = 100_000;
/** One query every this many events; the rest are draft saves and a sort: a long, realistic session. */
const QUERY_EVERY = 50;
const SESSION = 'long-session';
const metadata: EventMetadata = { commandId: 'c', correlationId: 'c', issuedBy: 'user' };

/** The session's events, in order, with a minute of wall time between queries. */
function* sessionEvents(): Generator<SessionEvent> {
  yield { type: 'SessionOpened', payload: { title: 'A year of delays' } };
  for (let n = 1, q = 0; n < EVENTS; q++) {
    const queryId = `q-${String(q).padStart(6, '0')}`;
    const block: SessionEvent[] = [
      { type: 'QueryStarted', payload: { queryId, sql: `select origin, avg(dep_delay) from flights_3m where distance > ${q} group by origin` } },
      { type: 'ExecutionBegan', payload: { queryId } },
      { type: 'QueryCompleted', payload: { queryId, rowCount: 300 + q, columns: [{ name: 'origin', type: 'VARCHAR' }, { name: 'avg(dep_delay)', type: 'DOUBLE' }], durationMs: 12 } },
      { type: 'ResultViewSet', payload: { queryId, orderBy: [{ column: 1, descending: true }], filter: [] } },
    ];
    for (let d = block.length; d < QUERY_EVERY; d++) block.push({ type: 'DraftSaved', payload: { sql: `select origin from flights_3m where distance > ${q + d}` } });
    for (const e of block) {
      if (n++ >= EVENTS) return;
      yield e;
    }
  }
}

/** Writes the session through the store's own append, in batches (one transaction each). */
function writeSession(path: string): void {
  const store = new EventStore(path);
  const start = Date.parse('2026-01-01T00:00:00Z');
  let batch: NewEvent[] = [];
  let version = 0;
  const flush = () => {
    store.append('QuerySession', SESSION, version, batch);
    version += batch.length;
    batch = [];
  };
  for (const event of sessionEvents()) {
    batch.push({ event, topic: `session/${SESSION}`, metadata, occurredAt: new Date(start + (version + batch.length) * 1000).toISOString() });
    if (batch.length === 5000) flush();
  }
  if (batch.length > 0) flush();
  store.close();
}

interface Raw {
  /** The rebuild every figure is compared with: raw SQLite reads the session's events up to `seq`, JSON.parse, the fold. */
  readonly rebuild: (seq: number) => SessionView;
  /** The global seq of the session's event at `aggregateSeq`. */
  readonly globalSeq: (aggregateSeq: number) => number;
}

function raw(path: string): Raw {
  const db = new Database(path, { readonly: true });
  const seqOf = db.prepare<[string, number], { global_seq: number }>('SELECT global_seq FROM events WHERE aggregate_id = ? AND aggregate_seq = ?');
  const read = db
    .prepare<[string, number], [number, string, string, number, string, string, string]>(
      'SELECT global_seq, aggregate_type, aggregate_id, aggregate_seq, event_type, payload, occurred_at FROM events WHERE aggregate_id = ? AND global_seq <= ? ORDER BY global_seq',
    )
    .raw(true);
  const rebuild = (seq: number) => {
    const events = read.all(SESSION, seq).map(
      (r) => ({ globalSeq: r[0], aggregateType: r[1], aggregateId: r[2], aggregateSeq: r[3], type: r[4], payload: JSON.parse(r[5]) as unknown, occurredAt: r[6] }) as ViewEvent,
    );
    const session = foldAppView(emptyView(), events).sessions[SESSION];
    if (!session) throw new Error('rebuild found no session');
    return session;
  };
  const globalSeq = (aggregateSeq: number) => {
    const row = seqOf.get(SESSION, aggregateSeq);
    if (!row) throw new Error(`the session has no event ${aggregateSeq}`);
    return row.global_seq;
  };
  return { rebuild, globalSeq };
}

interface Fixture {
  readonly core: TestCore;
  readonly client: ProtocolClient;
  readonly raw: Raw;
  readonly lastSeq: number;
  /** The app's checkpoint file, for what the checkpoints cost to keep. */
  readonly checkpointsPath: string;
  /** How long the first travel to the end took: the checkpoints an old session gains on its first visit. */
  readonly firstVisitMs: number;
  close(): Promise<void>;
}

let shared: Promise<Fixture> | undefined;

/** One store and core for both benchmarks: writing 100,000 events and starting on them is most of the time. */
function fixture(): Promise<Fixture> {
  return (shared ??= (async () => {
    const started = performance.now();
    const dir = tempDir('sextant-bench-');
    const storePath = join(dir.path, 'events.sqlite');
    writeSession(storePath);
    // The baseline reads a copy: the core holds its store with an exclusive lock.
    copyFileSync(storePath, join(dir.path, 'raw.sqlite'));
    const rebuild = raw(join(dir.path, 'raw.sqlite'));
    process.stderr.write(`time.*: wrote ${EVENTS} events in ${Math.round(performance.now() - started)} ms\n`);
    const core = await startTestCore(dir.path);
    const client = new ProtocolClient((channel) => core.connect(channel));
    const lastSeq = core.store.lastSeq();
    const t = performance.now();
    await at(client, lastSeq);
    const firstVisitMs = performance.now() - t;
    process.stderr.write(`time.*: core started and first visit done at ${Math.round(performance.now() - started)} ms\n`);
    return {
      core,
      client,
      raw: rebuild,
      lastSeq,
      checkpointsPath: join(dir.path, 'checkpoints.sqlite'),
      firstVisitMs,
      close: async () => {
        client.transport.drop();
        await core.close();
        dir.remove();
      },
    };
  })());
}

/** The session at `seq` as the window has it: the answer parsed, and the events after its start folded as the window folds them. */
async function at(client: ProtocolClient, seq: number): Promise<SessionView> {
  const r = (await client.request({ method: 'sessionAt', sessionId: SESSION, seq })) as { ok: boolean; value?: SessionAtAnswer; error?: { message: string } };
  if (!r.ok || !r.value) throw new Error(r.error?.message ?? 'sessionAt failed');
  return pastSession(SESSION, r.value).session;
}

/** The deciles travel is measured at, as fractions of the session: the same on both sides, every run. */
const POINTS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/**
 * A decile's worst point: the session's last event before the checkpoint at or after it, so travel
 * folds a whole spacing of events after the previous checkpoint (on a checkpoint it folds none).
 */
function worstPointNear(fraction: number): number {
  const target = Math.max(1, Math.round(fraction * EVENTS));
  const next = isCheckpoint(checkpointSpacing, target) ? target : checkpointSpacing(target);
  return Math.min(next - 1, EVENTS);
}

/** How many checkpoints the app keeps of the session, their views' bytes, and the file's with its write-ahead log. */
function checkpointsKept(path: string): { count: number; bytes: number; fileBytes: number } {
  const db = new Database(path, { readonly: true });
  try {
    const fileBytes = [path, `${path}-wal`].reduce((sum, p) => sum + (existsSync(p) ? statSync(p).size : 0), 0);
    const kept = db.prepare<[], { count: number; bytes: number }>('SELECT count(*) AS count, coalesce(sum(length(CAST(view_json AS BLOB))), 0) AS bytes FROM session_checkpoints').get()!;
    return { ...kept, fileBytes };
  } finally {
    db.close();
  }
}
/** Rounds over every point (plus one warm-up round): each point gets this many samples a side. */
const ROUNDS = 9;

const travel: Bench = {
  name: 'time.travel_100k',
  what: 'jumping to each of 10 fixed points of a 100,000-event session, each the last event before the checkpoint at or after 10%, 20%, … 100% (the worst case: the most events folded after a checkpoint) → that view at the client (API call, nearest checkpoint and the events after it, JSON both ways, those events folded at the client as the window folds them) vs raw SQLite reading its events + JSON.parse + the fold; the figure is the worst point’s (the goal holds at any point), every point’s ratio in the notes',
  goal: 0.1,
  async run(): Promise<BenchResult> {
    const f = await fixture();
    try {
      return await travelAtPoints(f);
    } finally {
      // Closed here too: run alone (--filter time.travel), a core left open keeps the process alive.
      await f.close();
      shared = undefined;
    }
  },
};

async function travelAtPoints(f: Fixture): Promise<BenchResult> {
  const aggregateSeqs = POINTS.map(worstPointNear);
  const seqs = aggregateSeqs.map(f.raw.globalSeq);
  // Both sides must arrive at the same view, or the figure compares nothing.
  for (const seq of seqs) if (!isDeepStrictEqual(await at(f.client, seq), f.raw.rebuild(seq))) throw new Error(`travel to ${seq} is not the rebuild`);
  // Garbage is collected before each sample, so neither side is timed collecting the other's.
  const timed = async (fn: () => unknown) => {
    collectGarbage();
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  // Each round visits every point, baseline and travel alternating at each, so drift on a shared
  // machine hits both sides of a point alike.
  const samples = seqs.map(() => ({ s: [] as number[], b: [] as number[] }));
  for (let round = -1; round < ROUNDS; round++) {
    for (const [i, seq] of seqs.entries()) {
      const b = await timed(() => f.raw.rebuild(seq));
      const s = await timed(() => at(f.client, seq));
      if (round < 0) continue;
      samples[i]!.b.push(b);
      samples[i]!.s.push(s);
    }
  }
  const perPoint = samples.map(({ s, b }) => fromSamples('time.travel_100k', 'ms', s, b));
  const worst = perPoint.reduce((w, r, i) => (r.ratio > perPoint[w]!.ratio ? i : w), 0);
  const end = await at(f.client, f.lastSeq);
  const kept = checkpointsKept(f.checkpointsPath);
  const notes: Record<string, number | string> = {
    events: EVENTS,
    history: end.history.length,
    first_visit_ms: Math.round(f.firstVisitMs),
    worst_point: `${Math.round(POINTS[worst]! * 100)}%`,
    checkpoints: kept.count,
    checkpoint_views_mb: Math.round(kept.bytes / 1e5) / 10,
    checkpoint_file_mb: Math.round(kept.fileBytes / 1e5) / 10,
  };
  perPoint.forEach((r, i) => (notes[`at_${Math.round(POINTS[i]! * 100)}%`] = `${r.ratio} (${r.value}/${r.baseline} ms, event ${aggregateSeqs[i]})`));
  const { s, b } = samples[worst]!;
  return fromSamples('time.travel_100k', 'ms', s, b, notes);
}

const fork: Bench = {
  name: 'time.fork_100k',
  what: 'forking a 100,000-event session at its end → the new tab’s view folded at the client from its stream vs the same rebuild from raw SQLite',
  goal: 0.2,
  async run(): Promise<BenchResult> {
    const f = await fixture();
    try {
      const client = f.client;
      await client.request({ method: 'subscribe', subscriptionId: 'sessions', pattern: 'session/*' });
      await client.until((frames) => frames.some((fr) => fr.kind === 'live'), 30_000);
      let view: AppView = emptyView();
      const forkOnce = async () => {
        const arrived = new Promise<SessionView>((resolve) => {
          const listener = () => {
            const frame = client.frames.find((fr): fr is Extract<Frame, { kind: 'event' }> => fr.kind === 'event' && fr.event.type === 'SessionForked');
            if (!frame) return;
            client.frameListeners.delete(listener);
            view = foldAppView(view, [frame.event]);
            resolve(view.sessions[frame.event.aggregateId]!);
          };
          client.frameListeners.add(listener);
        });
        const ack = (await client.request({ method: 'dispatch', command: { type: 'ForkSession', sessionId: SESSION, seq: f.lastSeq } })) as { ok: boolean; error?: { message: string } };
        if (!ack.ok) throw new Error(ack.error?.message ?? 'fork failed');
        const session = await arrived;
        client.frames.length = 0;
        if (session.history.length === 0) throw new Error('the fork carried no history');
      };
      const timed = async (fn: () => unknown) => {
        collectGarbage(); // as travel does: neither side is timed collecting the other's garbage
        const t = performance.now();
        await fn();
        return performance.now() - t;
      };
      // Few samples: each rebuild of the whole session is seconds on a loaded machine, and the bench file must stay under a minute.
      const { s, b } = await alternateSamples(5, () => timed(() => f.raw.rebuild(f.lastSeq)), () => timed(forkOnce), 1);
      return fromSamples('time.fork_100k', 'ms', s, b, { events: EVENTS });
    } finally {
      await f.close();
      shared = undefined;
    }
  },
};

export const benches: Bench[] = [travel, fork];
