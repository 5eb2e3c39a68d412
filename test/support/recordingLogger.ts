import pino from 'pino';
import type { Logger } from '../../src/main/platform/logger';

/**
 * A logger that keeps the error lines it is given (from `level` up): a real core logs a failing bus
 * listener instead of throwing, so a test that expects none reads them here.
 */
export function recordingLogger(level: 'error' | 'info' = 'error'): { log: Logger; errors: string[] } {
  const errors: string[] = [];
  const log = pino({ level }, { write: (line: string) => void errors.push(line) });
  return { log, errors };
}
