import { join } from 'node:path';
import pino from 'pino';
import type { AppError } from '../../shared/contracts/errors';
import { fileSize, LOG_FILE, logDir, logFileProblem, rotateLogFiles } from './logFiles';

export type Logger = pino.Logger;

export interface LoggerOptions {
  readonly level?: string;
  readonly sync?: boolean;
  /** The live file is rotated once it reaches this size (default 10 MiB)… */
  readonly maxBytes?: number;
  /** …and this many rotated files are kept (default 4), so the log never takes more than (keep + 1) × maxBytes. */
  readonly keep?: number;
  /** Where a failure to write the log itself is reported (once): there is no log to write it to. */
  readonly onWriteError?: (error: Error) => void;
  /** Where the lines go when the log file cannot be kept at all (default: stderr). */
  readonly fallback?: pino.DestinationStream;
  /** Where that is said, once (default: a line on stderr). */
  readonly warn?: (text: string) => void;
}

export const DEFAULT_LOG_MAX_BYTES = 10 * 2 ** 20;
export const DEFAULT_LOG_KEEP = 4;
/** Lines waiting for a disk that refuses them (full) are dropped past this, rather than growing memory. */
const MAX_PENDING_LOG_BYTES = 16 * 2 ** 20;

/**
 * Structured JSON lines in <dataDir>/logs/sextant.log. Every line about a failure carries the
 * AppError's id (`errorId`) and the command's `correlationId`, so one grep finds its whole story.
 * A data folder that cannot be used is refused before the logger is made (`usableDataDir`); a log
 * file that cannot be kept there (`logs` is a file, a read-only `logs` folder) is said once, naming
 * it and why, and the lines go to stderr instead: the app runs on without its file.
 *
 * Rotated by size, at start and while running (counted from the bytes written, no polling):
 * `sextant.log` → `sextant.1.log` → … → `sextant.<keep>.log`, the oldest deleted. A log that cannot
 * be written (a full disk) never takes the app down: the failure is reported once through
 * `onWriteError` (stderr by default) and lines beyond a bounded backlog are dropped.
 */
export function createLogger(dataDir: string, options: LoggerOptions = {}): Logger {
  const dir = logDir(dataDir);
  const file = join(dir, LOG_FILE);
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_LOG_KEEP;
  const settings = { level: options.level ?? process.env['SEXTANT_LOG_LEVEL'] ?? 'info', base: { pid: process.pid } };
  const problem = logFileProblem(dir);
  if (problem !== undefined) {
    (options.warn ?? ((text) => process.stderr.write(`${text}\n`)))(`Sextant cannot keep its log in ${file}: ${problem}. It logs to stderr instead.`);
    return pino(settings, options.fallback ?? stderrDestination());
  }
  let reported = false;
  const report = (e: Error): void => {
    if (reported) return;
    reported = true;
    (options.onWriteError ?? ((err) => process.stderr.write(`Sextant cannot write its log ${file}: ${err.message}\n`)))(e);
  };
  try {
    if (fileSize(file) >= maxBytes) rotateLogFiles(dir, keep);
  } catch (e) {
    // The file still takes lines (it opened above): a rotation refused is said once, like a full disk.
    report(e as Error);
  }

  const destination = pino.destination({ dest: file, mkdir: true, sync: options.sync ?? false, maxLength: MAX_PENDING_LOG_BYTES });
  let written = fileSize(file);
  destination.on('write', (n: number) => {
    written += n;
    if (written < maxBytes) return;
    written = 0;
    try {
      rotateLogFiles(dir, keep);
      destination.reopen();
    } catch (e) {
      destination.emit('error', e);
    }
  });
  // (SonicBoom's typings omit `fd`, which is -1 until the file is open.)
  const opened = (): boolean => (destination as unknown as { fd: number }).fd >= 0;
  // A file whose open failed stays unopened, and SonicBoom would then hand every later line to
  // fs.write(-1), which throws in whoever logged: drop those lines instead.
  let unopened = false;
  const write = destination.write.bind(destination);
  destination.write = (data: string) => (unopened ? true : write(data));
  // Without a listener, SonicBoom's 'error' (EFBIG, ENOSPC, EIO…) would be thrown and end the process.
  // While writes fail (ENOSPC), a flush at exit would retry the refused write forever, blocking
  // the thread, so a stop could never end: it is skipped until a write goes through again.
  let failing = false;
  destination.on('write', () => (failing = false));
  destination.on('error', (e: Error) => {
    if (!opened()) unopened = true;
    failing = true;
    report(e);
  });
  // pino flushes synchronously at process exit; a file that never opened has nothing to flush, and
  // SonicBoom would throw "not ready" there, turning an unwritable log into a crash on the way out;
  // a file whose writes fail would hang the exit instead (above).
  const flushSync = destination.flushSync.bind(destination);
  destination.flushSync = () => {
    if (opened() && !failing) flushSync();
  };
  return pino(settings, destination);
}

/** Lines on stderr, written at once; a stderr that is gone (a closed pipe) drops them rather than ending the process. */
function stderrDestination(): pino.DestinationStream {
  const destination = pino.destination({ dest: 2, sync: true });
  destination.on('error', () => undefined);
  return destination;
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
