import { describe, expect, it } from 'vitest';
import { snapBrush } from '../../shared/chart/chartCube';
import type { SingleChartSpec } from '../../shared/chart/chartSpec';
import type { PageFilter } from '../../shared/contracts/pageView';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { chartAnswer } from '../../../test/support/chartAnswer';
import { startTestCore, tempDir } from '../../../test/support/testCore';

/**
 * 20,000 rows: `a` = (i % 1000) × 0.1 as a double, so rows sit exactly on brush edges (k × 0.1, the
 * same doubles) and floor(a / 0.1) is off by one for some; an integer, a category, and a few NULLs.
 */
const SQL = `SELECT CASE WHEN i % 499 = 0 THEN NULL ELSE (i % 1000) * 0.1::DOUBLE END AS "a ✈",
  (hash(i) % 500)::INTEGER AS "b'", 'g' || (hash(i * 7) % 70) AS "g ""x""" FROM range(20000) t(i)`;


describe('linked charts: a brush answered from a cube', () => {
  it('gives the same marks as the direct filter query, for brushes whose edges sit on rows', async () => {
    const dir = tempDir();
    const core = await startTestCore(dir.path);
    try {
      await core.dispatch({ type: 'OpenSession' });
      const sessionId = openSessions(core.projections.current.view)[0]!.id;
      const queryId = await startQuery(core, sessionId, SQL);
      const end = await queryEnd(core, sessionId, queryId, 60_000);
      expect(end.type).toBe('QueryCompleted');

      const brushed = chartAnswer(await core.charts.chart({ sessionId, queryId, spec: { mark: 'Histogram', x: 'a ✈', aggregate: 'Count' }, slot: 0 }));
      const step = brushed.brushStep;
      expect(step).toBe(0.1);
      const grid: PageFilter = { column: 1, op: 'ge', value: '40' };
      const others: SingleChartSpec[] = [
        { mark: 'Histogram', x: "b'", aggregate: 'Count' },
        { mark: 'Bar', x: 'g "x"', aggregate: 'Count' },
      ];
      // [4.3, 8.1) and [16.2, 17.7): rows at 4.3, 8.1, 16.2, 17.7 whose floor(a / 0.1) is one bin too low
      for (const [from, to] of [[4.35, 8.05], [16.25, 17.65], [12.3, 45.6], [0, 0.05], [99.85, 100], [70, 80.1]] as const) {
        const { lo, hi } = snapBrush(from, to, step ?? 1);
        for (const spec of others) {
          for (const extra of [[], [grid]] as PageFilter[][]) {
            const brush: PageFilter = { column: 0, op: 'range', lo, hi, chart: 0 };
            const viaCube = chartAnswer(await core.charts.chart({ sessionId, queryId, spec, slot: 1, filter: [...extra, brush] }));
            // the same range, not a chart's brush: answered by filtering the result's rows
            const direct = chartAnswer(await core.charts.chart({ sessionId, queryId, spec, slot: 1, filter: [...extra, { column: 0, op: 'range', lo, hi }] }));
            expect(viaCube.cube, `${spec.mark} [${lo}, ${hi})`).toBe(true);
            expect(direct.cube).toBeUndefined();
            expect(viaCube.columns).toEqual(direct.columns);
            expect(viaCube.rows, `${spec.mark} of ${spec.x} over [${lo}, ${hi}) ${extra.length ? 'and b >= 40' : ''}`).toEqual(direct.rows);
          }
        }
      }
      // the brushed chart itself is not filtered by its own brush
      const own = chartAnswer(await core.charts.chart({ sessionId, queryId, spec: { mark: 'Histogram', x: 'a ✈', aggregate: 'Count' }, slot: 0, filter: [{ column: 0, op: 'range', lo: '1', hi: '2', chart: 0 }] }));
      expect(own.rows).toEqual(brushed.rows);
      // one cube per chart and set of other filters, whatever the brush
      expect(core.charts.counts.cubes).toBe(4);
    } finally {
      await core.close();
      dir.remove();
    }
  }, 120_000);
});
