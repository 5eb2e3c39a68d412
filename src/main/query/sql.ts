import { CELL_CHARS } from '../../shared/explore/cellChars';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';

/** Quotes a string literal for DuckDB SQL. */
export const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** Results live as tables in their own schema so they survive restarts and page by rowid. */
export const RESULTS_SCHEMA = 'sextant_results';
export const resultTableId = (queryId: string): string => `q_${queryId.replaceAll('-', '')}`;
export const resultTableName = (queryId: string): string => `${RESULTS_SCHEMA}.${quoteIdent(resultTableId(queryId))}`;

/** `schema."table"` → [schema, table], undoing quoteIdent's quoting. */
export function splitQualified(qualified: string): [string, string] {
  const dot = qualified.indexOf('.');
  return [qualified.slice(0, dot), qualified.slice(dot + 1).replace(/^"|"$/g, '').replaceAll('""', '"')];
}

/**
 * DuckDB's parser, by its full name: a macro of the person's named `json_serialize_sql` would
 * otherwise answer instead, and could call a write a query (to the history guard, to a preview).
 * `serializedSql(expr)` is its tree of an expression's SQL text; `SERIALIZE_SQL` asks for one
 * script's tree (column `tree`), the script bound as `$1`, never spliced in.
 */
export const serializedSql = (expr: string): string => `system.main.json_serialize_sql(${expr})`;
export const SERIALIZE_SQL = `SELECT ${serializedSql('$1::VARCHAR')} AS tree`;

/**
 * A text expression as a grid cell draws it, cut in DuckDB to CELL_CHARS characters and "…", so a
 * long value is never read into JS or sent whole (a profile's frequent values, a preview's cells).
 */
export const cellCutSql = (text: string): string => `CASE WHEN length(${text}) > ${CELL_CHARS} THEN left(${text}, ${CELL_CHARS}) || '…' ELSE ${text} END`;
