import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartCube } from '../../shared/chart/chartCube';
import type { SingleChartSpec } from '../../shared/chart/chartSpec';
import { chartSql, type ChartSourceColumn } from '../../shared/chart/chartSql';

/**
 * The order of bars, in DuckDB: a number read as categories by value (as Plot and Vega-Lite order
 * ordinal numbers), text most frequent first, the rest last either way. `cyl` has 3, 4, 5, 6 and 8
 * (4 the most frequent, 8 next, 3 the least) and NULL; `n` has 61 values from -10 to 50, 11 of them
 * past the top 50; `d` is a DECIMAL beyond a double's digits; `w` is text (b, then c, then a by count).
 */
const COLUMNS: readonly ChartSourceColumn[] = [
  { name: 'cyl', type: 'INTEGER' },
  { name: 'n', type: 'BIGINT' },
  { name: 'd', type: 'DECIMAL(38,0)' },
  { name: 'w', type: 'VARCHAR' },
  { name: 'v', type: 'DOUBLE' },
];
const TABLE = `CREATE TABLE t AS
  WITH counts AS (SELECT * FROM (VALUES (3, 2), (4, 50), (5, 3), (6, 20), (8, 40), (NULL, 5)) c(cyl, k))
  SELECT cyl, (row_number() OVER () % 61) - 10 AS n, (9007199254740993 - (i % 3))::DECIMAL(38,0) AS d, CASE WHEN cyl = 4 THEN 'b' WHEN cyl = 8 THEN 'c' ELSE 'a' END AS w, i * 1.5 AS v
  FROM counts, range(k) r(i)`;

describe('chartSql: the order of bars', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS().map((r) => r.map((x) => (x === null ? null : String(x))));
  const chart = (spec: SingleChartSpec) => rows(chartSql(spec, 't', COLUMNS, { rows: 1000 }).sql);

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    await c.run(TABLE);
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  it('given a number as bars, then they are in value order (not by count), SQL NULL after the values', async () => {
    const bars = await chart({ mark: 'Bar', x: 'cyl', aggregate: 'Count' });
    expect(bars.map((r) => r[0])).toEqual(['3', '4', '5', '6', '8', null]);
    expect(bars.map((r) => r[1])).toEqual(['2', '50', '3', '20', '40', '5']);
  });

  it('given text as bars, then they stay most frequent first', async () => {
    expect((await chart({ mark: 'Bar', x: 'w', aggregate: 'Count' })).map((r) => r[0])).toEqual(['b', 'c', 'a']);
  });

  it('given more numbers than the top 50, then the 50 shown are in value order (−10 before 1, 9 before 10) and the rest is last', async () => {
    const bars = await chart({ mark: 'Bar', x: 'n', aggregate: 'Count' });
    const values = bars.filter((r) => r[2] === 'false').map((r) => Number(r[0]));
    expect(values).toHaveLength(50);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values[0]).toBeLessThan(0);
    expect(values).not.toEqual([...values].sort());
    expect(bars.at(-1)?.[2]).toBe('true');
  });

  it('given a number with color, then each value’s stacked bars come in value order', async () => {
    const bars = await chart({ mark: 'Bar', x: 'cyl', color: 'w', aggregate: 'Count' });
    expect([...new Set(bars.map((r) => r[0]))]).toEqual(['3', '4', '5', '6', '8', null]);
  });

  it('given a DECIMAL past a double’s digits, then its values are ordered exactly', async () => {
    expect((await chart({ mark: 'Bar', x: 'd', aggregate: 'Count' })).map((r) => r[0])).toEqual(['9007199254740991', '9007199254740992', '9007199254740993']);
  });

  it('given a box plot per number, then its boxes are in value order', async () => {
    expect((await chart({ mark: 'Box', x: 'cyl', y: 'v', aggregate: 'Count' })).map((r) => r[0])).toEqual(['3', '4', '5', '6', '8', null]);
  });

  it('given bars of a number answered from a cube, then they come in the direct query’s order, the rest last', async () => {
    for (const x of ['cyl', 'n', 'w']) {
      const spec: SingleChartSpec = { mark: 'Bar', x, aggregate: 'Count' };
      const cube = chartCube(spec, 't', COLUMNS, 'v', 1);
      await c.run(cube.create('cube'));
      const marks = await rows(cube.marks('cube', 0, 1000).sql);
      expect(marks, x).toEqual(await chart(spec));
      if (x === 'cyl') expect(marks.map((r) => r[0])).toEqual(['3', '4', '5', '6', '8', null]);
    }
  });
});
