import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartCube } from '../../shared/chart/chartCube';
import type { SingleChartSpec } from '../../shared/chart/chartSpec';
import { chartSql, type ChartSourceColumn } from '../../shared/chart/chartSql';

/**
 * Values a chart's axis cannot place, against raw DuckDB: NaN and infinities (DOUBLE, DATE,
 * TIMESTAMP) are left out as NULLs are, so one of them does not turn every bin into NaN or stretch a
 * time axis to years; and integers beyond BIGINT (UBIGINT, HUGEINT) get bins instead of an error.
 * 100 rows i = 0…99 plus three rows of non-finite values.
 */
const COLUMNS: readonly ChartSourceColumn[] = [
  { name: 'd', type: 'DOUBLE' },
  { name: 'day', type: 'DATE' },
  { name: 'u', type: 'UBIGINT' },
  { name: 'h', type: 'HUGEINT' },
  { name: 'n', type: 'BIGINT' },
];

describe('chartSql over values an axis cannot place', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS().map((r) => r.map(String));
  const chart = (spec: SingleChartSpec) => rows(chartSql(spec, 't', COLUMNS, { rows: 103 }).sql);

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    await c.run(`CREATE TABLE t AS SELECT i::DOUBLE AS d, DATE '2020-01-01' + i::INTEGER AS day, (i * 1e17)::UBIGINT AS u,
      i::HUGEINT * 100000000000000000000 AS h, i AS n FROM range(100) r(i)`);
    await c.run(`INSERT INTO t VALUES ('nan', 'infinity', NULL, NULL, 1), ('inf', '-infinity', NULL, NULL, 2), ('-inf', NULL, NULL, NULL, 3)`);
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  it('bins a DOUBLE histogram over its finite values, as a GROUP BY of them does', async () => {
    // 0…99 over 40 bins: a nice step of 5
    const expected = await rows(`SELECT (floor(d / 5) * 5)::VARCHAR, ((floor(d / 5) + 1) * 5)::VARCHAR, count(*)::VARCHAR FROM t WHERE isfinite(d) GROUP BY ALL ORDER BY min(d)`);
    expect(await chart({ mark: 'Histogram', x: 'd', aggregate: 'Count' })).toEqual(expected);
    expect(expected).toHaveLength(20);
  });

  it('keeps a time axis to the span of its finite dates', async () => {
    const drawn = await chart({ mark: 'Histogram', x: 'day', aggregate: 'Count' });
    // 100 days: weekly bins from the week of 2020-01-01 (a Monday, 2019-12-30), not years and an 'infinity' bar
    expect(drawn[0]?.slice(0, 2)).toEqual(['2019-12-30 00:00:00', '2020-01-06 00:00:00']);
    expect(drawn).toHaveLength(15);
    expect(drawn.reduce((s, r) => s + Number(r[2]), 0)).toBe(100);
  });

  it('draws every point of a line whose X holds NaN and infinities', async () => {
    const drawn = await chart({ mark: 'Line', x: 'd', y: 'n', aggregate: 'Sum' });
    expect(drawn).toEqual(Array.from({ length: 100 }, (_, i) => [`${i}.0`, String(i)]));
  });

  it('places a heatmap over finite values only', async () => {
    const drawn = await chart({ mark: 'Heatmap', x: 'd', y: 'n', aggregate: 'Count' });
    expect(drawn.every((r) => r.every((x) => !/nan|inf/.test(x)))).toBe(true);
    expect(drawn.reduce((s, r) => s + Number(r[4]), 0)).toBe(100);
  });

  it('bins integers beyond BIGINT', async () => {
    for (const [x, step] of [['u', 5n * 10n ** 17n], ['h', 5n * 10n ** 20n]] as const) {
      const drawn = await chart({ mark: 'Histogram', x, aggregate: 'Count' });
      expect(drawn.map((r) => r[2]), x).toEqual(Array(20).fill('5'));
      // whole numbers: the edges are k × step computed in DOUBLE, as every number bin's are
      expect(drawn.map((r) => Math.round(Number(BigInt(r[0]!)) / Number(step))), x).toEqual(Array.from({ length: 20 }, (_, b) => b));
    }
  });

  it('averages a HUGEINT near its range as a DOUBLE, where avg() overflows', async () => {
    await c.run(`CREATE TABLE big AS SELECT i % 2 AS g, 170141183460469231731687303715884105727::HUGEINT - i AS h FROM range(4) r(i)`);
    await expect(c.run('SELECT g, avg(h) FROM big GROUP BY g')).rejects.toThrow(/out of range|overflow/i);
    const expected = await rows('SELECT g::VARCHAR, favg(h::DOUBLE)::VARCHAR FROM big GROUP BY g ORDER BY g');
    const drawn = await rows(chartSql({ mark: 'Bar', x: 'g', y: 'h', aggregate: 'Average' }, 'big', [{ name: 'g', type: 'BIGINT' }, { name: 'h', type: 'HUGEINT' }]).sql);
    expect(drawn.map((r) => r.slice(0, 2))).toEqual(expected);
    expect(Number(drawn[0]?.[1])).toBeCloseTo(1.7014118346046923e38, -30);
  });

  it('a cube over a DOUBLE with NaN and infinities has the direct query’s bins', async () => {
    const spec: SingleChartSpec = { mark: 'Histogram', x: 'd', aggregate: 'Count' };
    const cube = chartCube(spec, 't', COLUMNS, 'n', 1);
    await c.run(cube.create('cube'));
    const all = await rows(cube.marks('cube', 0, 1000).sql);
    expect(all).toEqual(await chart(spec));
  });
});
