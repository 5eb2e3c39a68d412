import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../shared/explore/columnProfile';
import { profileSql, readProfile, type ProfileRequest } from './profileSql';

const MB = 1_000_000;
const cut = (text: string) => ({ value: `${text}…`, cut: true });

/** A profile's most frequent values cut to 1,000 characters in DuckDB (profileTops.ts), counted whole. */
describe('a profile of long text values, cut for the card and counted whole', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS() as unknown[][];
  const categorical = (p: ColumnProfile | undefined) => {
    if (p?.kind !== 'categorical') throw new Error('expected a text column');
    return p;
  };

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    // four 1 MB values of 50 rows each, alike in all but their last character
    await c.run(`CREATE TABLE huge AS SELECT repeat('x', ${MB}) || (i % 4)::VARCHAR AS v FROM range(200) t(i)`);
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  it.each([
    ['every row', undefined],
    ['a sample', { rows: 100, of: 200 }],
  ])('sends 200 rows of 1 MB values profiled over %s as a few KB: four values cut at 1,000 characters, each counted apart', async (_, sample) => {
    const request: ProfileRequest = { relation: 'huge', columns: [{ name: 'v', type: 'VARCHAR', ref: 'v' }], ...(sample ? { sample } : {}) };
    const batch = readProfile((await rows(profileSql(request)))[0]!, request);
    const v = categorical(batch.columns[0]);
    const raw = await rows('SELECT count(*)::INTEGER FROM huge GROUP BY v ORDER BY v');
    expect(raw).toEqual([[50], [50], [50], [50]]);
    expect(v.top).toEqual(raw.map(([count]) => ({ ...cut('x'.repeat(1000)), count })));
    expect(v.other).toBe(0);
    expect(v.distinct).toBe(4);
    // what main sends the window: 4 MB whole, about 4 KB cut
    expect(JSON.stringify(batch).length).toBeLessThan(10_000);
  });

  it('cuts at 1,000 characters, not UTF-16 units or bytes, and leaves a value of 1,000 whole and unmarked', async () => {
    const values = [
      ['y', 1000],
      ['z', 1001],
      ['🦆', 1001],
    ] as const;
    const relation = `(SELECT unnest([${values.map(([ch, n]) => `repeat('${ch}', ${n})`).join(', ')}]) AS v, unnest([3, 2, 1]) AS r FROM range(1)), range(r)`;
    const request: ProfileRequest = { relation: `(SELECT v FROM ${relation})`, columns: [{ name: 'v', type: 'VARCHAR', ref: 'v' }] };
    const v = categorical(readProfile((await rows(profileSql(request)))[0]!, request).columns[0]);
    expect(v.top).toEqual([
      { value: 'y'.repeat(1000), count: 3 },
      { ...cut('z'.repeat(1000)), count: 2 },
      { ...cut('🦆'.repeat(1000)), count: 1 },
    ]);
  });
});
