import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Raw DuckDB, outside the app: the oracle the end-to-end tests check what the screen shows against.
 * Returns rows of DuckDB's own text for each cell, as the grid shows them.
 */
export async function duckdbRows(sql: string): Promise<(string | null)[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM (${sql})`);
    return reader.getRowsJS() as (string | null)[][];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
