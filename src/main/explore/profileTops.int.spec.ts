import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileSql, readProfile, type ProfileRequest } from './profileSql';

/** A sample's most frequent values counted over all rows (profileTops.ts), and an INTERVAL's range, against raw DuckDB. */
describe('a profile’s most frequent values and an INTERVAL’s range, as raw DuckDB counts them', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  async function rows(sql: string): Promise<unknown[][]> {
    return (await c.runAndReadAll(sql)).getRowsJS() as unknown[][];
  }
  async function one(sql: string): Promise<unknown> {
    return (await rows(sql))[0]![0];
  }
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  it('counts a sample\'s most frequent values over all rows: exact, in order, and "other" the exact rest', async () => {
    // 500 values of 400 rows each (every one equally frequent), and 500 of 300 + j rows (all different, close):
    // a sample's counts scaled up were always too high for the first and out of order for the second
    await c.run(
      `CREATE TABLE even AS SELECT 'k' || (i % 500) AS k, CASE WHEN i % 9 = 0 THEN NULL ELSE 'x' END AS note FROM range(200000) r(i)`,
    );
    await c.run(`CREATE TABLE close AS SELECT 'v' || lpad(j::VARCHAR, 3, '0') AS v FROM range(500) a(j), range(300 + j) b(i)`);
    const even: ProfileRequest = { relation: 'even', columns: [{ name: 'k', type: 'VARCHAR', ref: 'k' }, { name: 'note', type: 'VARCHAR', ref: 'note' }], sample: { rows: 40_000, of: 200_000 } };
    const [k, note] = readProfile((await rows(profileSql(even)))[0]!, even).columns;
    expect(k!.kind === 'categorical' && k!.top.map((t) => t.count)).toEqual(Array(10).fill(400));
    // ties by the value's text
    expect(k!.kind === 'categorical' && k!.top.map((t) => t.value)).toEqual(k!.kind === 'categorical' && k!.top.map((t) => t.value).sort());
    expect(k!.kind === 'categorical' && k!.other).toBe(200_000 - 10 * 400);
    expect(note).toMatchObject({ top: [{ value: 'x', count: 200_000 - Math.ceil(200_000 / 9) }], other: 0 });

    const total = Number(await one('SELECT count(*) FROM close'));
    const close: ProfileRequest = { relation: 'close', columns: [{ name: 'v', type: 'VARCHAR', ref: 'v' }], sample: { rows: 40_000, of: total } };
    const v = readProfile((await rows(profileSql(close)))[0]!, close).columns[0]!;
    if (v.kind !== 'categorical') throw new Error('v is text');
    const exact = await rows(`SELECT v, count(*) FROM close WHERE v IN (${v.top.map((t) => `'${t.value}'`).join(', ')}) GROUP BY v ORDER BY count(*) DESC, v`);
    expect(v.top).toEqual(exact.map(([value, n]) => ({ value, count: Number(n) })));
    expect(v.other).toBe(total - v.top.reduce((sum, t) => sum + t.count, 0));
  });

  it('gives an INTERVAL its min and max, sampled or not, beside its most frequent values', async () => {
    await c.run(`CREATE TABLE spans AS SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE to_seconds(i % 997) + to_months(i % 3) END AS span FROM range(200000) r(i)`);
    const [min, max] = (await rows('SELECT min(span)::VARCHAR, max(span)::VARCHAR FROM spans'))[0]!;
    for (const sample of [undefined, { rows: 40_000, of: 200_000 }]) {
      const r: ProfileRequest = { relation: 'spans', columns: [{ name: 'span', type: 'INTERVAL', ref: 'span' }], ...(sample ? { sample } : {}) };
      const [span] = readProfile((await rows(profileSql(r)))[0]!, r).columns;
      expect(span, JSON.stringify(sample)).toMatchObject({ kind: 'categorical', min, max, nulls: 20_000 });
    }
    // other categorical columns have none
    const flags: ProfileRequest = { relation: '(SELECT i % 3 = 0 AS flag FROM range(10) r(i))', columns: [{ name: 'flag', type: 'BOOLEAN', ref: 'flag' }] };
    expect(readProfile((await rows(profileSql(flags)))[0]!, flags).columns[0]).not.toHaveProperty('min');
  });
});
