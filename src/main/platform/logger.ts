import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { AppError } from '../../shared/contracts/errors';

export type Logger = pino.Logger;

/**
 * Structured JSON lines in <dataDir>/logs/sextant.log. Every line about a failure carries the
 * AppError's id (`errorId`) and the command's `correlationId`, so one grep finds its whole story.
 */
export function createLogger(dataDir: string, options: { level?: string; sync?: boolean } = {}): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  return pino(
    { level: options.level ?? process.env['SEXTANT_LOG_LEVEL'] ?? 'info', base: { pid: process.pid } },
    pino.destination({ dest: join(dir, 'sextant.log'), mkdir: true, sync: options.sync ?? false }),
  );
}

/** For tests and tools that want no log file. */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/** Where a failure happened, for the log line: the command's correlation id first of all. */
export interface FailureContext {
  readonly correlationId?: string;
  readonly [key: string]: unknown;
}

/**
 * One log line for one AppError: its id, code, details and the stack of where it was first seen
 * (its own, or its cause's), plus the context (correlation id, command…). The message is the
 * person-facing one, so the line reads the same as what the UI showed.
 */
export function logAppError(log: Logger, level: 'error' | 'warn' | 'info', error: AppError, context: FailureContext = {}): void {
  const stack = error.stack ?? error.cause?.stack;
  log[level](
    {
      ...context,
      errorId: error.id,
      code: error.code,
      ...(error.details ? { details: error.details } : {}),
      ...(error.cause ? { cause: { code: error.cause.code, message: error.cause.message } } : {}),
      ...(stack ? { stack } : {}),
    },
    error.message,
  );
}
