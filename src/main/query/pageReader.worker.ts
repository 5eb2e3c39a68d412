import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Rows [offset, offset + limit) of a result table as DuckDB's own text, column-major. A result
 * table is only ever appended to by one appender, so its rowids are 0…n-1 in result order and a
 * rowid range is a page (DuckDB skips row groups outside it).
 */
export async function readPage(c: DuckDBConnection, resultTable: string, columnCount: number, offset: number, limit: number): Promise<(string | null)[][]> {
  const cols = Array.from({ length: columnCount }, (_, i) => `c${i}::VARCHAR`).join(', ');
  const result = await c.runAndReadAll(`SELECT ${cols} FROM ${resultTable} WHERE rowid >= ${offset} AND rowid < ${offset + limit} ORDER BY rowid`);
  return result.getColumnsJS() as (string | null)[][];
}

/**
 * SQL for the first `limit` rows of a result table, read inside the transaction that is still
 * appending them. Rows not yet committed have no final rowids, so this relies on DuckDB keeping
 * insertion order for a plain LIMIT (preserve_insertion_order, on by default).
 */
export function headSql(resultTable: string, columnCount: number, limit: number): string {
  const cols = Array.from({ length: columnCount }, (_, i) => `c${i}::VARCHAR`).join(', ');
  return `SELECT ${cols} FROM ${resultTable} LIMIT ${limit}`;
}
