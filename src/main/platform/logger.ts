import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON lines in <dataDir>/logs/sextant.log. Every line about a failure carries the
 * AppError's id (`errorId`) and the command's `correlationId`, so one grep finds its whole story.
 */
export function createLogger(dataDir: string, options: { level?: string } = {}): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  return pino(
    { level: options.level ?? process.env['SEXTANT_LOG_LEVEL'] ?? 'info', base: { pid: process.pid } },
    pino.destination({ dest: join(dir, 'sextant.log'), mkdir: true, sync: false }),
  );
}

/** For tests and tools that want no log file. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
