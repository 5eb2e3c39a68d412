import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { newId } from '../src/main/platform/ids';
import type { DomainEvent, EventMetadata } from '../src/shared/contracts/events';
import { EventStore, type NewEvent } from '../src/main/store/eventStore';
import { Projections, REBUILD_BATCH } from '../src/main/streams/projections';
import { tempDir } from '../test/support/testCore';
import { collectGarbage, fromSamples, interleaved, median, type Bench } from './harness';
import { rawEventLog } from './rawEventLog';

const metadata: EventMetadata = { commandId: '0190a0a0-0000-7000-8000-00000000c0de', correlationId: '0190a0a0-0000-7000-8000-00000000c0de', issuedBy: 'user' };
const event = (i: number): NewEvent => ({
  event: { type: 'QueryStarted', payload: { queryId: `q${i}`, sql: 'select * from flights_3m where delay > 10' } },
  topic: 'session/bench',
  metadata,
  occurredAt: new Date(0).toISOString(),
});

/** A raw better-sqlite3 table with the store's schema and pragmas: the baseline. */
function rawTable(path: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): { db: Database.Database; insert: Database.Statement } {
  const db = rawEventLog(path, { synchronous, exclusive: true });
  const insert = db.prepare(
    `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
     VALUES (?, 'QuerySession', 'bench', ?, 'QueryStarted', 1, 'session/bench', ?, ?, ?)`,
  );
  return { db, insert };
}

/**
 * The raw way to put events in: serialize each and insert it, all in one IMMEDIATE transaction.
 * Like the store, it serializes metadata shared by a batch once, so the baseline is not handicapped.
 */
function rawAppender(raw: ReturnType<typeof rawTable>) {
  let seq = 0;
  return raw.db.transaction((events: readonly NewEvent[]) => {
    const meta = JSON.stringify(events[0]!.metadata);
    for (const e of events) raw.insert.run(newId(), ++seq, JSON.stringify(e.event.payload), meta, e.occurredAt);
  });
}

/**
 * One durable single-event append vs the raw insert of the same row. The notes also time the raw
 * insert under synchronous = NORMAL: what FULL costs per command, the figure docs/store.md weighs.
 */
const append_one: Bench = {
  name: 'store.append_one',
  what: 'one durable single-event append (WAL, `synchronous = FULL`) vs a raw better-sqlite3 insert of the same row in its own transaction, same schema and pragmas',
  goal: 1.5,
  async run() {
    const dir = tempDir('sextant-bench-');
    const store = new EventStore(`${dir.path}/events.sqlite`);
    const raw = rawTable(`${dir.path}/raw.sqlite`);
    const rawTx = rawAppender(raw);
    const rawNormal = rawTable(`${dir.path}/raw-normal.sqlite`, 'NORMAL');
    const rawNormalTx = rawAppender(rawNormal);
    let version = 0;
    const { s, b } = await interleaved(
      5,
      200,
      () => rawTx.immediate([event(version)]),
      () => {
        store.append('QuerySession', 'bench', version, [event(version)]);
        version++;
      },
    );
    const normal = await interleaved(3, 200, () => rawTx.immediate([event(version)]), () => rawNormalTx.immediate([event(version)]));
    store.close();
    raw.db.close();
    rawNormal.db.close();
    dir.remove();
    return fromSamples('store.append_one', 'ms', s, b, {
      synchronous: 'FULL',
      raw_full_ms: normal.baseline.toFixed(4),
      raw_normal_ms: normal.value.toFixed(4),
    });
  },
};

const BATCH = 1000;
const append_batch: Bench = {
  name: 'store.append_batch',
  what: '1,000 events in one append vs a raw insert of the same 1,000 rows in one transaction',
  goal: 1.3,
  async run() {
    const dir = tempDir('sextant-bench-');
    const store = new EventStore(`${dir.path}/events.sqlite`);
    const raw = rawTable(`${dir.path}/raw.sqlite`);
    const rawTx = rawAppender(raw);
    const batch = Array.from({ length: BATCH }, (_, i) => event(i));
    let version = 0;
    const { s, b } = await interleaved(
      5,
      20,
      () => rawTx.immediate(batch),
      () => {
        store.append('QuerySession', 'bench', version, batch);
        version += BATCH;
      },
    );
    store.close();
    raw.db.close();
    dir.remove();
    return fromSamples('store.append_batch', 'ms', s, b, { events: BATCH });
  },
};

/**
 * A log like a heavy user's after a long while: 2,000 sessions, each query a Started → Began →
 * Completed (or Failed / Cancelled) triple on a random session, 100 datasets with their columns.
 */
