import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/contracts/errors';
import type { ProfileAnswer } from '../../shared/explore/columnProfile';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, recordingClient, startQuery, waitForEvent } from '../../../test/support/coreEvents';
import type { TestCore } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';

type Profiled = Omit<ProfileAnswer, 'requestId'>;

const sessionOf = (core: TestCore): string => openSessions(core.projections.current.view)[0]!.id;

async function completed(core: TestCore, sql: string): Promise<string> {
  const sessionId = sessionOf(core);
  const queryId = await startQuery(core, sessionId, sql);
  const end = await queryEnd(core, sessionId, queryId, 120_000);
  if (end.type !== 'QueryCompleted') throw new Error(`the query did not complete: ${end.type} ${JSON.stringify(end.payload)}`);
  return queryId;
}

const value = (r: Result<Profiled>): Profiled => {
  if (!r.ok) throw new Error(`profile failed: ${r.error.code} ${r.error.message}`);
  return r.value;
};
/** Resolves once `n` batches have sent their profile query (the count goes up just before it is sent). */
const untilBatches = (core: TestCore, n: number): Promise<void> =>
  vi.waitFor(() => expect(core.profiles.batchesRun).toBeGreaterThanOrEqual(n), { timeout: 20_000, interval: 5 });
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** `n` integer columns over `rows` rows: column k holds (i * (k + 1)) % 97, NULL every (k + 2)th row. */
const wideSql = (n: number, rows: number): string =>
  `SELECT ${range(0, n)
    .map((k) => `CASE WHEN i % ${k + 2} = 0 THEN NULL ELSE (i * ${k + 1}) % 97 END AS "col ${k}"`)
    .join(', ')} FROM range(${rows}) t(i)`;

/**
 * A dataset expensive enough per batch (1.5M rows sampled to 1M, 20 text columns of many values to
 * group) to still run when a test cancels it: a Parquet file DuckDB writes, added to the catalog.
 */
/** Written once for the file: both tests that need it add the same file to their own core. */
let slowFile: Promise<string> | undefined;
afterAll(async () => {
  const file = await slowFile?.catch(() => undefined);
  if (file) rmSync(dirname(file), { recursive: true, force: true });
});

async function slowDataset(core: TestCore): Promise<{ kind: 'dataset'; datasetId: string }> {
  slowFile ??= (async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sextant-slow-')), 'slow.parquet');
    const columns = range(0, 40).map((k) => `((i * ${k + 7}) % 50001)::VARCHAR AS s${k}`);
    await core.queryWorker.request({ type: 'exec', sql: `COPY (SELECT ${columns.join(', ')} FROM range(1500000) t(i)) TO '${file}' (FORMAT parquet)` });
    return file;
  })();
  return { kind: 'dataset', datasetId: await addDataset(core, await slowFile) };
}

async function addDataset(core: TestCore, file: string): Promise<string> {
  const registered = waitForEvent(core, (e) => (e.type === 'DatasetRegistered' ? e.aggregateId : undefined));
  const ack = await core.dispatch({ type: 'AddDataset', source: file });
  if (!ack.ok) throw new Error(ack.error.message);
  return registered;
}

