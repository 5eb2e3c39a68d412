import { resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../shared/explore/columnProfile';
import { ident } from '../query/sql';
import { profileSql, readProfile, sampleFor, type ProfileRequest } from './profileSql';

const FLIGHTS = resolve('node_modules/vega-datasets/data/flights-3m.parquet');

/** A profile's distinct counts (profileAggregates.ts, distinctOf) against raw DuckDB's count(DISTINCT), over all rows or the same sample. */
describe('a profile’s distinct counts are counts, of all rows or of the sample, as raw DuckDB counts them', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  async function rows(sql: string): Promise<unknown[][]> {
    return (await c.runAndReadAll(sql)).getRowsJS() as unknown[][];
  }
  const count = async (sql: string) => Number((await rows(sql))[0]![0]);
  async function profile(relation: string, over: Partial<ProfileRequest> = {}): Promise<{ request: ProfileRequest; columns: readonly ColumnProfile[] }> {
    const described = await rows(`DESCRIBE SELECT * FROM ${relation}`);
    const request: ProfileRequest = { relation, columns: described.map(([name, type]) => ({ name: String(name), type: String(type), ref: String(name) })), ...over };
    return { request, columns: readProfile((await rows(profileSql(request)))[0]!, request).columns };
  }
  /** The rows of `relation` a profile's sample keeps: its clause, the same seed (profileSql.ts). */
  const sampleOf = (relation: string, { rows: n, of }: NonNullable<ProfileRequest['sample']>) => `(SELECT * FROM ${relation} USING SAMPLE ${Math.min(100, (100 * n) / of).toPrecision(12)} PERCENT (bernoulli, 42))`;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    c = await instance.connect();
    await c.run(`CREATE TABLE flights AS SELECT * FROM read_parquet('${FLIGHTS}')`);
    // every value distinct, or nearly: 50,000 rows, more than HyperLogLog's estimate was used for (20,000)
    await c.run(
      `CREATE TABLE many AS SELECT i AS n, i / 7 AS d, 'k' || i AS s, TIMESTAMP '2020-01-01' + to_seconds(i * 13) AS ts, CASE WHEN i % 5 = 0 THEN NULL ELSE i % 30011 END AS m FROM range(50000) t(i)`,
    );
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  it('the defect: flights-3m’s dates, profiled on a sample, read 214,487 distinct (the sample’s estimate), more than the 213,834 all its rows hold; each column is now counted over all rows', async () => {
    const total = await count('SELECT count(*) FROM flights');
    const { columns } = await profile('flights', { sample: sampleFor(total)! });
    for (const p of columns) {
      expect([p.distinct, p.distinctInSample], p.name).toEqual([await count(`SELECT count(DISTINCT ${ident(p.name)}) FROM flights`), undefined]);
      expect(p.sampled, p.name).toBeDefined();
    }
    expect(columns.find((p) => p.name === 'date')!.distinct).toBe(213_834);
  });

  it('given a sample holding more distinct values than are counted over all rows, then they are counted in the sample, exactly, said to be the sample’s, and never above all rows’ count', async () => {
    const sample = sampleFor(await count('SELECT count(*) FROM flights'))!;
    const { columns } = await profile('flights', { sample, exactDistinctValues: 5_000 });
    for (const p of columns) {
      const name = ident(p.name);
      const [whole, inSample] = [await count(`SELECT count(DISTINCT ${name}) FROM flights`), await count(`SELECT count(DISTINCT ${name}) FROM ${sampleOf('flights', sample)}`)];
      // the dates (about 200,000 in the sample) are the sample's; delays, distances and airports (229 at most) all rows'
      if (p.name === 'date') {
        expect([p.distinct, p.distinctInSample], p.name).toEqual([inSample, true]);
        expect(p.distinct, p.name).toBeLessThanOrEqual(whole);
        expect(p.distinct, p.name).toBeLessThanOrEqual(p.sampled!.nonNull);
      } else expect([p.distinct, p.distinctInSample], p.name).toEqual([whole, undefined]);
    }
  });

  it('given a sample of numbers, text and timestamps with many distinct values, then each is the sample’s exact count, NULLs left out', async () => {
    const sample = { rows: 10_000, of: 50_000 };
    const { columns } = await profile('many', { sample, exactDistinctValues: 1_000 });
    for (const p of columns) {
      expect([p.distinct, p.distinctInSample], p.name).toEqual([await count(`SELECT count(DISTINCT ${ident(p.name)}) FROM ${sampleOf('many', sample)}`), true]);
      expect(p.distinct, p.name).toBeLessThanOrEqual(p.sampled!.nonNull);
    }
  });

  it('given all rows profiled, when a column has many distinct values, then they are counted, not estimated (HyperLogLog read 50,000 numbers as 45,115)', async () => {
    const { columns } = await profile('many');
    for (const p of columns) {
      expect([p.distinct, p.distinctInSample, p.sampled], p.name).toEqual([await count(`SELECT count(DISTINCT ${ident(p.name)}) FROM many`), undefined, undefined]);
    }
  });
});
