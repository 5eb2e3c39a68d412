import type { AppError } from '../../shared/contracts/errors';
import { logAppError, type FailureContext, type Logger } from './logger';

/**
 * Logs a failure a read (a chart, a pivot, a profile) answers a window with, so the id its "Copy id"
 * hands out is found in the log, at a query failure's level: a crashed worker is an error, anything
 * else a warning. An interrupted read (cancelled, replaced by a newer one, shut down) is no failure:
 * the window never shows it as one, so it is not logged.
 */
export function logAnsweredFailure(log: Logger, error: AppError, context: FailureContext = {}): void {
  if (error.code !== 'INTERRUPTED') logAppError(log, error.code === 'WORKER_CRASHED' ? 'error' : 'warn', error, context);
}
