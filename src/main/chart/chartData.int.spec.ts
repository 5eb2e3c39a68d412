import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../shared/chart/chartSpec';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { chartAnswer } from '../../../test/support/chartAnswer';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

const HOSTILE = `de"lay ✈ '; DROP TABLE x; --`;
const CATEGORY = `o'rigin "x"`;
/** 10,000 rows: a number 0…96 and one of 61 categories, c0 the most frequent. */
const SQL = `SELECT i % 97 AS "${HOSTILE.replaceAll('"', '""')}", 'c' || (i % 120 * (i % 2)) AS "${CATEGORY.replaceAll('"', '""')}" FROM range(10000) t(i)`;

const sessionOf = (core: TestCore): string => openSessions(core.projections.current.view)[0]!.id;

async function completed(core: TestCore, sessionId: string): Promise<string> {
  const queryId = await startQuery(core, sessionId, SQL);
  const end = await queryEnd(core, sessionId, queryId, 60_000);
  if (end.type !== 'QueryCompleted') throw new Error(`the query did not complete: ${end.type}`);
  return queryId;
}

describe('chartData over a kept result', () => {
  it('draws the marks exactly, over hostile column names, and the chart setting comes back after a restart', async () => {
    const dir = tempDir();
    let core = await startTestCore(dir.path);
    try {
      await core.dispatch({ type: 'OpenSession' });
      const sessionId = sessionOf(core);
      const queryId = await completed(core, sessionId);

      // a histogram: 0…96 over 40 bins is a nice step of 5; counted here in JS, independently of DuckDB
      const histogram: ChartSpec = { mark: 'Histogram', x: HOSTILE, aggregate: 'Count' };
      const drawn = chartAnswer(await core.charts.chart({ sessionId, queryId, spec: histogram }));
      const expected = new Map<number, number>();
      for (let i = 0; i < 10_000; i++) expected.set(Math.floor((i % 97) / 5) * 5, (expected.get(Math.floor((i % 97) / 5) * 5) ?? 0) + 1);
      expect(drawn.rows).toEqual([...expected].map(([lo, n]) => [String(lo), String(lo + 5), String(n)]));
      expect(drawn.columns.map((c) => c.label)).toEqual([`${HOSTILE} from`, `${HOSTILE} to`, 'count']);
      expect(drawn.truncated).toBe(false);

      // bars of a category: the 50 most frequent, then "(other)" with the rest, flagged as the rest (a flag sent only when a bar is the rest)
      const bars = chartAnswer(await core.charts.chart({ sessionId, queryId, spec: { mark: 'Bar', x: CATEGORY, aggregate: 'Count' } }));
      const counts = new Map<string, number>();
      for (let i = 0; i < 10_000; i++) counts.set(`c${(i % 120) * (i % 2)}`, (counts.get(`c${(i % 120) * (i % 2)}`) ?? 0) + 1);
      const ranked = [...counts].sort(([a, n], [b, m]) => m - n || (a < b ? -1 : 1));
      const top = ranked.slice(0, 50);
      const rest = ranked.slice(50).reduce((s, [, n]) => s + n, 0);
      expect(bars.rows).toEqual([...top.map(([k, n]) => [k, String(n), 'false']), ...(rest > 0 ? [['(other)', String(rest), 'true']] : [])]);

      const set = await core.dispatch({ type: 'SetChart', sessionId, queryId, spec: histogram });
      expect(set.ok).toBe(true);
      await core.close();
      core = await startTestCore(dir.path);
      const entry = core.view().sessions[sessionId]!.history.find((h) => h.queryId === queryId);
      expect(entry?.chart).toEqual(histogram);
    } finally {
      await core.close();
      dir.remove();
    }
  }, 120_000);
});
