import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { MAX_PAGE_CHARS } from '../../shared/contracts/limits';
import { grouped } from '../../shared/text/counts';
import { pageSql } from './pageSql.worker';

/** Rows [offset, offset + limit) of a result table as DuckDB's own text, column-major; refused past MAX_PAGE_CHARS of text. */
export async function readPage(c: DuckDBConnection, resultTable: string, columnCount: number, offset: number, limit: number): Promise<(string | null)[][]> {
  const result = await c.runAndReadAll(pageSql(resultTable, columnCount, offset, limit));
  const columns = result.getColumnsJS() as (string | null)[][];
  const chars = pageChars(columns);
  if (chars > MAX_PAGE_CHARS) {
    const megabytes = (n: number) => `${grouped(Math.ceil(n / (1024 * 1024)))} MB`;
    throw new AppErrorException(
      appError(randomUUID(), 'PAYLOAD_TOO_LARGE', `These rows hold ${megabytes(chars)} of text, more than a page can carry (${megabytes(MAX_PAGE_CHARS)}): select fewer or shorter columns, e.g. left(col, 1000).`),
    );
  }
  return columns;
}

/** The text a page carries, in UTF-16 units: what MAX_PAGE_CHARS bounds. */
export function pageChars(columns: readonly (readonly (string | null)[])[]): number {
  let n = 0;
  for (const column of columns) for (const value of column) n += value?.length ?? 0;
  return n;
}
