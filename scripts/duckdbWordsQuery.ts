// What DuckDB says its words are; shared by the generator and the spec that checks its output.
import type { DuckDBConnection } from '@duckdb/node-api';

export interface DuckdbWords {
  readonly version: string;
  readonly reserved: string[];
  readonly unreserved: string[];
  readonly functions: string[];
  readonly types: string[];
}

const names = async (connection: DuckDBConnection, sql: string): Promise<string[]> => (await connection.runAndReadAll(sql)).getRowsJS().map(([name]) => String(name));

export async function duckdbWords(connection: DuckDBConnection): Promise<DuckdbWords> {
  const [version = 'unknown'] = await names(connection, 'SELECT version()');
  const keywords = (category: string) => names(connection, `SELECT DISTINCT lower(keyword_name) FROM duckdb_keywords() WHERE ${category} ORDER BY 1`);
  return {
    version,
    // what a table or column name cannot be unquoted: reserved words and those of types and functions
    // (`semi`, `asof`); column_name keywords (`bigint`, `between`) can name a table
    reserved: await keywords(`keyword_category IN ('reserved', 'type_function')`),
    unreserved: await keywords(`keyword_category IN ('unreserved', 'column_name')`),
    // plain names only: operators ('+', '~~') are no words to complete
    functions: await names(connection, `SELECT DISTINCT lower(function_name) FROM duckdb_functions() WHERE regexp_full_match(function_name, '[a-z_][a-z0-9_]*') ORDER BY 1`),
    types: await names(connection, `SELECT DISTINCT lower(type_name) FROM duckdb_types() WHERE regexp_full_match(type_name, '[A-Za-z_][A-Za-z0-9_]*') ORDER BY 1`),
  };
}
