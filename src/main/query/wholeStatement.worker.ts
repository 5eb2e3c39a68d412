import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { statementSpans } from '../../shared/sql/statementSpans';
import { writesGuard } from './dataDirGuard.worker';

/** Past this many characters a text is split by DuckDB without first being tokenized here: a long script is rarely one statement. */
const WHOLE_MAX_CHARS = 64 * 1024;

/**
 * A text of one statement prepared whole: one DuckDB call, where splitting it first
 * (`extractStatements`) and preparing its part took two, ~0.5 ms more before a query's first page.
 * Undefined when the text is not plainly one statement, or DuckDB will not prepare it whole: it makes
 * several of a PIVOT without IN, and a parse or bind error is left for the split to report as it
 * always has (with its position, and which statement failed). The data folder's guard runs first,
 * as before every prepare: DuckDB's binder already creates an EXPORT's folder.
 */
export async function preparedWhole(conn: DuckDBConnection, sql: string, protectedDir: string | undefined): Promise<DuckDBPreparedStatement | undefined> {
  if (sql.length > WHOLE_MAX_CHARS || statementSpans(sql).length !== 1) return undefined;
  await writesGuard(sql, 1, protectedDir)(conn, 0);
  return conn.prepare(sql).catch(() => undefined);
}
