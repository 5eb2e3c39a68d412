import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** The SQL that asks DuckDB's parser for a script's tree; the script is bound, never spliced in. */
const SERIALIZE_SQL = 'SELECT system.main.json_serialize_sql($1::VARCHAR) AS tree';

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
