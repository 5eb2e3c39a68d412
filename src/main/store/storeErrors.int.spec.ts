import { describe, expect, it } from 'vitest';
import { writeFailure } from './storeErrors';

/** What better-sqlite3 throws: an Error with SQLite's extended result code. */
const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('a write SQLite refused, as a person reads it', () => {
  it('a full disk is STORE_FULL: nothing stored, what to do, everything before intact', () => {
    const e = writeFailure(sqliteError('SQLITE_FULL', 'database or disk is full'), '/data/events.sqlite', 'id-1');
    expect(e).toMatchObject({ id: 'id-1', code: 'STORE_FULL', cause: { code: 'SQLITE_FULL' } });
    expect(e.message).toBe('The disk holding the event store /data/events.sqlite is full: nothing was stored. Free some space and try again; everything saved before is intact.');
  });

  it('an I/O error (a file-size limit, a failing disk) says the disk may be full or failing', () => {
    const e = writeFailure(sqliteError('SQLITE_IOERR_WRITE', 'disk I/O error'), '/data/events.sqlite', 'id-2');
    expect(e.code).toBe('STORE_WRITE_FAILED');
    expect(e.message).toMatch(/could not be written \(disk I\/O error: the disk may be full or failing\): nothing was stored/);
  });

  it('anything else keeps SQLite’s reason', () => {
    expect(writeFailure(sqliteError('SQLITE_READONLY', 'attempt to write a readonly database'), '/p', 'id-3').message).toBe(
      'Writing to the event store /p failed, nothing was stored: attempt to write a readonly database',
    );
  });
});
