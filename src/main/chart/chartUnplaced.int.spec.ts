import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { ChartDataRequest } from '../../shared/chart/chartData';
import { chartAnswer } from '../../../test/support/chartAnswer';
import { useTestSession } from '../../../test/support/useTestSession';

/**
 * A chart says how many rows it could not place, counted as raw DuckDB counts them: 1,000 rows of a
 * DOUBLE `d` (NaN every 7th, +inf every 11th, NULL every 13th), an integer `n` (NULL every 17th) and
 * a text `t` (NULL every 19th); the rows a grid filter keeps are counted, a brush is not.
 */
const SQL = `SELECT CASE WHEN i % 7 = 0 THEN 'nan'::DOUBLE WHEN i % 11 = 0 THEN 'inf'::DOUBLE WHEN i % 13 = 0 THEN NULL ELSE i / 10 END AS d,
  CASE WHEN i % 17 = 0 THEN NULL ELSE i END AS n, CASE WHEN i % 19 = 0 THEN NULL ELSE 'k' || (i % 5) END AS t FROM range(1000) r(i)`;

describe('a chart counts the rows it does not draw', () => {
  const { core, sessionId, run } = useTestSession('all');

  it('matches raw DuckDB for a histogram, a scatter and bars, with a grid filter and a brush', async () => {
    const raw = await (await DuckDBInstance.create(':memory:')).connect();
    await raw.run(`CREATE TABLE r AS ${SQL}`);
    const count = async (where: string) => Number((await raw.runAndReadAll(`SELECT count(*) FROM r WHERE ${where}`)).getRowsJS()[0]?.[0]);
    try {
      const { queryId, end } = await run(SQL);
      expect(end.type).toBe('QueryCompleted');
      const chart = async (request: Omit<ChartDataRequest, 'sessionId' | 'queryId'>) => chartAnswer(await core().charts.chart({ sessionId: sessionId(), queryId, ...request }));

      const histogram = await chart({ spec: { mark: 'Histogram', x: 'd', aggregate: 'Count' } });
      const notFinite = await count('NOT isfinite(d) OR d IS NULL');
      expect(notFinite).toBeGreaterThan(200);
      expect(histogram.unplaced).toBe(notFinite);
      // what is drawn and what is not add up to every row
      expect(histogram.rows.reduce((s, r) => s + Number(r[2]), 0) + notFinite).toBe(1000);

      const scatter = await chart({ spec: { mark: 'Heatmap', x: 'n', y: 't', aggregate: 'Count' } });
      expect(scatter.unplaced).toBe(await count('n IS NULL OR t IS NULL'));

      // bars draw NULL as a bar: nothing is left out, and nothing is said
      const bars = await chart({ spec: { mark: 'Bar', x: 't', aggregate: 'Count' } });
      expect(bars.unplaced).toBeUndefined();

      // bars of a date bin it as a histogram does, leaving out rows with no day: counted too
      await raw.run(`CREATE TABLE days AS SELECT CASE WHEN k % 9 = 0 THEN NULL ELSE DATE '2024-01-01' + k::INTEGER END AS day FROM range(50) r(k)`);
      const { queryId: daysId } = await run('SELECT CASE WHEN k % 9 = 0 THEN NULL ELSE DATE \'2024-01-01\' + k::INTEGER END AS day FROM range(50) r(k)');
      const dayBars = chartAnswer(await core().charts.chart({ sessionId: sessionId(), queryId: daysId, spec: { mark: 'Bar', x: 'day', aggregate: 'Count' } }));
      const noDay = Number((await raw.runAndReadAll('SELECT count(*) FROM days WHERE day IS NULL')).getRowsJS()[0]?.[0]);
      expect(dayBars.unplaced).toBe(noDay);
      expect(dayBars.rows.reduce((s, r) => s + Number(r.at(-1)), 0) + noDay).toBe(50);

      // the grid's filter narrows the count; another chart's brush does not
      const gridFilter = { column: 1, op: 'lt', value: '500' } as const;
      const filtered = await chart({ spec: { mark: 'Histogram', x: 'd', aggregate: 'Count' }, slot: 1, filter: [gridFilter] });
      expect(filtered.unplaced).toBe(await count('(NOT isfinite(d) OR d IS NULL) AND n < 500'));
      const brushed = await chart({ spec: { mark: 'Histogram', x: 'd', aggregate: 'Count' }, slot: 1, filter: [gridFilter, { column: 1, op: 'range', lo: '0', hi: '100', chart: 0 }] });
      expect(brushed.unplaced).toBe(filtered.unplaced);
    } finally {
      raw.closeSync();
    }
  });
});
