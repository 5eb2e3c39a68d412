import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { chartLeftOutNote } from '../../shared/chart/chartLeftOut';
import type { ChartDataRequest } from '../../shared/chart/chartData';
import { chartAnswer } from '../../../test/support/chartAnswer';
import { useTestSession } from '../../../test/support/useTestSession';

/**
 * The profile's rule in a chart: a DOUBLE of 1, 2, NaN, Infinity and NULL (under a name to quote)
 * in two groups. Bars of each aggregate but Count, and a box, are raw DuckDB's over the finite
 * values, and the chart counts the 2 values left out.
 */
const SQL = `SELECT * FROM (VALUES ('a', 1::DOUBLE), ('a', 'nan'::DOUBLE), ('b', 2::DOUBLE), ('b', 'inf'::DOUBLE), ('b', NULL::DOUBLE)) AS t(g, "x ""v""")`;
const X = 'x "v"';

describe('a chart of a DOUBLE holding NaN and Infinity', () => {
  const { core, sessionId, run } = useTestSession('all');

  it('aggregates its finite values as raw DuckDB does, and says 1 NaN, 1 inf left out', async () => {
    const raw = await (await DuckDBInstance.create(':memory:')).connect();
    await raw.run(`CREATE TABLE t AS SELECT g, "x ""v""" AS x FROM (${SQL})`);
    const rawOf = async (sql: string) => (await raw.runAndReadAll(sql)).getRowsJS().map((r) => r.map((v) => (v === null ? null : Number(v))));
    try {
      const { queryId, end } = await run(SQL);
      expect(end.type).toBe('QueryCompleted');
      const columns = end.type === 'QueryCompleted' ? end.payload.columns : [];
      const chart = async (request: Omit<ChartDataRequest, 'sessionId' | 'queryId'>) => chartAnswer(await core().charts.chart({ sessionId: sessionId(), queryId, ...request }));

      for (const aggregate of ['Sum', 'Average', 'Median', 'Min', 'Max'] as const) {
        const fn = { Sum: 'sum', Average: 'avg', Median: 'median', Min: 'min', Max: 'max' }[aggregate];
        const bars = await chart({ spec: { mark: 'Bar', x: 'g', y: X, aggregate } });
        const value = bars.columns.findIndex((c) => c.role === 'value');
        const drawn = bars.rows.map((r) => [r[0], Number(r[value])]).sort();
        const expected = (await rawOf(`SELECT ${fn}(x) FILTER (WHERE isfinite(x)) FROM t GROUP BY g ORDER BY g`)).map((r, i) => [['a', 'b'][i], r[0]]);
        expect(drawn, aggregate).toEqual(expected);
        expect(bars.leftOut, aggregate).toEqual({ nan: 1, inf: 1, negInf: 0 });
      }
      const average = await chart({ spec: { mark: 'Bar', x: 'g', y: X, aggregate: 'Average' } });
      expect(chartLeftOutNote(average.leftOut, average.spec, columns)).toBe('1 NaN, 1 inf left out of the average of x "v".');

      // a box of the finite values: 1 to 2, neither NaN nor inf
      const box = await chart({ spec: { mark: 'Box', x: X, aggregate: 'Count' } });
      const [lo, hi] = (await rawOf('SELECT min(x) FILTER (WHERE isfinite(x)), max(x) FILTER (WHERE isfinite(x)) FROM t'))[0] ?? [];
      expect(box.rows.map((r) => [Number(r[0]), Number(r[4])])).toEqual([[lo, hi]]);
      expect(box.leftOut).toEqual({ nan: 1, inf: 1, negInf: 0 });

      // a Count counts rows: nothing is left out, nothing is said
      const counts = await chart({ spec: { mark: 'Bar', x: 'g', y: X, aggregate: 'Count' } });
      expect(counts.leftOut).toBeUndefined();
      // the grid's filter narrows the count
      const filtered = await chart({ spec: { mark: 'Bar', x: 'g', y: X, aggregate: 'Average' }, slot: 1, filter: [{ column: 0, op: 'eq', value: 'b' }] });
      expect(filtered.leftOut).toEqual({ nan: 0, inf: 1, negInf: 0 });
    } finally {
      raw.closeSync();
    }
  });
});
