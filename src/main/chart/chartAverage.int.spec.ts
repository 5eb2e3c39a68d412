import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SingleChartSpec } from '../../shared/chart/chartSpec';
import { chartSql, type ChartSourceColumn } from '../../shared/chart/chartSql';

const MAX = '170141183460469231731687303715884105727';
const MIN = '-170141183460469231731687303715884105728';

/**
 * A chart's Average of integers wider than 64 bits, against raw DuckDB: each group's mark is the
 * exact sum (BIGNUM) over the count, rounded once, as DuckDB's avg gives it where it answers. Group
 * `edges`: 2^127 − 1, −2^127, 0 and 1 (avg 0; as DOUBLEs 0.25); `over`: a HUGEINT sum beyond its
 * range (avg fails); `u`: a UHUGEINT of 2^54 and ten 1s (avg sums DOUBLEs and loses the 1s).
 */
const COLUMNS: readonly ChartSourceColumn[] = [
  { name: 'g', type: 'VARCHAR' },
  { name: 'x', type: 'BIGINT' },
  { name: 'h', type: 'HUGEINT' },
  { name: 'u', type: 'UHUGEINT' },
  { name: 'd', type: 'DECIMAL(38,0)' },
];

describe('a chart’s Average of wide integers, against raw DuckDB', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS().map((r) => r.map((v) => (v === null ? null : String(v))));
  const one = async (sql: string) => (await rows(sql))[0]?.[0];
  const marks = async (spec: SingleChartSpec) => new Map((await rows(chartSql(spec, 't', COLUMNS).sql)).map((r) => [r[0], r[1]]));
  /** The exact mean of column `y` over the rows of group `g`, as a DOUBLE's text. */
  const exact = (y: string, g: string) => one(`SELECT (sum(${y}::${y === 'd' ? 'HUGEINT::' : ''}BIGNUM)::DOUBLE / count(${y}))::VARCHAR FROM t WHERE g = '${g}'`);

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    await c.run(`CREATE TABLE t (g VARCHAR, x BIGINT, h HUGEINT, u UHUGEINT, d DECIMAL(38,0))`);
    await c.run(`INSERT INTO t VALUES ('edges', 1, ${MAX}, 1, 99999999999999999999999999999999999999), ('edges', 1, ${MIN}, 1, -99999999999999999999999999999999999998),
      ('edges', 1, 0, 1, 0), ('edges', 1, 1, 1, NULL), ('over', 2, ${MAX}, 1, 1), ('over', 2, ${MAX}, 1, 1), ('over', 2, -3, 1, 1)`);
    await c.run(`INSERT INTO t SELECT 'u', 8, 1, CASE WHEN i = 0 THEN ${2n ** 54n} ELSE 1 END, 1 FROM range(11) r(i)`);
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  it('given 2^127 − 1, −2^127, 0 and 1, when the bars average them, then the bar is avg’s 0 (it was 0.25: each value rounded to a DOUBLE first)', async () => {
    expect(await one(`SELECT avg(h)::VARCHAR FROM t WHERE g = 'edges'`)).toBe('0.0');
    expect((await marks({ mark: 'Bar', x: 'g', y: 'h', aggregate: 'Average' })).get('edges')).toBe('0.0');
  });

  it('given a HUGEINT sum beyond its range, when averaged, then the bar is the exact sum over the count, where avg fails', async () => {
    await expect(rows(`SELECT avg(h) FROM t WHERE g = 'over'`)).rejects.toThrow(/Overflow in HUGEINT addition/);
    expect((await marks({ mark: 'Bar', x: 'g', y: 'h', aggregate: 'Average' })).get('over')).toBe(await exact('h', 'over'));
  });

  it('given a UHUGEINT of 2^54 and ten 1s, when averaged, then the bar is the exact mean, not avg’s sum of DOUBLEs', async () => {
    const bar = (await marks({ mark: 'Bar', x: 'g', y: 'u', aggregate: 'Average' })).get('u');
    expect(bar).toBe(await exact('u', 'u'));
    expect(bar).toBe(String((2 ** 54 + 10) / 11));
  });

  it('given a DECIMAL(38,0) near its edges summing to 1, when averaged, then the bar is the exact 1/3 (as DOUBLEs it read 0)', async () => {
    expect((await marks({ mark: 'Bar', x: 'g', y: 'd', aggregate: 'Average' })).get('edges')).toBe(await exact('d', 'edges'));
  });

  it('given a line of Averages over x, then each vertex is the exact mean of its x’s rows (x = 1 holds the edges: 0, not 0.25)', async () => {
    const line = await rows(chartSql({ mark: 'Line', x: 'x', y: 'h', aggregate: 'Average' }, 't', COLUMNS).sql);
    expect(line[0]).toEqual(['1', '0.0']);
    expect(line.map((r) => r[1])).toEqual(await rows(`SELECT (sum(h::BIGNUM)::DOUBLE / count(h))::VARCHAR FROM t GROUP BY x ORDER BY x`).then((r) => r.map((v) => v[0])));
  });
});
