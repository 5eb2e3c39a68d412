import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/testCore';
import { profileSql, readProfile, type ProfileRequest } from './profileSql';

const MAX = '170141183460469231731687303715884105727';
const MIN = '(-170141183460469231731687303715884105728)';

describe('the mean of a HUGEINT column, against raw DuckDB', () => {
  const dir = tempDir('sextant-profile-mean-');
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS() as unknown[][];
  const one = async (sql: string) => (await rows(sql))[0]![0];
  async function meanOf(values: string, type = 'HUGEINT'): Promise<{ profiled: string | null; duckdb: unknown }> {
    await c.run(`CREATE OR REPLACE TABLE h AS SELECT x::${type} AS x FROM (VALUES ${values.split(', ').map((v) => `(${v})`).join(', ')}) t(x)`);
    const request: ProfileRequest = { relation: 'h', columns: [{ name: 'x', type, ref: 'x' }], bins: 4 };
    const [p] = readProfile((await rows(profileSql(request)))[0]!, request).columns;
    if (p?.kind !== 'number') throw new Error('x is not profiled as a number');
    // DuckDB's own mean, where its HUGEINT sum does not overflow; else the exact sum (BIGNUM) over the count
    const duckdb = await one(`SELECT (sum(x::${type.startsWith('DECIMAL') ? 'HUGEINT::' : ''}BIGNUM)::DOUBLE / count(x))::VARCHAR FROM h`);
    return { profiled: p.mean, duckdb };
  }

  beforeAll(async () => {
    instance = await DuckDBInstance.create(join(dir.path, 'mean.duckdb'));
    c = await instance.connect();
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
    dir.remove();
  });

  it('given 2^127 − 1, −2^127, 0 and 1, then the mean is 0, as DuckDB’s avg says (it was 0.25: each value rounded to a DOUBLE first)', async () => {
    const values = `${MAX}, ${MIN}, 0, 1`;
    const { profiled } = await meanOf(values);
    const avg = await one(`SELECT avg(x)::VARCHAR FROM h`);
    expect(avg).toBe('0.0');
    expect(Number(profiled)).toBe(0);
  });

  it('given values past 2^53 apart by ones, then the mean is DuckDB’s avg to the digit', async () => {
    const values = ['1000000000000000000000000000001', '1000000000000000000000000000002', '1000000000000000000000000000003', '-999999999999999999999999999999'].join(', ');
    const { profiled } = await meanOf(values);
    const avg = await one(`SELECT avg(x)::VARCHAR FROM h`);
    expect(profiled).toBe(avg);
  });

  it('given values whose HUGEINT sum overflows (DuckDB’s avg fails), then the mean is the exact sum over the count', async () => {
    const values = `${MAX}, ${MAX}, -3`;
    const { profiled, duckdb } = await meanOf(values);
    await expect(rows('SELECT avg(x) FROM h')).rejects.toThrow(/Overflow in HUGEINT addition/);
    expect(profiled).toBe(duckdb);
  });

  it('given a DECIMAL(38,0) near its edges summing to 1, then the mean is the exact one, 1/3 (as DOUBLEs both ends were 1e38, and it read 0)', async () => {
    const { profiled, duckdb } = await meanOf('99999999999999999999999999999999999999, -99999999999999999999999999999999999998, 0', 'DECIMAL(38,0)');
    expect(profiled).toBe(duckdb);
    expect(Number(profiled)).toBeCloseTo(1 / 3, 15);
  });

  it('given a UHUGEINT of 2^54 and ten 1s, then the mean is the exact sum over the count (DuckDB’s avg sums DOUBLEs, each 1 lost beside 2^54)', async () => {
    const { profiled, duckdb } = await meanOf(`${2n ** 54n}, ${Array(10).fill('1').join(', ')}`, 'UHUGEINT');
    expect(await one(`SELECT avg(x)::VARCHAR FROM h`)).not.toBe(duckdb);
    expect(profiled).toBe(duckdb);
    expect(profiled).toBe(String((2 ** 54 + 10) / 11));
  });

  it('given −2^127 alone, then the mean is −2^127 (its high half’s sum, −2^63, times 2^64 failed the query as an overflow)', async () => {
    const { profiled, duckdb } = await meanOf(MIN);
    expect(await one(`SELECT avg(x)::VARCHAR FROM h`)).toBe(duckdb);
    expect(profiled).toBe(duckdb);
  });

  it('given only NULLs, then there is no mean', async () => {
    expect((await meanOf('NULL, NULL')).profiled).toBeNull();
  });
});
