import type { AppError } from '../../shared/contracts/errors';

/**
 * DuckDB's failure of one statement of a script. The worker runs the statements one by one, so it
 * knows which one failed; DuckDB's text does not say (and for a later statement often has no
 * "LINE n" either), so the number travels with the failure to where it is put in words.
 */
export class StatementFailure extends Error {
  constructor(
    override readonly cause: unknown,
    /** 1-based, as a person counts them. */
    readonly statement: number,
    readonly statements: number,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * `e`, thrown while statement `index` (0-based) of `count` ran, as that statement's failure. One
 * statement needs no number; a cancel or a failure of Sextant's own (an AppErrorException) is not
 * the statement's, and one already numbered stays as it is.
 */
export function ofStatement(e: unknown, index: number, count: number): unknown {
  return count > 1 && e instanceof Error && e.constructor === Error ? new StatementFailure(e, index + 1, count) : e;
}

/**
 * The failure in words: "Statement 2 of 3: Catalog Error: …", with the numbers in its details
 * (`statement`, `statements`) for the editor, which underlines that statement when DuckDB gives no
 * position.
 */
export function saidOfStatement(error: AppError, failure: StatementFailure): AppError {
  const { statement, statements } = failure;
  return { ...error, message: `Statement ${statement} of ${statements}: ${error.message}`, details: { ...error.details, statement, statements } };
}
