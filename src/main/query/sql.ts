/** Quotes an identifier for DuckDB SQL. */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;
/** Quotes a string literal for DuckDB SQL. */
export const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** Results live as tables in their own schema so they survive restarts and page by rowid. */
export const RESULTS_SCHEMA = 'sextant_results';
export const resultTableName = (queryId: string): string => `${RESULTS_SCHEMA}.${ident(`q_${queryId.replaceAll('-', '')}`)}`;
