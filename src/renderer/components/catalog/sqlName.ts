import { DUCKDB_KEYWORDS } from '../editor/duckdbDialect';

/** A dataset name as SQL: bare when it is a plain identifier, quoted when it is a keyword (`select.csv`). */
export function sqlName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !DUCKDB_KEYWORDS.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
