import type { AppError, Result } from '../../shared/contracts/errors';
import { logAppError, type FailureContext, type Logger } from './logger';

/**
 * Logs a failure a read (a chart, a pivot, a profile) answers a window with, so the id its "Copy id"
 * hands out is found in the log, at a query failure's level: a crashed worker is an error, anything
 * else a warning. An interrupted read (cancelled, replaced by a newer one, shut down) is no failure:
 * the window never shows it as one, so it is not logged.
 */
function logAnsweredFailure(log: Logger, error: AppError, context: FailureContext = {}): void {
  if (error.code !== 'INTERRUPTED') logAppError(log, error.code === 'WORKER_CRASHED' ? 'error' : 'warn', error, context);
}

/**
 * `answer`, its failure logged beside it (logAnsweredFailure), not before it: the caller sees the
 * answer as soon as it would without the log, and a rejection stays the caller's.
 */
export function withFailureLogged<T>(log: Logger, answer: Promise<Result<T>>, context: FailureContext): Promise<Result<T>> {
  void answer.then((r) => r.ok || logAnsweredFailure(log, r.error, context), () => undefined);
  return answer;
}
