/** Quotes an identifier for DuckDB SQL. */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;
/** Quotes a string literal for DuckDB SQL. */
export const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** Results live as tables in their own schema so they survive restarts and page by rowid. */
export const RESULTS_SCHEMA = 'sextant_results';
export const resultTableId = (queryId: string): string => `q_${queryId.replaceAll('-', '')}`;
export const resultTableName = (queryId: string): string => `${RESULTS_SCHEMA}.${ident(resultTableId(queryId))}`;

/** `schema."table"` → [schema, table], undoing ident's quoting. */
export function splitQualified(qualified: string): [string, string] {
  const dot = qualified.indexOf('.');
  return [qualified.slice(0, dot), qualified.slice(dot + 1).replace(/^"|"$/g, '').replaceAll('""', '"')];
}
