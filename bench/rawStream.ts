import type { DuckDBConnection } from '@duckdb/node-api';

/** Runs `sql` as the app's worker runs a query's statement: prepared, then streamed chunk by chunk. */
export async function streamAll(c: DuckDBConnection, sql: string): Promise<void> {
  const statement = await c.prepare(sql);
  try {
    const result = await statement.stream();
    while (await result.fetchChunk()) {
      // the rows are not the point: DuckDB computing them is
    }
  } finally {
    statement.destroySync();
  }
}
