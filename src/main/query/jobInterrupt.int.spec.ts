import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelChart, runChart } from '../chart/chartRunner.worker';
import { cancelProfile, runProfile } from '../explore/profileRunner.worker';

/** About 8 s of DuckDB work on this 2-core machine: what a lost interrupt would let run to its end. */
const LONG = 'SELECT sum(hash(i) % 7)::VARCHAR AS s FROM range(800000000) t(i)';
/** About half a second each. */
const BLOCKER = 'SELECT sum(hash(i) % 7) FROM range(50000000) t(i)';

/** Whether a job's promise settled, and when (a cancelled one rejects). */
const settledAt = (p: Promise<unknown>): Promise<{ ok: boolean; code?: string; at: number }> =>
  p.then(
    () => ({ ok: true, at: performance.now() }),
    (e: unknown) => ({ ok: false, code: (e as { error?: { code?: string } }).error?.code, at: performance.now() }),
  );

/**
 * A cancel that arrives while the job's DuckDB call still waits for one of libuv's threads: DuckDB
 * drops an interrupt with no query running, so one sent once would be lost and the job would run
 * to its end. Every libuv thread is held by a blocker query, the job is queued behind them and
 * cancelled there.
 */
describe('a side job cancelled before DuckDB starts its query still stops (real DuckDB)', () => {
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  });
  afterAll(() => instance.closeSync());

  const jobs = [
    { name: 'a profile', run: (id: string, sql: string) => runProfile(instance, id, sql), cancel: cancelProfile },
    { name: 'a chart', run: (id: string, sql: string) => runChart(instance, id, sql), cancel: cancelChart },
  ];

  it.each(jobs)('$name', async ({ run, cancel }) => {
    // the job's own connection exists already, so only its query waits for a thread
    await run('opens-connection', 'SELECT 1');
    const threads = Number(process.env['UV_THREADPOOL_SIZE'] ?? 4);
    const connections = await Promise.all(Array.from({ length: threads }, () => instance.connect()));
    const blockers = settledAt(Promise.all(connections.map((c) => c.run(BLOCKER))));
    const job = settledAt(run('cancelled', LONG));
    // every microtask has run: the job has sent its query, which waits behind the blockers
    await new Promise((r) => setImmediate(r));
    cancel('cancelled');
    const [freed, stopped] = await Promise.all([blockers, job]);
    for (const c of connections) c.closeSync();
    expect(stopped.ok ? 'ran to its end' : stopped.code).toBe('INTERRUPTED');
    // a lost interrupt shows as the whole LONG query after the blockers
    expect(stopped.at - freed.at).toBeLessThan(2_000);
  }, 60_000);
});
