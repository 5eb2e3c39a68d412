import { randomUUID } from 'node:crypto';
import { ResultReturnType, StatementType, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBResult } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { countText } from '../../shared/text/counts';
import { withoutWrapper } from './queryErrors.worker';

/**
 * Whether a streamed result that has stopped giving rows stopped because DuckDB failed. node-api
 * 1.5 reads a fetch that failed part-way (an `error()`, a cast that fails at row 2.5M) as the end
 * of the rows, an empty chunk, and does not expose `duckdb_result_error`; but the C API then calls
 * the result's type INVALID. Unchecked, such a run was stored as complete with the rows before it.
 */
export const endedInFailure = (result: DuckDBResult): boolean => result.returnType === ResultReturnType.INVALID;

/** The table a failed SELECT is run into again for DuckDB's words; dropped at once. */
const FAILURE_TABLE = '__sextant_stream_failure';

/**
 * DuckDB's own words for a stream that failed part-way: a SELECT is run again on the same connection
 * (a cancel still interrupts it) into a TEMP table, which DuckDB's buffer manager holds within its
 * memory limit and may spill (run materialized, the rows before the failure were held in memory
 * outside it: 1.8 GB for a 6M-row query under a 1 GB limit), and its failure throws with its message.
 * `text` is the statement's own text, when the script splits as DuckDB split it. Anything else is
 * not run twice (a failed `INSERT … RETURNING` could insert the second time), nor is a SELECT that
 * succeeds the second time (it is not deterministic) said as more than what is known.
 */
export async function streamFailure(c: DuckDBConnection, statement: DuckDBPreparedStatement, text: string | undefined, rowsBefore: number): Promise<unknown> {
  if (statement.statementType === StatementType.SELECT && text !== undefined) {
    try {
      await c.run(`CREATE OR REPLACE TEMP TABLE ${FAILURE_TABLE} AS ${text}`);
    } catch (e) {
      // a statement DuckDB runs but will not take after CREATE … AS (a DESCRIBE) says nothing of the failure
      if (!(e instanceof Error) || !withoutWrapper(e.message).startsWith('Parser Error')) return e;
    } finally {
      await c.run(`DROP TABLE IF EXISTS ${FAILURE_TABLE}`).catch(() => undefined);
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
