import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { DuckDBInstance, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { EventStore } from '../src/main/store/eventStore';
import { queryEnd, startQuery } from '../test/support/coreEvents';
import { startTestCore } from '../test/support/testCore';
import { fromSamples, median, type Bench } from './harness';
import { storeDataDir } from './storeDataDir';

const QUERIES = 10_000;
/** Spread over 100 sessions of 100 queries, as months of work would be. */
const SESSIONS = 100;
const sessionOf = (i: number): string => `0190a0a0-0000-7000-8000-${String(i % SESSIONS).padStart(12, '0')}`;
const START = Date.parse('2026-01-05T09:00:00Z');

/** The person's question: the ten slowest queries, with what they read. */
const slowest = (from: string): string =>
  `select sql, duration_ms, "rows", started_at, datasets_read from ${from} where status = 'completed' order by duration_ms desc limit 10`;

interface SyntheticQuery {
  readonly id: string;
  readonly session: string;
  readonly sql: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly rows: number;
}

/** 10,000 completed queries of one session, with durations spread like a day of work (deterministic). */
function syntheticQueries(): SyntheticQuery[] {
  return Array.from({ length: QUERIES }, (_, i) => {
    const durationMs = ((i * 7919) % 5000) + (i % 97) / 10;
    const started = START + i * 60_000;
    return {
      id: uuidv7(),
      session: sessionOf(i),
      sql: `select carrier, avg(delay) from flights where distance > ${i % 3000} group by carrier`,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(started + Math.ceil(durationMs)).toISOString(),
      durationMs,
      rows: (i * 31) % 20,
    };
  });
}

/**
 * The log the app starts from, written the fast way (one transaction of raw inserts into the
 * store's own schema): the sessions, then QueryStarted, ExecutionBegan and QueryCompleted per query.
 */
function writeLog(path: string, queries: readonly SyntheticQuery[]): number {
  new EventStore(path).close();
  const db = new Database(path);
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
     VALUES (?, 'QuerySession', ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  const meta = JSON.stringify({ commandId: '0190a0a0-0000-7000-8000-00000000c0de', correlationId: '0190a0a0-0000-7000-8000-00000000c0de', issuedBy: 'user' });
  const versions = new Map<string, number>();
  let count = 0;
  const add = (session: string, type: string, payload: unknown, at: string): void => {
    const seq = (versions.get(session) ?? 0) + 1;
    versions.set(session, seq);
    insert.run(uuidv7(), session, seq, type, `session/${session}`, JSON.stringify(payload), meta, at);
    count++;
  };
  db.transaction(() => {
    for (let i = 0; i < SESSIONS; i++) add(sessionOf(i), 'SessionOpened', { title: `Flights ${i + 1}` }, new Date(START - 1000).toISOString());
    for (const q of queries) {
      add(q.session, 'QueryStarted', { queryId: q.id, sql: q.sql }, q.startedAt);
      add(q.session, 'ExecutionBegan', { queryId: q.id }, q.startedAt);
      add(q.session, 'QueryCompleted', { queryId: q.id, rowCount: q.rows, columns: [{ name: 'carrier', type: 'VARCHAR' }], durationMs: q.durationMs }, q.finishedAt);
    }
  })();
  db.close();
  return count;
}

/** The baseline's plain table: the same rows, in raw DuckDB, filled by its appender. */
async function plainTable(queries: readonly SyntheticQuery[]) {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(
    'CREATE TABLE queries (query_id VARCHAR, session_id VARCHAR, sql VARCHAR, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ, duration_ms DOUBLE, "rows" BIGINT, status VARCHAR, error_code VARCHAR, error_message VARCHAR, datasets_read VARCHAR[])',
  );
  await conn.run('CREATE TEMP TABLE stage (query_id VARCHAR, session_id VARCHAR, sql VARCHAR, started_at VARCHAR, finished_at VARCHAR, duration_ms DOUBLE, "rows" BIGINT)');
  const a = await conn.createAppender('stage', 'main', 'temp');
  for (const q of queries) {
    a.appendVarchar(q.id);
    a.appendVarchar(q.session);
    a.appendVarchar(q.sql);
    a.appendVarchar(q.startedAt);
    a.appendVarchar(q.finishedAt);
    a.appendDouble(q.durationMs);
    a.appendBigInt(BigInt(q.rows));
    a.endRow();
  }
  a.closeSync();
  await conn.run(`INSERT INTO queries SELECT query_id, session_id, sql, started_at::TIMESTAMPTZ, finished_at::TIMESTAMPTZ, duration_ms, "rows", 'completed', NULL, NULL, $1 FROM stage`, [listValue([])], [LIST(VARCHAR)]);
  return { instance, conn };
}

const history_sql: Bench = {
  name: 'share.history_sql',
  what: "the ten slowest of 10,000 queries from `sextant.queries` on the app's DuckDB worker (its views over the attached history store, rows back in main) vs raw DuckDB running the same SQL on a plain table of the same rows; notes: the whole `StartQuery` → page path over `sextant.queries` and over a plain copy in the app's DuckDB",
  goal: 1.5,
  async run() {
    const queries = syntheticQueries();
    const dir = storeDataDir();
    const events = writeLog(dir.storePath, queries);
    const fillStarted = performance.now();
    const core = await startTestCore(dir.dataDir, { memoryLimit: undefined });
    const raw = await plainTable(queries);
    try {
      await core.history.settled();
      const fillMs = performance.now() - fillStarted;
      // A session of its own, as a person asking about their history would open.
      const opened = await core.dispatch({ type: 'OpenSession' });
      if (!opened.ok) throw new Error(opened.error.message);
      const sessionId = opened.value.aggregateId;
      const viaApp = async (): Promise<number> => {
        const t = performance.now();
        const queryId = await startQuery(core, sessionId, slowest('sextant.queries'));
        const end = await queryEnd(core, sessionId, queryId);
        if (end.type !== 'QueryCompleted') throw new Error(`the history query ended ${end.type}`);
        const page = await core.runner.fetchPage(queryId, 0, 100);
        if (!page.ok || page.value.totalRows !== 10) throw new Error('the history query did not answer ten rows');
        return performance.now() - t;
      };
      // The same question on a plain table in the app's own DuckDB, through the same whole path.
      await core.queryWorker.request({ type: 'exec', sql: 'CREATE TABLE plain_history AS SELECT * FROM sextant.queries' });
      const viaAppPlain = async (): Promise<number> => {
        const t = performance.now();
        const queryId = await startQuery(core, sessionId, slowest('plain_history'));
        await queryEnd(core, sessionId, queryId);
        await core.runner.fetchPage(queryId, 0, 100);
        return performance.now() - t;
      };
      // What the schema itself costs: the question as the worker's connection reads it, through the views and the attached store.
      const viaWorker = async (): Promise<number> => {
        const t = performance.now();
        const rows = await core.queryWorker.request({ type: 'read', sql: slowest('sextant.queries') });
        if (rows.length !== 10) throw new Error('the history did not answer ten rows');
        return performance.now() - t;
      };
      const viaRaw = async (): Promise<number> => {
        const t = performance.now();
        const rows = (await raw.conn.runAndReadAll(slowest('queries'))).getRowObjectsJS();
        if (rows.length !== 10) throw new Error('the plain table did not answer ten rows');
        return performance.now() - t;
      };
      // One warm-up each, then interleaved so drift on a loaded machine hits both alike.
      await viaRaw();
      await viaWorker();
      await viaApp();
      await viaAppPlain();
      const b: number[] = [];
      const s: number[] = [];
      const app: number[] = [];
      const appPlain: number[] = [];
      // Fifteen rounds: single reads of a few milliseconds swing widely on a shared machine.
      for (let round = 0; round < 15; round++) {
        b.push(await viaRaw());
        s.push(await viaWorker());
        app.push(await viaApp());
        appPlain.push(await viaAppPlain());
      }
      return fromSamples('share.history_sql', 'ms', s, b, {
        queries: QUERIES,
        events,
        fill_ms: Math.round(fillMs),
        app_query_ms: Math.round(median(app)),
        app_plain_table_ms: Math.round(median(appPlain)),
      });
    } finally {
      raw.conn.closeSync();
      raw.instance.closeSync();
      await core.close();
      dir.remove();
    }
  },
};

export const benches: Bench[] = [history_sql];
