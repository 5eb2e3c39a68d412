import { appError, type AppError } from '../../shared/contracts/errors';
import { newErrorId } from '../platform/ids';

/** A run's time limit: once it passes, `stop` is called and `error` says why the run ended. */
export interface QueryTimeout {
  /** The TIMEOUT error once the limit passed, else undefined. */
  error(): AppError | undefined;
  clear(): void;
}

/** Arms a time limit of `ms` for one run; no limit when `ms` is undefined. */
export function armQueryTimeout(ms: number | undefined, stop: () => void): QueryTimeout {
  let timedOut: AppError | undefined;
  const timer =
    ms === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = appError(newErrorId(), 'TIMEOUT', `The query ran longer than ${limitText(ms)} and was stopped.`);
          stop();
        }, ms);
  return { error: () => timedOut, clear: () => clearTimeout(timer) };
}

const limitText = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);
