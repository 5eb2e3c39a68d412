import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SERIALIZE_SQL } from './sql';

/**
 * A connection of its own for parsing, opened on first use: a query's inputs are read beside its
 * run, and must not wait behind catalog work on the admin connection (a big Arrow conversion).
 */
let parser: Promise<DuckDBConnection> | undefined;

/** DuckDB's parse tree of `sql` as JSON (`{"error": true, …}` for what it cannot serialize). */
export async function parseTree(instance: DuckDBInstance, sql: string): Promise<string> {
  parser ??= instance.connect();
  const reader = await (await parser).runAndReadAll(SERIALIZE_SQL, [sql]);
  return String(reader.getRowObjectsJS()[0]?.['tree'] ?? '');
}
