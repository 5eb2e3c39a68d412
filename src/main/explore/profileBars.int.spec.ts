import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileSql, readProfile, type ProfileRequest } from './profileSql';

describe('an integer column’s profile bars', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS() as unknown[][];
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  it('draws an integer column’s bars a whole number of values wide: no empty bar between values the data has', async () => {
    await c.run('CREATE TABLE ints AS SELECT i AS ten, i * 3 - 3 AS thirty FROM range(1, 11) r(i) UNION ALL SELECT NULL, j FROM range(1, 30, 3) s(j)');
    const r: ProfileRequest = { relation: 'ints', columns: ['ten', 'thirty'].map((name) => ({ name, type: 'BIGINT', ref: name })), bins: 20 };
    const [ten, thirty] = readProfile((await rows(profileSql(r)))[0]!, r).columns;
    // 1…10 over 20 bars: one bar a value (0.45 wide, every other bar was empty)
    expect(ten?.kind === 'number' && ten.histogram.map((b) => [Number(b.low), b.count])).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, 1]));
    // 0…28 (29 values) over 20 bars: two values a bar, 15 bars, each counted as raw DuckDB counts it
    if (thirty?.kind !== 'number') throw new Error('thirty is not profiled as a number');
    expect(thirty.histogram).toHaveLength(15);
    for (const [b, bar] of thirty.histogram.entries()) {
      const raw = await rows(`SELECT count(*) FROM ints WHERE thirty >= ${2 * b} AND thirty < ${2 * b + 2}`);
      expect(bar.count, `bar ${b}`).toBe(Number(raw[0]![0]));
    }
  });
});
