import { StatementType } from '@duckdb/node-api';

/**
 * Whether a statement can leave state on its connection that the next run on it would inherit:
 * an open or aborted transaction (BEGIN), a setting (SET, USE, RESET, SET VARIABLE), a TEMP table,
 * view, macro or secret (CREATE), a PRAGMA, a prepared statement. A run slot is reused by whichever
 * session runs next, so a `BEGIN` in one tab made every query in every tab fail once a statement
 * had aborted it; a slot that ran one is closed instead of reused (duckdb.worker.ts). Listed are
 * the types that cannot: anything else, a newer DuckDB's too, counts as leaving state. A function
 * with state of its own is the exception no statement type shows: `SELECT setseed(0.5)` seeds the
 * connection's random() for whichever run comes next on it.
 */
export function leavesConnectionState(type: StatementType): boolean {
  switch (type) {
    case StatementType.SELECT:
    case StatementType.INSERT:
    case StatementType.UPDATE:
    case StatementType.DELETE:
    case StatementType.MERGE_INTO:
    case StatementType.EXPLAIN:
    case StatementType.ALTER:
    case StatementType.DROP:
    case StatementType.COPY:
    case StatementType.COPY_DATABASE:
    case StatementType.EXPORT:
    case StatementType.ANALYZE:
    case StatementType.VACUUM:
      return false;
    default:
      return true;
  }
}