function* syntheticLog(total: number): Generator<{ type: 'QuerySession' | 'Dataset'; id: string; event: DomainEvent }> {
  let n = 0;
  const columns = (k: number) => Array.from({ length: k }, (_, i) => ({ name: `column_${i}`, type: i % 3 === 0 ? 'BIGINT' : i % 3 === 1 ? 'VARCHAR' : 'DOUBLE' }));
  for (let d = 0; d < 100; d++, n += 2) {
    const id = `dataset-${d}`;
    yield { type: 'Dataset', id, event: { type: 'DatasetRequested', payload: { source: `/data/files/source_${d}.parquet` } } };
    yield { type: 'Dataset', id, event: { type: 'DatasetRegistered', payload: { name: `source_${d}`, source: `/data/files/source_${d}.parquet`, format: 'parquet', columns: columns(12) } } };
  }
  const sessions = 2000;
  for (let s = 0; s < sessions; s++, n++) yield { type: 'QuerySession', id: `session-${s}`, event: { type: 'SessionOpened', payload: { title: `Session ${s + 1}` } } };
  for (let q = 0; n < total; q++) {
    const id = `session-${(q * 7919) % sessions}`;
    const queryId = uuidv7();
    const sql = `select origin, count(*) as n, avg(delay) from source_${q % 100} where distance > ${q % 1000} group by origin order by n desc`;
    yield { type: 'QuerySession', id, event: { type: 'QueryStarted', payload: { queryId, sql } } };
    yield { type: 'QuerySession', id, event: { type: 'ExecutionBegan', payload: { queryId } } };
    const outcome: DomainEvent =
      q % 20 === 0
        ? { type: 'QueryFailed', payload: { queryId, error: { id: uuidv7(), code: 'SQL_ERROR', message: 'Binder Error: Referenced column "delay" not found in FROM clause!' } } }
        : q % 20 === 1
          ? { type: 'QueryCancelled', payload: { queryId, reason: 'cancelled by user' } }
          : { type: 'QueryCompleted', payload: { queryId, rowCount: q % 5000, columns: columns(3), durationMs: (q % 900) + 0.5 } };
    yield { type: 'QuerySession', id, event: outcome };
    n += 3;
  }
}

/** Writes the synthetic log straight into a store file (a benchmark's setup, not what it measures). */
export function writeLog(path: string, total: number): number {
  new EventStore(path).close();
  const db = new Database(path);
  db.pragma('journal_mode = DELETE'); // one big transaction: no 600 MB WAL to checkpoint
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  const versions = new Map<string, number>();
  const meta = JSON.stringify({ ...metadata, causationId: metadata.commandId, issuedBy: 'system' });
  let count = 0;
  db.transaction(() => {
    for (const { type, id, event } of syntheticLog(total)) {
      const seq = (versions.get(id) ?? 0) + 1;
      versions.set(id, seq);
      const topic = type === 'Dataset' ? 'catalog' : `session/${id}`;
      insert.run(uuidv7(), type, id, seq, event.type, topic, JSON.stringify(event.payload), meta, new Date(1_767_225_600_000 + count * 1000).toISOString());
      count++;
    }
  })();
  db.pragma('journal_mode = WAL');
  db.close();
  return count;
}

let shared1m: { path: string; events: number } | undefined;

/**
 * The 1,000,000-event log, written once per bench process (it takes most of a minute) for every
 * benchmark that reads it, and removed when the process exits. Readers must not write to it: copy it.
 */
export function log1m(): { path: string; events: number } {
  if (!shared1m) {
    const dir = tempDir('sextant-bench-');
    process.once('exit', () => dir.remove());
    const path = `${dir.path}/events.sqlite`;
    shared1m = { path, events: writeLog(path, 1_000_000) };
  }
  return shared1m;
}

const rebuild_1m: Bench = {
  name: 'store.rebuild_1m',
  what: "rebuilding every projection from 1,000,000 stored events vs a raw read of the same eight columns as arrays, in the store's batches, with a `JSON.parse` of each payload",
  goal: 1.3,
  async run() {
    const { path, events } = log1m();
    const rebuild = () => {
      const store = new EventStore(path);
      const projections = new Projections();
      projections.rebuild(store);
      store.close();
      if (projections.current.seq !== events) throw new Error(`rebuilt ${projections.current.seq} of ${events} events`);
    };
    // The same read the store makes (the eight columns a view needs, as arrays, in the rebuild's
    // batches from a global_seq cursor) and a JSON.parse of each payload: what is left for the app is the fold.
    const rawScan = () => {
      const db = new Database(path);
      const batch = db
        .prepare<[number, number], [number, ...unknown[]]>(
          'SELECT global_seq, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, payload, occurred_at FROM events WHERE global_seq > ? ORDER BY global_seq LIMIT ?',
        )
        .raw(true);
      let parsed = 0;
      for (let cursor = 0; ; ) {
        const rows = batch.all(cursor, REBUILD_BATCH);
        for (const row of rows) JSON.parse(row[6] as string);
        parsed += rows.length;
        if (rows.length < REBUILD_BATCH) break;
        cursor = rows[rows.length - 1]![0];
      }
      db.close();
      if (parsed !== events) throw new Error(`scanned ${parsed} of ${events} events`);
    };
    // Milliseconds per run: a warm-up each (page cache), then alternate so drift hits both alike.
    rawScan();
    rebuild();
    const times = { raw: [] as number[], rebuild: [] as number[] };
    for (let round = 0; round < 7; round++) {
      // Neither side is timed collecting the other's garbage (a finished rebuild leaves its view behind).
      collectGarbage();
      let t = performance.now();
      rawScan();
      times.raw.push(performance.now() - t);
      collectGarbage();
      t = performance.now();
      rebuild();
      times.rebuild.push(performance.now() - t);
    }
    return fromSamples('store.rebuild_1m', 'ms', times.rebuild, times.raw, { events, rebuild_s: (median(times.rebuild) / 1000).toFixed(2) });
  },
};

export const benches: Bench[] = [append_one, append_batch, rebuild_1m];
