import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SingleChartSpec } from '../../shared/chart/chartSpec';
import { chartSql, LINE_TIME_BINS, type ChartSourceColumn } from '../../shared/chart/chartSql';

/**
 * A line over time in DuckDB (docs/charts.md, the SQL per mark): a minute-level timestamp with
 * 300,000 distinct instants over about 347 days (as flights-3m's 213k) is drawn as one vertex per
 * day, each raw DuckDB's average of that day; a line over few instants keeps every one of them.
 */
const COLUMNS: readonly ChartSourceColumn[] = [
  { name: 'ts', type: 'TIMESTAMP' },
  { name: 'day', type: 'DATE' },
  { name: 'delay', type: 'INTEGER' },
  { name: 'origin', type: 'VARCHAR' },
];

describe('chartSql: a line over a timestamp of very many instants', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS().map((r) => r.map(String));
  const line = (spec: Omit<SingleChartSpec, 'mark'>, relation = 't', filter?: string) => rows(chartSql({ mark: 'Line', ...spec }, relation, COLUMNS, filter ? { filter } : {}).sql);

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    // i × 7919 mod 500,000 minutes: 300,000 distinct instants (7919 is prime to 500,000) spread over 347 days
    await c.run(`CREATE TABLE t AS SELECT TIMESTAMP '2001-01-01' + to_minutes((i * 7919) % 500000) AS ts,
      DATE '2001-01-01' + (i % 1000)::INTEGER AS day, (hash(i) % 200)::INTEGER - 50 AS delay, ['SFO', 'ORD', 'LAX'][i % 3 + 1] AS origin FROM range(300000) r(i)`);
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  it('given 300,000 distinct minutes, when charted as a line of average delay, then it has one vertex per day: raw DuckDB’s average of that day', async () => {
    const expected = await rows(`SELECT date_trunc('day', ts)::VARCHAR, avg(delay)::VARCHAR FROM t GROUP BY 1 ORDER BY 1`);
    expect(expected.length).toBeGreaterThan(300);
    expect(expected.length).toBeLessThanOrEqual(LINE_TIME_BINS);
    expect(await line({ x: 'ts', y: 'delay', aggregate: 'Average' })).toEqual(expected);
  });

  it('given a filter, when charted, then the days still come from every row and each holds only the kept rows’ average', async () => {
    const expected = await rows(`SELECT date_trunc('day', ts)::VARCHAR, avg(delay)::VARCHAR FROM t WHERE origin = 'SFO' GROUP BY 1 ORDER BY 1`);
    expect(await line({ x: 'ts', y: 'delay', aggregate: 'Average' }, 't', `origin = 'SFO'`)).toEqual(expected);
  });

  it('given a color, when charted, then each series has a vertex per day with its count', async () => {
    const expected = await rows(`SELECT date_trunc('day', ts)::VARCHAR, origin, count(*)::VARCHAR, 'false' FROM t GROUP BY ALL ORDER BY 2, 1`);
    expect(await line({ x: 'ts', color: 'origin', aggregate: 'Count' })).toEqual(expected);
  });

  it('given at most 1,000 distinct instants, when charted, then every instant is a vertex; given 1,001 days, then weeks', async () => {
    const exact = await rows(`SELECT day::TIMESTAMP::VARCHAR, sum(delay)::VARCHAR FROM t GROUP BY 1 ORDER BY 1`);
    expect(exact).toHaveLength(1000);
    expect(await line({ x: 'day', y: 'delay', aggregate: 'Sum' })).toEqual(exact);
    await c.run(`CREATE TABLE t2 AS SELECT * FROM t UNION ALL (SELECT ts, DATE '2001-01-01' + 1000, 7, 'SFO' FROM t LIMIT 1)`);
    const weeks = await rows(`SELECT date_trunc('week', day)::TIMESTAMP::VARCHAR, sum(delay)::VARCHAR FROM t2 GROUP BY 1 ORDER BY 1`);
    expect(weeks).toHaveLength(143);
    expect(await line({ x: 'day', y: 'delay', aggregate: 'Sum' }, 't2')).toEqual(weeks);
  });
});
