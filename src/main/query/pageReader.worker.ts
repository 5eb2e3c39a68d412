import type { DuckDBConnection } from '@duckdb/node-api';
import { pageSql } from './pageSql.worker';

/** Rows [offset, offset + limit) of a result table as DuckDB's own text, column-major. */
export async function readPage(c: DuckDBConnection, resultTable: string, columnCount: number, offset: number, limit: number): Promise<(string | null)[][]> {
  const result = await c.runAndReadAll(pageSql(resultTable, columnCount, offset, limit));
  return result.getColumnsJS() as (string | null)[][];
}
