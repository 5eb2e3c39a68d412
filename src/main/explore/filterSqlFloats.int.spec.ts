import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilterInput } from '../../shared/explore/filterInput';
import { filterCondition } from '../../shared/explore/filterSql';
import { quoteText } from '../../shared/explore/openAsSql';

let instance: DuckDBInstance;
let db: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  await db.run(`CREATE TABLE t AS SELECT CAST(v AS DOUBLE) AS c0, CAST(v AS FLOAT) AS c1 FROM (VALUES ('nan'), ('inf'), ('-inf'), ('1.5'), ('0'), (NULL)) AS s(v)`);
});
afterAll(() => {
  db.closeSync();
  instance.closeSync();
});

/** The values a filter box's text selects, as the grid binds them (main/query/pageView.ts) and as "Open as SQL" writes them (quoted literals). */
async function selected(text: string, column: number, type: string): Promise<{ bound: string[]; literal: string[] }> {
  const parsed = parseFilterInput(text, column, type);
  if (!parsed.ok) throw new Error(parsed.message);
  const params: string[] = [];
  const where = (value: (v: string) => string) => parsed.filters.map((f) => filterCondition(f, `c${column}`, type, value)).join(' AND ');
  const read = async (sql: string, values?: string[]) => ((await db.runAndReadAll(sql, values)).getRowsJS() as string[][]).map((r) => r[0]!).sort();
  const bound = await read(`SELECT c${column}::VARCHAR FROM t WHERE ${where((v) => `$${params.push(v)}`)}`, params);
  const literal = await read(`SELECT c${column}::VARCHAR FROM t WHERE ${where(quoteText)}`);
  return { bound, literal };
}

describe('NaN and infinities typed in a float column’s box, in DuckDB', () => {
  it.each([
    ['nan', ['nan']],
    ['inf', ['inf']],
    ['-inf', ['-inf']],
    ['!=nan', ['-inf', '0.0', '1.5', 'inf']],
    ['>1', ['1.5', 'inf', 'nan']],
    ['-inf..0', ['-inf', '0.0']],
    ['0..<inf', ['0.0', '1.5']],
  ])('given %j, then the rows are the ones DuckDB casts the word to, bound or quoted', async (text, rows) => {
    for (const [column, type] of [[0, 'DOUBLE'], [1, 'FLOAT']] as const) {
      const { bound, literal } = await selected(text, column, type);
      expect(bound).toEqual([...rows].sort());
      expect(literal).toEqual(bound);
    }
  });
});
