import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { Page } from '../../src/shared/contracts/protocol';
import type { Result } from '../../src/shared/contracts/errors';
import { literal } from '../../src/main/query/sql';
import { useTestSession } from '../support/useTestSession';
import { crashQueryWorker } from '../support/workerFaults';
import type { TestCore } from '../support/testCore';

/** Crashes the worker and resolves once its replacement answers. */
async function crashAndRecover(core: TestCore): Promise<void> {
  const generation = core.queryWorker.threadGeneration;
  crashQueryWorker(core);
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (core.queryWorker.threadGeneration === generation) continue;
    const answered = await core.queryWorker.request({ type: 'read', sql: 'select 1 as one' }).then(
      () => true,
      () => false,
    );
    if (answered) return;
  }
  throw new Error('the worker was not replaced');
}

/** Pages until the result is complete, or fails with the page's error. */
async function completePage(core: TestCore, queryId: string): Promise<Result<Page>> {
  for (let i = 0; i < 200; i++) {
    const page = await core.runner.fetchPage(queryId, 0, 10);
    if (!page.ok || page.value.complete) return page;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the result never completed');
}

describe('after the DuckDB worker crashed, what was there before still works', () => {
  const { core, dir, run } = useTestSession('each');

  it('a DuckDB database file dataset is still queryable (its attachment is made again on the new thread)', async () => {
    const file = join(dir(), 'shop.duckdb');
    const raw = await DuckDBInstance.create(':memory:');
    const c = await raw.connect();
    await c.run(`ATTACH ${literal(file)} AS shop; CREATE TABLE shop.orders AS SELECT range AS id, range * 100 AS cents FROM range(7); DETACH shop`);
    c.closeSync();
    raw.closeSync();
    const ack = await core().dispatch({ type: 'AddDataset', source: file });
    expect(ack.ok).toBe(true);
    await core().catalog.idle();
    expect((await run('select sum(cents) as total from shop.orders')).end.type).toBe('QueryCompleted');

    await crashAndRecover(core());
    const after = await run('select sum(cents) as total from shop.orders');
    expect(after.end.type === 'QueryFailed' ? after.end.payload.error.message : after.end.type).toBe('QueryCompleted');
    const page = await core().runner.fetchPage(after.queryId, 0, 1);
    expect(page.ok && page.value.values).toEqual([['2100']]);
  });

  it('a result whose re-run the crash cut off re-runs again on the next page, instead of staying lost', async () => {
    const { queryId, end } = await run('select count(*) as n from range(200000000) t(x) where x % 7 = 3');
    expect(end.type).toBe('QueryCompleted');
    // Its table dropped under it: the page says so and the next one re-runs the SQL.
    await core().queryWorker.request({ type: 'exec', sql: `drop table sextant_results.q_${queryId.replaceAll('-', '')}` });
    expect((await core().runner.fetchPage(queryId, 0, 10)).ok).toBe(false);
    const rerunning = await core().runner.fetchPage(queryId, 0, 10);
    expect(rerunning.ok && rerunning.value.complete).toBe(false);
    await crashAndRecover(core());

    const page = await completePage(core(), queryId);
    expect(page.ok ? page.value.values : page.error.message).toEqual([['28571429']]);
  });
});
