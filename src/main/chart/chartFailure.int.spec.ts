import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../shared/chart/chartSpec';
import { useTestSession } from '../../../test/support/useTestSession';

/**
 * A chart DuckDB cannot draw, said in words (a review drove both through the real host): a Sum beyond
 * HUGEINT's range as the pivot says it, and integers too close together for their size to bin,
 * instead of DuckDB's 39-digit overflow and "cannot take logarithm of zero".
 */
describe('a chart DuckDB cannot draw (real core, real DuckDB)', () => {
  const { core, sessionId, run } = useTestSession('all');

  const failure = async (sql: string, spec: ChartSpec) => {
    const { queryId, end } = await run(sql);
    expect(end.type).toBe('QueryCompleted');
    const answer = await core().charts.chart({ sessionId: sessionId(), queryId, spec });
    if (answer.ok) throw new Error('the chart was drawn');
    return answer.error;
  };

  it('given a Sum of a HUGEINT beyond its range, then it says so as the pivot does, with an id, DuckDB’s words kept as the cause', async () => {
    const sql = `select * from (values ('a', 170141183460469231731687303715884105727::HUGEINT), ('a', 170141183460469231731687303715884105727::HUGEINT), ('b', 1::HUGEINT)) t(g, h)`;
    const error = await failure(sql, { mark: 'Bar', x: 'g', y: 'h', aggregate: 'Sum' });
    expect(error.message).toBe('The sum of h is beyond HUGEINT\'s range, about ±1.7e38, so DuckDB cannot add it exactly. Average (computed as a DOUBLE), Min and Max still work.');
    expect(error.cause?.message).toMatch(/Overflow in HUGEINT addition/);
    expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('given a histogram of BIGINT ids near 1.5e18, then it says they are too close together to bin, without DuckDB’s prefix', async () => {
    const error = await failure('select (1500000000000000000 + i)::bigint as x from range(0, 100) t(i)', { mark: 'Histogram', x: 'x', aggregate: 'Count' });
    expect(error.message).toMatch(/^These values are too close together for their size to be binned: at about 1\.5e\+18 a DOUBLE, which bins are counted in, cannot tell them apart\./);
  });
});
