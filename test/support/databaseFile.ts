import { DuckDBInstance } from '@duckdb/node-api';

/** Runs `statements` in a new DuckDB database file at `path`, with raw DuckDB, outside the app. */
export async function writeDatabaseFile(path: string, ...statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  try {
    for (const s of statements) await c.run(s);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}
