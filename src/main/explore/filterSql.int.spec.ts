import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilterInput } from '../../shared/explore/filterInput';
import { filterCondition } from '../../shared/explore/filterSql';

/** Instants around the end of March 2001, which in New York is also the night clocks went forward. */
const INSTANTS = [
  '2001-02-28 23:59:59.999999',
  '2001-03-01 00:00:00',
  '2001-03-31 00:00:00',
  '2001-03-31 12:00:00',
  '2001-03-31 23:59:59.999999',
  '2001-04-01 00:00:00',
  '2001-04-01 00:00:00.000001',
  '2001-04-01 03:00:00',
];
const TYPES = ['TIMESTAMP', 'TIMESTAMP_NS', 'TIMESTAMP WITH TIME ZONE', 'DATE'];

let instance: DuckDBInstance;
let db: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  // a session time zone other than UTC: a TIMESTAMPTZ's day is the session's day
  await db.run(`SET TimeZone = 'America/New_York'`);
  await db.run(`CREATE TABLE t AS SELECT ${TYPES.map((type, i) => `CAST(v AS ${type}) AS c${i}`).join(', ')} FROM (VALUES ${INSTANTS.map((v) => `('${v}')`).join(', ')}) AS s(v)`);
});
afterAll(() => {
  db.closeSync();
  instance.closeSync();
});

/** Rows the box's text selects, its values bound as the app binds them (main/query/pageView.ts). */
async function typed(text: string, column: number): Promise<number> {
  const parsed = parseFilterInput(text, column, TYPES[column]!);
  if (!parsed.ok) throw new Error(parsed.message);
  const params: string[] = [];
  const where = parsed.filters.map((f) => filterCondition(f, `c${column}`, TYPES[column]!, (v) => `$${params.push(v)}`)).join(' AND ');
  const reader = await db.runAndReadAll(`SELECT count(*)::INTEGER FROM t WHERE ${where}`, params);
  return reader.getRowsJS()[0]![0] as number;
}

async function oracle(where: string): Promise<number> {
  const reader = await db.runAndReadAll(`SELECT count(*)::INTEGER FROM t WHERE ${where}`);
  return reader.getRowsJS()[0]![0] as number;
}

describe('a date alone as a range’s high end, in DuckDB', () => {
  it.each(TYPES.map((type, i) => [type, i] as const))('on %s includes that whole day, and the other bounds mean what they say', async (_, i) => {
    const c = `c${i}`;
    expect(await typed('2001-03-01..2001-03-31', i)).toBe(await oracle(`${c} >= '2001-03-01' AND ${c} < '2001-04-01'`));
    expect(await typed('<=2001-03-31', i)).toBe(await oracle(`${c} < '2001-04-01'`));
    expect(await typed('>2001-03-31', i)).toBe(await oracle(`${c} >= '2001-04-01'`));
    expect(await typed('2001-03-01..<2001-04-01', i)).toBe(await oracle(`${c} >= '2001-03-01' AND ${c} < '2001-04-01'`));
  });

  it('counts the rows of March on a TIMESTAMP: the last day whole, April’s first instant out', async () => {
    expect(await typed('2001-03-01..2001-03-31', 0)).toBe(4);
    expect(await typed('<=2001-03-31', 0) + (await typed('>2001-03-31', 0))).toBe(INSTANTS.length);
  });

  it.each([0, 1, 2])('keeps a value typed with a time as that instant (column %i)', async (i) => {
    const c = `c${i}`;
    expect(await typed('2001-03-01..2001-03-31 12:00:00', i)).toBe(await oracle(`${c} >= '2001-03-01' AND ${c} <= '2001-03-31 12:00:00'`));
    expect(await typed('<=2001-03-31 00:00:00', i)).toBe(await oracle(`${c} <= '2001-03-31 00:00:00'`));
    expect(await typed('>2001-03-31 00:00', i)).toBe(await oracle(`${c} > '2001-03-31 00:00:00'`));
  });
});
