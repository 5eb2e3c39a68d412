import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from '../../src/shared/contracts/protocol';

/**
 * Raw DuckDB, outside the app, in a fresh in-memory instance: the rows of `sql` as DuckDB's own text,
 * what a page must hold. Statements before the last `;;` run first (a COPY making a file, a SET).
 */
export async function rawTextRows(sql: string): Promise<(string | null)[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    const statements = sql.split(';;');
    for (const s of statements.slice(0, -1)) await c.run(s);
    return (await c.runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM (${statements.at(-1)!})`)).getRowsJS() as (string | null)[][];
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

/** A page's rows, row-major (pages are column-major on the wire). */
export const rowsOf = (p: Page): (string | null)[][] => Array.from({ length: p.values[0]?.length ?? 0 }, (_, r) => p.values.map((c) => c[r] ?? null));
