import { AppErrorException, type AppError } from '../../src/shared/contracts/errors';

/** The AppError `fn` throws; a test fails if it throws something else or nothing. */
export function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppErrorException) return e.error;
    throw e;
  }
  throw new Error('expected a refusal (an AppError), and nothing was thrown');
}
