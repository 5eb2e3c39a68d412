import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilterInput } from '../../shared/explore/filterInput';
import { filterCondition } from '../../shared/explore/filterSql';
import { columnTypeName } from '../query/columnTypeName.worker';

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
  'infinity',
  '-infinity',
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

describe('the ends of time, as the grid shows them', () => {
  it('finds infinity and -infinity on every date and timestamp type', async () => {
    for (let i = 0; i < TYPES.length; i++) {
      expect(await typed('=infinity', i)).toBe(await oracle(`c${i} = 'infinity'`));
      expect(await typed('=infinity', i)).toBe(1);
      expect(await typed('!=-infinity', i)).toBe(INSTANTS.length - 1);
    }
  });
});

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

describe('= and != with a date alone on a timestamp, in DuckDB', () => {
  it.each(TYPES.map((type, i) => [type, i] as const))('on %s is that whole day, or the rest', async (_, i) => {
    const c = `c${i}`;
    expect(await typed('2001-03-31', i)).toBe(await oracle(`${c} >= '2001-03-31' AND ${c} < '2001-04-01'`));
    expect(await typed('=2001-03-31', i)).toBe(await oracle(`${c} >= '2001-03-31' AND ${c} < '2001-04-01'`));
    expect(await typed('!=2001-03-31', i)).toBe(await oracle(`${c} < '2001-03-31' OR ${c} >= '2001-04-01'`));
  });

  it('finds the three rows of March 31 on a TIMESTAMP, where = used to find its midnight only', async () => {
    expect(await typed('=2001-03-31', 0)).toBe(3);
    expect(await typed('=2001-03-31 12:00:00', 0)).toBe(1);
  });
});

describe('JSON, ENUM, INTERVAL and UNION columns, as DuckDB names and orders them', () => {
  const other = { db: undefined as unknown as DuckDBConnection, types: [] as string[] };
  beforeAll(async () => {
    other.db = await instance.connect();
    await other.db.run(`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`);
    await other.db.run(`CREATE TABLE k (j JSON, m mood, i INTERVAL, u UNION(num INTEGER, str VARCHAR))`);
    await other.db.run(`INSERT INTO k VALUES ('{"a": 1}', 'sad', INTERVAL 2 DAY, 42::INTEGER), ('"hello"', 'happy', INTERVAL 1 HOUR, 'hello'), ('[1, 2]', 'ok', INTERVAL 1 MONTH, 7::INTEGER), (NULL, NULL, NULL, NULL)`);
    // the type names a result column carries (main/query/columnTypeName.worker.ts): JSON by its alias
    const reader = await other.db.runAndReadAll('SELECT j AS c0, m AS c1, i AS c2, u AS c3 FROM k');
    other.types = reader.columnTypes().map(columnTypeName);
  });
  afterAll(() => other.db.closeSync());

  async function rows(text: string, column: number): Promise<number> {
    const type = other.types[column]!;
    const parsed = parseFilterInput(text, column, type);
    if (!parsed.ok) throw new Error(parsed.message);
    const params: string[] = [];
    const where = parsed.filters.map((f) => filterCondition(f, `c${column}`, type, (v) => `$${params.push(v)}`)).join(' AND ');
    const reader = await other.db.runAndReadAll(`SELECT count(*)::INTEGER FROM (SELECT j AS c0, m AS c1, i AS c2, u AS c3 FROM k) WHERE ${where}`, params);
    return reader.getRowsJS()[0]![0] as number;
  }
  const count = async (where: string) => ((await other.db.runAndReadAll(`SELECT count(*)::INTEGER FROM k WHERE ${where}`)).getRowsJS()[0]![0] as number);

  it('compares a JSON document by its text: != hello is every document, = "hello" the one', async () => {
    expect(other.types[0]).toBe('JSON');
    expect(await rows('!=hello', 0)).toBe(await count(`CAST(j AS VARCHAR) <> 'hello'`));
    expect(await rows('!=hello', 0)).toBe(3);
    expect(await rows('=hello', 0)).toBe(0);
    expect(await rows('="hello"', 0)).toBe(1);
    expect(await rows('=[1, 2]', 0)).toBe(1);
    expect(await rows('hell', 0)).toBe(1);
  });

  it('orders an ENUM as declared (sad < ok < happy), not as its text', async () => {
    expect(other.types[1]).toBe("ENUM('sad', 'ok', 'happy')");
    // DuckDB compares an ENUM with a VARCHAR as text (`m > 'sad'` holds no row): the value is cast to the ENUM
    expect(await count(`m > 'sad'`)).toBe(0);
    expect(await rows('>sad', 1)).toBe(await count(`m > 'sad'::mood`));
    expect(await rows('>sad', 1)).toBe(2);
    expect(await rows('<happy', 1)).toBe(2);
    expect(await rows('sad..ok', 1)).toBe(2);
    expect(await rows('ok..<happy', 1)).toBe(1);
    expect(await rows('=ok', 1)).toBe(1);
  });

  it('compares a UNION by the text the grid shows: = 42 is the num 42, not a str member TRY_CAST makes of it', async () => {
    expect(other.types[3]).toBe('UNION("num" INTEGER, "str" VARCHAR)');
    expect(await count(`CAST(u AS VARCHAR) = '42'`)).toBe(1);
    expect(await rows('=42', 3)).toBe(1);
    expect(await rows('!=42', 3)).toBe(2);
    expect(await rows('=hello', 3)).toBe(1);
    expect(await rows('hell', 3)).toBe(1);
  });

  it('orders an INTERVAL by its length', async () => {
    expect(await rows('>1 day', 2)).toBe(await count(`i > INTERVAL 1 DAY`));
    expect(await rows('>1 day', 2)).toBe(2);
    expect(await rows('<=2 days', 2)).toBe(2);
    expect(await rows('1 hour..<2 days', 2)).toBe(1);
    expect(await rows('>=01:00:00', 2)).toBe(3);
  });
});
