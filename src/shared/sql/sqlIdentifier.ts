import { RESERVED_KEYWORDS } from './duckdbWords';

/**
 * DuckDB's reserved and type_function keywords (`duckdb_keywords()`, generated): written bare, one
 * of these is read as syntax (`select order`, `from left`) or a literal (`true`, `null`), never as a name.
 */
export const NOT_A_NAME: ReadonlySet<string> = new Set(RESERVED_KEYWORDS.split(/\s+/).filter(Boolean));

/** True when `name` can be typed in SQL as it is and reads the same lower-cased: what a new dataset's name is made to be (datasetName.ts). */
export const isBareName = (name: string): boolean => /^[a-z_][a-z0-9_]*$/.test(name) && !NOT_A_NAME.has(name);

/** An identifier, always quoted with `"` doubled: names with spaces, quotes, emoji or keywords stay names. The one quoting of a name in SQL. */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * A table or column name as the editor inserts it: bare when DuckDB reads it as that name (identifiers
 * are case-insensitive, so `Miles_per_Gallon` stays bare), otherwise double-quoted with `"` doubled.
 */
export function sqlIdentifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !NOT_A_NAME.has(name.toLowerCase()) ? name : quoteIdent(name);
}
