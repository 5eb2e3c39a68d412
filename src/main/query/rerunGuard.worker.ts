import { randomUUID } from 'node:crypto';
import { StatementType } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';

/**
 * A result that was not kept is brought back by running its SQL again (resultRerun.ts), which is
 * only safe for SQL that reads: an `INSERT … RETURNING` or a script's `CREATE TABLE` would change
 * data a second time because a person scrolled, travelled back or imported a session. Each statement
 * is checked once prepared, before it runs. SELECTs run (DESCRIBE, SUMMARIZE, SHOW and VALUES are
 * SELECTs to DuckDB), and so do the settings and transactions around them (SET, USE, RESET, SET
 * VARIABLE, BEGIN, COMMIT): they last only for the run, whose connections are then closed
 * (connectionState.worker.ts). Anything else refuses the re-run, nothing of it having run but those.
 * A PIVOT without an IN list is refused too: DuckDB runs it as a CREATE TYPE and then a SELECT, and
 * the CREATE cannot be told from a CREATE TABLE (`expanded`: DuckDB made more statements than the text holds).
 */
export function refuseRerunUnlessRead(type: StatementType, index: number, count: number, expanded: () => boolean): void {
  if (type === StatementType.SELECT || type === StatementType.SET || type === StatementType.VARIABLE_SET || type === StatementType.TRANSACTION) return;
  const name = (StatementType[type] ?? 'unknown').replaceAll('_', ' ');
  const article = /^[AEIOU]/.test(name) ? 'an' : 'a';
  const which = count > 1 ? `statement ${index + 1} of ${count}` : 'it';
  const pivot = expanded() ? ' (DuckDB runs a PIVOT without an IN list as a CREATE TYPE, then a SELECT: with its IN list it is run again)' : '';
  throw new AppErrorException(
    appError(
      randomUUID(),
      'RESULT_NOT_FOUND',
      `This result was not kept, and its SQL is not run again to bring it back: ${which} is ${article} ${name} statement${pivot}, and only SELECTs, with the settings and transactions around them, are run again, so nothing changes data a second time. Run the query again yourself for what it gives now.`,
      { details: { statement: index + 1, statements: count, statementType: name, rerun: 'refused' } },
    ),
  );
}
