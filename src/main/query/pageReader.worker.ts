import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { MAX_PAGE_CHARS } from '../../shared/contracts/limits';
import { grouped } from '../../shared/text/counts';
import { pageCharsSql, pageSql } from './pageSql.worker';

/** What readPage reads of DuckDB's materialized result: its chunks, column by column, value by value. */
export interface PageChunks {
  readonly chunkCount: number;
  getChunk(index: number): { readonly rowCount: number; getColumnVector(column: number): { getItem(row: number): unknown } };
}

/**
 * Rows [offset, offset + limit) of a result table as DuckDB's own text, column-major; refused past
 * MAX_PAGE_CHARS of text. The rows stay in DuckDB's memory until read: values are taken one by one
 * and the reading stops at the first past the budget, so a refused page is never built in JS.
 */
export async function readPage(c: DuckDBConnection, resultTable: string, columnCount: number, offset: number, limit: number): Promise<(string | null)[][]> {
  const columns = pageColumns(await c.run(pageSql(resultTable, columnCount, offset, limit)), columnCount);
  if (columns) return columns;
  // Only for the refusal: DuckDB sums the text it would have sent, so the message says how much.
  const total = await c.runAndReadAll(pageCharsSql(resultTable, columnCount, offset, limit));
  // Code points, where the budget counts UTF-16 units (two for an emoji): never said to be under it.
  const chars = Math.max(Number(total.getRows()[0]?.[0] ?? 0), MAX_PAGE_CHARS + 1);
  const megabytes = (n: number) => `${grouped(Math.ceil(n / (1024 * 1024)))} MB`;
  throw new AppErrorException(
    appError(randomUUID(), 'PAYLOAD_TOO_LARGE', `These rows hold ${megabytes(chars)} of text, more than a page can carry (${megabytes(MAX_PAGE_CHARS)}): select fewer or shorter columns, e.g. left(col, 1000).`),
  );
}

/** The page's columns as text, or undefined as soon as their text passes `budget` UTF-16 units. */
export function pageColumns(result: PageChunks, columnCount: number, budget = MAX_PAGE_CHARS): (string | null)[][] | undefined {
  const columns: (string | null)[][] = Array.from({ length: columnCount }, () => []);
  let chars = 0;
  for (let k = 0; k < result.chunkCount; k++) {
    const chunk = result.getChunk(k);
    for (let col = 0; col < columnCount; col++) {
      const vector = chunk.getColumnVector(col);
      const out = columns[col]!;
      for (let row = 0; row < chunk.rowCount; row++) {
        const value = vector.getItem(row) as string | null;
        if (value !== null && (chars += value.length) > budget) return undefined;
        out.push(value);
      }
    }
  }
  return columns;
}

/** The text a page carries, in UTF-16 units: what MAX_PAGE_CHARS bounds. */
export function pageChars(columns: readonly (readonly (string | null)[])[]): number {
  let n = 0;
  for (const column of columns) for (const value of column) n += value?.length ?? 0;
  return n;
}
