import { formatDialect, duckdb } from 'sql-formatter';

/** Formats DuckDB SQL, keeping the person's keyword case. Throws on text the formatter cannot parse. */
export const formatSql = (sql: string): string => formatDialect(sql, { dialect: duckdb, keywordCase: 'preserve', tabWidth: 2 });