describe('column profiles on the worker (real DuckDB, a core in a temp dir)', () => {
  const started = useTestCore();
  let core: TestCore;
  beforeEach(() => {
    core = started.core();
  });

  it('profiles in batches of 20 columns, and a profile asked again comes from the cache', async () => {
    const queryId = await completed(core, wideSql(45, 1000));
    const before = core.profiles.batchesRun;
    const answer = value(await core.profiles.profile({ kind: 'result', queryId }, range(0, 45)));
    expect(core.profiles.batchesRun - before).toBe(3);
    expect(answer.rows).toBe(1000);
    expect(answer.sample).toBeUndefined();
    expect(answer.columns.map((c) => c.column)).toEqual(range(0, 45));
    // column k is NULL on every (k + 2)th row, i = 0 included
    for (const k of [0, 19, 20, 44]) {
      const raw = await core.queryWorker.request({ type: 'read', sql: `SELECT count(*) FILTER (WHERE i % ${k + 2} = 0)::INTEGER AS n FROM range(1000) t(i)` });
      const p = answer.columns[k]!.profile;
      expect(p.name).toBe(`col ${k}`);
      expect(p.nulls).toBe(raw[0]!['n']);
    }
    const again = value(await core.profiles.profile({ kind: 'result', queryId }, [44, 3, 20]));
    expect(core.profiles.batchesRun - before).toBe(3);
    expect(again.columns.map((c) => c.column)).toEqual([44, 3, 20]);
    expect(again.columns[0]!.profile).toEqual(answer.columns[44]!.profile);
  });

  it('two requests for the same columns share one batch; the one left waiting still gets it when the other is cancelled', async () => {
    const queryId = await completed(core, wideSql(10, 200_000));
    const before = core.profiles.batchesRun;
    const gone = new AbortController();
    const first = core.profiles.profile({ kind: 'result', queryId }, range(0, 10), gone.signal);
    const second = core.profiles.profile({ kind: 'result', queryId }, range(0, 10));
    gone.abort();
    const cancelled = await first;
    expect(cancelled.ok ? 'answered' : cancelled.error.code).toBe('INTERRUPTED');
    expect(value(await second).columns).toHaveLength(10);
    expect(core.profiles.batchesRun - before).toBe(1);
  });

  it('a cancelled request interrupts its running batch, drops its waiting ones, and caches nothing', async () => {
    const target = await slowDataset(core);
    const before = core.profiles.batchesRun;
    const controller = new AbortController();
    const asked = Date.now();
    const pending = core.profiles.profile(target, range(0, 40), controller.signal);
    // The first batch has counted the rows and sent its profile query: it is the one running.
    await untilBatches(core, before + 1);
    controller.abort();
    const r = await pending;
    expect(r.ok ? 'answered' : r.error.code).toBe('INTERRUPTED');
    // the second batch (columns 20–39) was waiting: it never ran
    expect(core.profiles.batchesRun - before).toBe(1);
    // the interrupted query let go of the connection: a small profile runs at once after it
    const small = await completed(core, 'SELECT 1 AS x');
    const t0 = Date.now();
    value(await core.profiles.profile({ kind: 'result', queryId: small }, [0]));
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(Date.now() - asked).toBeLessThan(20_000);
    // nothing of the cancelled one was cached: asking again computes it
    const again = core.profiles.batchesRun;
    const one = value(await core.profiles.profile(target, [0]));
    expect(core.profiles.batchesRun - again).toBe(1);
    // 1.5M rows are profiled on a sample of about 1M, and the answer says so
    expect(one.sample).toEqual({ rows: one.rows, of: 1_500_000 });
    expect(Math.abs(one.rows - 1_000_000)).toBeLessThan(10_000);
  }, 120_000);

  it('over the wire: a request id can be cancelled, a newer request with the same id drops the older one, and bad requests are refused with ids', async () => {
    const target = await slowDataset(core);
    const { conn } = recordingClient(core);
    const a = conn.handle({ method: 'profileColumns', requestId: 'r1', target, columns: range(0, 20) });
    const b = conn.handle({ method: 'profileColumns', requestId: 'r1', target, columns: [25] });
    const stale = await a;
    expect(stale.ok ? 'answered' : stale.error.code).toBe('INTERRUPTED');
    const fresh = await b;
    expect(fresh.ok).toBe(true);
    expect((fresh as { value: ProfileAnswer }).value.requestId).toBe('r1');
    expect((fresh as { value: ProfileAnswer }).value.columns.map((c) => c.column)).toEqual([25]);

    const batches = core.profiles.batchesRun;
    const c = conn.handle({ method: 'profileColumns', requestId: 'r2', target, columns: range(20, 40) });
    await untilBatches(core, batches + 1); // cancelled while its batch runs
    const cancel = await conn.handle({ method: 'cancelProfile', requestIds: ['r2', 'unknown'] });
    expect(cancel).toEqual({ ok: true, value: { cancelled: 1 } });
    const cancelled = await c;
    expect(cancelled.ok ? 'answered' : cancelled.error.code).toBe('INTERRUPTED');

    const badColumn = await conn.handle({ method: 'profileColumns', requestId: 'r3', target, columns: [40] });
    expect(badColumn.ok ? 'answered' : badColumn.error.code).toBe('INVALID_COMMAND');
    const noResult = await conn.handle({ method: 'profileColumns', requestId: 'r4', target: { kind: 'result', queryId: 'nope' }, columns: [0] });
    expect(noResult.ok ? 'answered' : noResult.error.code).toBe('RESULT_NOT_FOUND');
    const tooMany = await conn.handle({ method: 'profileColumns', requestId: 'r5', target, columns: range(0, 101) });
    expect(tooMany.ok ? 'answered' : [tooMany.error.code, tooMany.error.id.length > 0]).toEqual(['INVALID_COMMAND', true]);
    conn.close();
  }, 120_000);

  it('profiles columns with hostile names, each quoted as one identifier', async () => {
    const queryId = await completed(
      core,
      `SELECT 'x' AS "'); drop table t; --", 9007199254740993::BIGINT AS "a""b", '🦆' AS "${'n'.repeat(2000)}", NULL::INTEGER AS "back\\slash"`,
    );
    const answer = value(await core.profiles.profile({ kind: 'result', queryId }, range(0, 4)));
    expect(answer.columns.map((c) => c.profile.name)).toEqual(["'); drop table t; --", 'a"b', 'n'.repeat(2000), 'back\\slash']);
    const big = answer.columns[1]!.profile;
    expect(big.kind === 'number' && [big.min, big.max]).toEqual(['9007199254740993', '9007199254740993']);
    const duck = answer.columns[2]!.profile;
    expect(duck.kind === 'categorical' && duck.top).toEqual([{ value: '🦆', count: 1 }]);
    expect(answer.columns[3]!.profile.nulls).toBe(1);
  });

  it('profiles a 500-column table, a hundred columns a request, in 25 queries', async () => {
    const queryId = await completed(core, wideSql(500, 2000));
    const before = core.profiles.batchesRun;
    const answers = await Promise.all([0, 100, 200, 300, 400].map((from) => core.profiles.profile({ kind: 'result', queryId }, range(from, from + 100))));
    const columns = answers.flatMap((a) => value(a).columns);
    expect(columns.map((c) => c.column)).toEqual(range(0, 500));
    expect(core.profiles.batchesRun - before).toBe(25);
    const last = columns[499]!.profile;
    expect(last.name).toBe('col 499');
    // NULL where i % 501 = 0: rows 0 and 501, 1002, 1503
    expect(last.nulls).toBe(4);
    expect(last.kind === 'number' && [last.min, last.max]).toEqual(['0', '96']);
  }, 180_000);

  it('profiles a dataset of the catalog by its id, counting its rows once', async () => {
    const file = join(started.dir(), 'people.csv');
    writeFileSync(file, 'name,age\nann,31\nbob,\ncy,47\nann,52\n');
    const datasetId = await addDataset(core, file);
    const answer = value(await core.profiles.profile({ kind: 'dataset', datasetId }, [0, 1]));
    expect(answer.rows).toBe(4);
    const [name, age] = answer.columns.map((c) => c.profile);
    expect(name?.kind === 'categorical' && name.top).toEqual([
      { value: 'ann', count: 2 },
      { value: 'bob', count: 1 },
      { value: 'cy', count: 1 },
    ]);
    expect(age?.kind === 'number' && [age.nulls, age.min, age.max, age.mean]).toEqual([1, '31', '52', '43.333333333333336']);
    const missing = await core.profiles.profile({ kind: 'dataset', datasetId: 'nope' }, [0]);
    expect(missing.ok ? 'answered' : missing.error.code).toBe('DATASET_NOT_FOUND');
  });

  it('profiles one table of a DuckDB database file, as raw DuckDB reads that table', async () => {
    const file = join(started.dir(), 'shop.duckdb');
    const raw = await (await DuckDBInstance.create(file)).connect();
    await raw.run(`CREATE TABLE "or""ders" AS SELECT i AS id, CASE WHEN i % 4 = 0 THEN NULL ELSE i % 7 END AS qty FROM range(1, 101) r(i)`);
    await raw.run(`CREATE TABLE customers AS SELECT 'c' || i AS name FROM range(3) r(i)`);
    const [expected] = (await raw.runAndReadAll(`SELECT count(*)::INTEGER, (count(*) FILTER (WHERE qty IS NULL))::INTEGER, min(qty)::VARCHAR, max(qty)::VARCHAR FROM "or""ders"`)).getRowsJS();
    raw.closeSync();
    const datasetId = await addDataset(core, file);
    const answer = value(await core.profiles.profile({ kind: 'dataset', datasetId, table: 'or"ders' }, [1]));
    const qty = answer.columns[0]?.profile;
    expect([answer.rows, qty?.kind === 'number' && qty.nulls, qty?.kind === 'number' && qty.min, qty?.kind === 'number' && qty.max]).toEqual(expected);
    // the database itself has no columns, and a table it does not hold is named
    const whole = await core.profiles.profile({ kind: 'dataset', datasetId }, [0]);
    expect(whole.ok ? 'answered' : whole.error.message).toBe('shop is a database of several tables: profile one of them from its menu.');
    const none = await core.profiles.profile({ kind: 'dataset', datasetId, table: 'returns' }, [0]);
    expect(none.ok ? 'answered' : [none.error.code, none.error.message]).toEqual(['DATASET_NOT_FOUND', 'shop has no table returns.']);
  });
});

describe('a dropped result drops its profiles', () => {
  // a budget of one byte keeps only the newest result
  const started = useTestCore('each', { resultCacheBytes: 1 });

  it('a result evicted and re-run is profiled again, not answered from the old cache', async () => {
    const core = started.core();
    const first = await completed(core, wideSql(3, 1000));
    const before = core.profiles.batchesRun;
    value(await core.profiles.profile({ kind: 'result', queryId: first }, [0, 1, 2]));
    expect(core.profiles.batchesRun - before).toBe(1);
    await completed(core, 'SELECT 2 AS y');
    // eviction runs after the completion; the first result's rows become 'evicted', then re-run
    let again: Result<Profiled> | undefined;
    for (let i = 0; i < 200; i++) {
      again = await core.profiles.profile({ kind: 'result', queryId: first }, [0, 1, 2]);
      if (again.ok && core.profiles.batchesRun - before === 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(core.profiles.batchesRun - before).toBe(2);
    expect(value(again!).columns).toHaveLength(3);
  }, 60_000);
});
