import { randomUUID } from 'node:crypto';
import { ResultReturnType, StatementType, type DuckDBPreparedStatement, type DuckDBResult } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { countText } from '../../shared/text/counts';

/**
 * Whether a streamed result that has stopped giving rows stopped because DuckDB failed. node-api
 * 1.5 reads a fetch that failed part-way (an `error()`, a cast that fails at row 2.5M) as the end
 * of the rows, an empty chunk, and does not expose `duckdb_result_error`; but the C API then calls
 * the result's type INVALID. Unchecked, such a run was stored as complete with the rows before it.
 */
export const endedInFailure = (result: DuckDBResult): boolean => result.returnType === ResultReturnType.INVALID;

/**
 * DuckDB's own words for a stream that failed part-way: a SELECT is run again, materialized, on
 * the same connection (a cancel still interrupts it), where its failure throws with its message.
 * Anything else is not run twice (a failed `INSERT … RETURNING` could insert the second time), nor
 * is a SELECT that succeeds the second time (it is not deterministic) said as more than what is known.
 */
export async function streamFailure(statement: DuckDBPreparedStatement, rowsBefore: number): Promise<unknown> {
  if (statement.statementType === StatementType.SELECT) {
    try {
      await statement.run();
    } catch (e) {
      return e;
    }
  }
  return new AppErrorException(
    appError(
      randomUUID(),
      'SQL_ERROR',
      `DuckDB stopped this query with an error after ${countText(rowsBefore, 'row')}, and its words for it could not be read (running it again did not fail the same way, or it may change data). Nothing was kept; run it again.`,
      { details: { rowsBefore } },
    ),
  );
}
