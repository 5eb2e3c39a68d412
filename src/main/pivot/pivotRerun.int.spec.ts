import { describe, expect, it } from 'vitest';
import { lostResult } from '../../../test/support/lostResult';
import type { TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { PivotService } from './pivotService';

/**
 * A completed result whose table this data dir does not hold (a session imported into a fresh data
 * dir, an evicted result) is re-run on demand. Its pivot waits for the re-run, as its grid, charts
 * and profiles do: refused as incomplete, the window showed "Failed" and never asked again.
 */
describe('the pivot of a result being re-run on demand (real SQLite, real DuckDB)', () => {
  const dir = useTempDataDir<TestCore>();

  it('waits for the re-run and answers, asked once, with the figures raw DuckDB gives', async () => {
    const { core, queryId } = await lostResult(dir, 'create table answers as select range % 3 as k, range as v from range(30000)');
    const pivots = new PivotService(core.queryWorker, core.runner, () => core.projections.current.view);
    const page = await pivots.page(queryId, { rows: ['k'], columns: [], values: 'v', aggregate: 'Sum' }, 0, 10);
    const raw = (await core.queryWorker.request({ type: 'read', sql: 'select k::VARCHAR k, sum(v)::VARCHAR s from answers group by k order by k' })) as { k: string; s: string }[];
    expect(page.ok ? page.value.values.slice(1, 3).map((column) => column.slice(1)) : page.error.code).toEqual([raw.map((r) => r.k), raw.map((r) => r.s)]);
  });

  it('a re-run that now gives other rows ends the wait with its refusal, not a hang', async () => {
    const { core, queryId } = await lostResult(dir, 'create table answers as select range as v from range(1000)', 'insert into answers select range from range(234)');
    const pivots = new PivotService(core.queryWorker, core.runner, () => core.projections.current.view);
    const page = await pivots.page(queryId, { rows: ['v'], columns: [], values: 'v', aggregate: 'Count' }, 0, 10);
    expect(page.ok ? 'answered' : page.error.code).toBe('RESULT_NOT_FOUND');
  });
});
