import { dirname } from 'node:path';
import { AppErrorException, appError, type AppError } from '../../shared/contracts/errors';
import { isNotWritableCode, notWritableMessage, writeRefusal } from '../platform/dataDir';

/**
 * SQLite's failures, as a person can act on them. better-sqlite3 throws SqliteError with SQLite's
 * extended code (`SQLITE_CORRUPT_INDEX`, `SQLITE_IOERR_FSYNC`…); the prefix says what happened.
 */
function sqliteCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

const isCorrupt = (code: string): boolean => code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
const isLocked = (code: string): boolean => code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');

function causeOf(e: unknown): { code?: string; message: string; stack?: string } {
  const code = sqliteCode(e);
  const message = e instanceof Error ? e.message : String(e);
  return { ...(code ? { code } : {}), message, ...(e instanceof Error && e.stack ? { stack: e.stack } : {}) };
}

/**
 * Why the store at `path` cannot be opened. Every message says the file was left as it was.
 * `refused` is the OS's reason the file or its folder cannot be written (EROFS…), asked only when
 * SQLite's own says nothing better: on a read-only mount it says "disk I/O error" or "readonly database".
 */
export function openFailure(e: unknown, path: string, id: string, refused: () => string | undefined = () => writeRefusal(path) ?? writeRefusal(dirname(path))): AppError {
  if (e instanceof AppErrorException) return e.error;
  const code = sqliteCode(e);
  const cause = causeOf(e);
  const details = { path };
  if (isLocked(code)) {
    return appError(
      id,
      'STORE_LOCKED',
      `The event store ${path} is in use by another running Sextant. Close it (or pick another --data-dir) and start again.`,
      { details, cause },
    );
  }
  if (isCorrupt(code)) {
    return appError(
      id,
      'STORE_CORRUPT',
      `The event store ${path} is damaged (${cause.message}) and was left untouched. Keep it for recovery (sqlite3 "${path}" .recover), or move it aside to start with an empty store.`,
      { details, cause },
    );
  }
  const notWritable = refused();
  if (notWritable !== undefined && isNotWritableCode(notWritable)) {
    return appError(id, 'STORE_UNAVAILABLE', notWritableMessage('The event store', path, 'It was left untouched.'), { details: { ...details, reason: 'not-writable', refused: notWritable }, cause });
  }
  return appError(id, 'STORE_UNAVAILABLE', `The event store ${path} cannot be opened: ${cause.message}. It was left untouched.`, {
    details,
    cause,
  });
}

/** A read that failed after the store opened: damage found late (a bad page) or the disk going away. */
export function readFailure(e: unknown, path: string, id: string): AppError {
  if (e instanceof AppErrorException) return e.error;
  const code = sqliteCode(e);
  const cause = causeOf(e);
  if (isCorrupt(code)) {
    return appError(id, 'STORE_CORRUPT', `The event store ${path} is damaged (${cause.message}); nothing was changed.`, { details: { path }, cause });
  }
  return appError(id, 'STORE_READ_FAILED', `Reading the event store ${path} failed: ${cause.message}`, { details: { path }, cause, ...(cause.stack ? { stack: cause.stack } : {}) });
}

/**
 * A write SQLite refused. Nothing of it was stored: the transaction rolled back, and everything
 * acknowledged before is intact. Two messages a person may see on a full disk, each fixed so the
 * docs and the fault tests can name it exactly (docs/faults.md):
 * - SQLITE_FULL (the OS said ENOSPC): STORE_FULL, "is full".
 * - SQLITE_IOERR_* (the OS refused the write for another reason: EFBIG past a file-size limit, EIO
 *   from a failing disk; SQLite cannot tell them apart): STORE_WRITE_FAILED, "could not be written",
 *   naming both. SQLite's own text ("disk I/O error") stays in `cause`.
 */
export function writeFailure(e: unknown, path: string, id: string): AppError {
  if (e instanceof AppErrorException) return e.error;
  const code = sqliteCode(e);
  const cause = causeOf(e);
  const extra = { details: { path }, cause, ...(cause.stack ? { stack: cause.stack } : {}) };
  if (code.startsWith('SQLITE_FULL')) return appError(id, 'STORE_FULL', diskFullMessage(path), extra);
  if (code.startsWith('SQLITE_IOERR')) return appError(id, 'STORE_WRITE_FAILED', diskRefusedMessage(path), extra);
  return appError(id, 'STORE_WRITE_FAILED', `Writing to the event store ${path} failed, nothing was stored: ${cause.message}`, extra);
}

export const diskFullMessage = (path: string): string =>
  `The disk holding the event store ${path} is full: nothing was stored. Free some space and try again; everything saved before is intact.`;

export const diskRefusedMessage = (path: string): string =>
  `The event store ${path} could not be written (the disk refused the write: it may be full or failing): nothing was stored. Free some space or check the disk, then try again; everything saved before is intact.`;

export function isUniqueViolation(e: unknown): boolean {
  return sqliteCode(e) === 'SQLITE_CONSTRAINT_UNIQUE';
}
