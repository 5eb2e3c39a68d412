import { describe, expect, it } from 'vitest';
import { openFailure, writeFailure } from './storeErrors';

/** What better-sqlite3 throws: an Error with SQLite's extended result code. */
const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('a write SQLite refused, as a person reads it', () => {
  it('a full disk is STORE_FULL: nothing stored, what to do, everything before intact', () => {
    const e = writeFailure(sqliteError('SQLITE_FULL', 'database or disk is full'), '/data/events.sqlite', 'id-1');
    expect(e).toMatchObject({ id: 'id-1', code: 'STORE_FULL', cause: { code: 'SQLITE_FULL' } });
    expect(e.message).toBe('The disk holding the event store /data/events.sqlite is full: nothing was stored. Free some space and try again; everything saved before is intact.');
  });

  it('an I/O error (a file-size limit, a failing disk) is STORE_WRITE_FAILED, one message whatever the subcode, SQLite’s text kept in the cause', () => {
    const expected =
      'The event store /data/events.sqlite could not be written (the disk refused the write: it may be full or failing): nothing was stored. Free some space or check the disk, then try again; everything saved before is intact.';
    for (const code of ['SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR']) {
      const e = writeFailure(sqliteError(code, 'disk I/O error'), '/data/events.sqlite', 'id-2');
      expect(e).toMatchObject({ code: 'STORE_WRITE_FAILED', message: expected, cause: { code, message: 'disk I/O error' } });
    }
  });

  it('anything else keeps SQLite’s reason', () => {
    expect(writeFailure(sqliteError('SQLITE_READONLY', 'attempt to write a readonly database'), '/p', 'id-3').message).toBe(
      'Writing to the event store /p failed, nothing was stored: attempt to write a readonly database',
    );
  });
});

describe('a store SQLite cannot open, as a person reads it', () => {
  it('on a read-only mount (or a folder it may not write), it says so, whatever SQLite called it', () => {
    for (const [code, message] of [['SQLITE_IOERR', 'disk I/O error'], ['SQLITE_READONLY', 'attempt to write a readonly database'], ['SQLITE_CANTOPEN', 'unable to open database file']]) {
      for (const refused of ['EROFS', 'EACCES']) {
        const e = openFailure(sqliteError(code!, message!), '/ro/events.sqlite', 'id-4', () => refused);
        expect(e).toMatchObject({ id: 'id-4', code: 'STORE_UNAVAILABLE', details: { path: '/ro/events.sqlite', reason: 'not-writable', refused }, cause: { code, message } });
        expect(e.message).toBe('The event store /ro/events.sqlite is on a read-only file system (or not writable); pick another --data-dir. It was left untouched.');
      }
    }
  });

  it('where it may write, SQLite’s reason stands; a lock or damage is said as such first', () => {
    expect(openFailure(sqliteError('SQLITE_IOERR', 'disk I/O error'), '/p', 'id-5', () => undefined).message).toBe('The event store /p cannot be opened: disk I/O error. It was left untouched.');
    expect(openFailure(sqliteError('SQLITE_BUSY', 'database is locked'), '/p', 'id-6', () => 'EROFS').code).toBe('STORE_LOCKED');
    expect(openFailure(sqliteError('SQLITE_NOTADB', 'file is not a database'), '/p', 'id-7', () => 'EROFS').code).toBe('STORE_CORRUPT');
  });
});
