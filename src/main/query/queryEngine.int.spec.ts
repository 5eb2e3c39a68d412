import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from '../../shared/contracts/protocol';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, recordingClient, startQuery, untilExecuting } from '../../../test/support/coreEvents';
import { startTestCore, type TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { useTestCore } from '../../../test/support/useTestCore';
import { crashQueryWorker } from '../../../test/support/workerFaults';

/** Slow enough to still be running when a test acts on it, and DuckDB can interrupt it at once. */
const LONG_SQL = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';

const sessionOf = (core: TestCore): string => openSessions(core.projections.current.view)[0]!.id;

async function page(core: TestCore, queryId: string, offset: number, limit: number): Promise<Page> {
  const r = await core.runner.fetchPage(queryId, offset, limit);
  if (!r.ok) throw new Error(`fetchPage failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Pages until the result is complete (a re-run, like a running query, answers with what exists so far). */
async function completePage(core: TestCore, queryId: string, offset: number, limit: number): Promise<Page> {
  for (let i = 0; i < 200; i++) {
    const p = await page(core, queryId, offset, limit);
    if (p.complete) return p;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the result never completed');
}

/**
 * Resolves once a progress frame says rows of `queryId` can be paged: the one "rows are ready"
 * signal. Listens from the call on, so call it before starting the query.
 */
function rowsReady(core: TestCore): (queryId: string) => Promise<number> {
  const seen = new Map<string, number>();
  const waiting = new Map<string, (n: number) => void>();
  const off = core.bus.subscribe((m) => {
    if (m.kind !== 'progress' || m.progress.kind !== 'query' || !m.progress.rowsAvailable) return;
    seen.set(m.progress.queryId, m.progress.rowsAvailable);
    waiting.get(m.progress.queryId)?.(m.progress.rowsAvailable);
  });
  return (queryId) =>
    new Promise((resolve) => {
      const done = (n: number): void => {
        off();
        resolve(n);
      };
      const now = seen.get(queryId);
      if (now) done(now);
      else waiting.set(queryId, done);
    });
}

describe('query engine (real SQLite, real DuckDB workers)', () => {
  const started = useTestCore();
  let core: TestCore;
  beforeEach(() => {
    core = started.core();
  });

  // 2M rows take seconds to write, many times the 250 ms between commits: rows are pageable long before the end.
  it('serves the first page while the query still runs, then the whole result once complete', async () => {
    const sessionId = sessionOf(core);
    const sql = `select range as n, md5(range::VARCHAR) as h, range::DECIMAL(18,3) / 7 as d, [range, NULL] as l, {'a': range} as s,
      TIMESTAMP '2024-01-01' + to_microseconds(range) as t, CASE WHEN range % 3 = 0 THEN NULL ELSE '' END as e from range(2000000)`;
    const ready = rowsReady(core);
    const queryId = await startQuery(core, sessionId, sql);
    await ready(queryId);
    const first = await page(core, queryId, 0, 100);
    expect(first.complete).toBe(false);
    expect(first.totalRows).toBeGreaterThan(0);
    expect(first.totalRows).toBeLessThan(2_000_000);
    expect(first.values[0]?.slice(0, 3)).toEqual(['0', '1', '2']);
    expect(first.columns.map((c) => c.name)).toEqual(['n', 'h', 'd', 'l', 's', 't', 'e']);
    const end = await queryEnd(core, sessionId, queryId, 120_000);
    expect(end.type).toBe('QueryCompleted');
    // the page served while running is exactly the page of the finished result
    expect((await page(core, queryId, 0, 100)).values).toEqual(first.values);
    const last = await page(core, queryId, 1_999_998, 100);
    expect(last).toMatchObject({ complete: true, totalRows: 2_000_000, offset: 1_999_998 });
    expect(last.values[0]).toEqual(['1999998', '1999999']);
  }, 180_000);

  it('tells the client through progress frames when rows become available, before the query completes', async () => {
    const sessionId = sessionOf(core);
    const client = recordingClient(core);
    await client.conn.handle({ method: 'subscribe', subscriptionId: 's', pattern: `session/${sessionId}` });
    const queryId = await startQuery(core, sessionId, 'select range as n, md5(range::VARCHAR) from range(2000000)');
    await queryEnd(core, sessionId, queryId, 120_000);
    const mine = client.progress().filter((p) => p.kind === 'query' && p.queryId === queryId);
    expect(mine.length).toBeGreaterThan(0);
    const withRows = mine.flatMap((p) => (p.kind === 'query' && p.rowsAvailable ? [p.rowsAvailable] : []));
    expect(withRows[0]).toBeLessThan(2_000_000);
    expect(withRows).toEqual([...withRows].sort((a, b) => a - b));
    client.conn.close();
  }, 180_000);

  it('fetchPage never waits for rows: while nothing is ready it answers at once with an empty, incomplete page', async () => {
    const sessionId = sessionOf(core);
    const queryId = await startQuery(core, sessionId, LONG_SQL);
    await untilExecuting(core, sessionId, queryId);
    const t = performance.now();
    expect(await page(core, queryId, 0, 100)).toMatchObject({ complete: false, totalRows: 0, values: [] });
    expect(performance.now() - t).toBeLessThan(1_000);
    await core.dispatch({ type: 'CancelQuery', sessionId });
  });

  it('runs several statements in order and shows the last one’s rows', async () => {
    const sessionId = sessionOf(core);
    const queryId = await startQuery(core, sessionId, 'create table t as select 1 as a; insert into t values (2), (3); select a * 10 as b from t order by a');
    const end = await queryEnd(core, sessionId, queryId);
    expect(end.type === 'QueryCompleted' && end.payload.rowCount).toBe(3);
    expect((await page(core, queryId, 0, 10)).values).toEqual([['10', '20', '30']]);
  });

  it('a statement that returns no rows (SET) completes with an empty, pageable result', async () => {
    const sessionId = sessionOf(core);
    const queryId = await startQuery(core, sessionId, 'SET threads = 2');
    const end = await queryEnd(core, sessionId, queryId);
    expect(end.type === 'QueryCompleted' && end.payload.rowCount).toBe(0);
    expect(await page(core, queryId, 0, 10)).toMatchObject({ complete: true, totalRows: 0 });
  });

  it('Cancel interrupts DuckDB: QueryCancelled is stored, the result is gone, the next query runs', async () => {
    const sessionId = sessionOf(core);
    const queryId = await startQuery(core, sessionId, LONG_SQL);
    await untilExecuting(core, sessionId, queryId);
    const t = performance.now();
    const ack = await core.dispatch({ type: 'CancelQuery', sessionId });
    expect(ack.ok).toBe(true);
    expect((await queryEnd(core, sessionId, queryId)).type).toBe('QueryCancelled');
    const r = await core.runner.fetchPage(queryId, 0, 10);
    expect(r.ok ? 'ok' : r.error.code).toBe('RESULT_NOT_FOUND');
    // DuckDB really stopped: the next query in the same session does not wait for the old one.
    const next = await startQuery(core, sessionId, 'select 42');
    expect((await queryEnd(core, sessionId, next)).type).toBe('QueryCompleted');
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(core.store.readAggregate('QuerySession', sessionId).filter((e) => e.type === 'QueryFailed')).toEqual([]);
  });

  it('a long query in one session does not hold up another session’s query', async () => {
    const a = sessionOf(core);
    const opened = await core.dispatch({ type: 'OpenSession', title: 'B' });
    const b = opened.ok ? opened.value.aggregateId : '';
    const long = await startQuery(core, a, LONG_SQL);
    await untilExecuting(core, a, long);
    const short = await startQuery(core, b, 'select 7 as seven');
    const end = await queryEnd(core, b, short, 10_000);
    expect(end.type).toBe('QueryCompleted');
    expect((await page(core, short, 0, 1)).values).toEqual([['7']]);
    expect(core.projections.current.view.sessions[a]?.history.at(-1)?.phase).toBe('Executing');
    await core.dispatch({ type: 'CancelQuery', sessionId: a });
  });

  it('a worker that dies fails its query with WORKER_CRASHED and an error id, and is replaced', async () => {
    const sessionId = sessionOf(core);
    const queryId = await startQuery(core, sessionId, LONG_SQL);
    await untilExecuting(core, sessionId, queryId);
    crashQueryWorker(core);
    const end = await queryEnd(core, sessionId, queryId);
    expect(end.type).toBe('QueryFailed');
    if (end.type !== 'QueryFailed') return;
    expect(end.payload.error.code).toBe('WORKER_CRASHED');
    expect(end.payload.error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(end.payload.error.message).toMatch(/crashed/);
    const next = await startQuery(core, sessionId, 'select 1 as one');
    expect((await queryEnd(core, sessionId, next)).type).toBe('QueryCompleted');
    expect((await page(core, next, 0, 1)).values).toEqual([['1']]);
  });
});

describe('query limits and restarts', () => {
  const dir = useTempDataDir<TestCore>();

  it('a query past the configured timeout fails with TIMEOUT and an error id', async () => {
    const core = dir.keep(await startTestCore(dir.path(), { queryTimeoutMs: 700 }));
    const sessionId = sessionOf(core);
    const t = performance.now();
    const queryId = await startQuery(core, sessionId, LONG_SQL);
    const end = await queryEnd(core, sessionId, queryId);
    expect(end.type).toBe('QueryFailed');
    if (end.type !== 'QueryFailed') return;
    expect(end.payload.error.code).toBe('TIMEOUT');
    expect(end.payload.error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(end.payload.error.message).toMatch(/longer than 700 ms/);
    expect(performance.now() - t).toBeLessThan(10_000);
    const quick = await startQuery(core, sessionId, 'select 1');
    expect((await queryEnd(core, sessionId, quick)).type).toBe('QueryCompleted');
  });

  it('a query left running by a stop fails with INTERRUPTED at the next start', async () => {
    let core = dir.keep(await startTestCore(dir.path()));
    const sessionId = sessionOf(core);
    const queryId = await startQuery(core, sessionId, LONG_SQL);
    await untilExecuting(core, sessionId, queryId);
    await core.close();
    core = dir.keep(await startTestCore(dir.path()));
    const end = await queryEnd(core, sessionId, queryId);
    expect(end.type === 'QueryFailed' && end.payload.error.code).toBe('INTERRUPTED');
  });

  it('past the cache budget the oldest result is dropped, and paging it re-runs its SQL', async () => {
    const core = dir.keep(await startTestCore(dir.path(), { resultCacheBytes: 1 }));
    const sessionId = sessionOf(core);
    const first = await startQuery(core, sessionId, 'select range as n, range * 2 as m from range(300000)');
    await queryEnd(core, sessionId, first);
    const second = await startQuery(core, sessionId, 'select 1 as x');
    await queryEnd(core, sessionId, second);
    // the newest result is never dropped; the older one goes once the budget is enforced
    const tables = async (): Promise<string[]> =>
      (await core.queryWorker.request({ type: 'read', sql: "select table_name from duckdb_tables() where schema_name = 'sextant_results'" })).map((r) => String(r['table_name']));
    for (let i = 0; i < 100 && (await tables()).length > 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await tables()).toEqual([`q_${second.replaceAll('-', '')}`]);
    const again = await completePage(core, first, 299_998, 10);
    expect(again).toMatchObject({ totalRows: 300_000, complete: true });
    expect(again.values).toEqual([['299998', '299999'], ['599996', '599998']]);
  });

  it('results survive a restart; a result whose table is gone re-runs on demand', async () => {
    let core = dir.keep(await startTestCore(dir.path()));
    const sessionId = sessionOf(core);
    const kept = await startQuery(core, sessionId, 'select range as i from range(1000)');
    await queryEnd(core, sessionId, kept);
    await core.queryWorker.request({ type: 'exec', sql: 'create table answers as select 41 as v' });
    const lost = await startQuery(core, sessionId, 'select v + 1 as answer from answers');
    await queryEnd(core, sessionId, lost);
    await core.queryWorker.request({ type: 'exec', sql: `drop table sextant_results.q_${lost.replaceAll('-', '')}` });
    await core.close();
    core = dir.keep(await startTestCore(dir.path()));
    expect((await page(core, kept, 995, 10)).values).toEqual([['995', '996', '997', '998', '999']]);
    expect(await completePage(core, lost, 0, 10)).toMatchObject({ complete: true, totalRows: 1, values: [['42']] });
  });
});
