import { randomUUID } from 'node:crypto';
import { StatementType } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';

/**
 * A result that was not kept is brought back by running its SQL again (resultRerun.ts), which is
 * only safe for SQL that reads: an `INSERT … RETURNING` or a script's `CREATE TABLE` would change
 * data a second time because a person scrolled, travelled back or imported a session. Each statement
 * is checked once prepared, before it runs; anything but a SELECT (DESCRIBE, SUMMARIZE, SHOW and
 * VALUES are SELECTs to DuckDB) refuses the re-run, and nothing of it has been run but SELECTs.
 */
export function refuseRerunUnlessRead(type: StatementType, index: number, count: number): void {
  if (type === StatementType.SELECT) return;
  const name = (StatementType[type] ?? 'unknown').replaceAll('_', ' ');
  const article = /^[AEIOU]/.test(name) ? 'an' : 'a';
  const which = count > 1 ? `statement ${index + 1} of ${count}` : 'it';
  throw new AppErrorException(
    appError(
      randomUUID(),
      'RESULT_NOT_FOUND',
      `This result was not kept, and its SQL is not run again to bring it back: ${which} is ${article} ${name} statement, not a SELECT, and could change data a second time. Run the query again yourself for what it gives now.`,
      { details: { statement: index + 1, statements: count, statementType: name } },
    ),
  );
}
