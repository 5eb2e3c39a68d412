import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusal } from '../../../test/support/refusal';
import { tempDir } from '../../../test/support/testCore';
import { openEventStore } from './eventStore';
import { SCHEMA_VERSION } from './schema';
import { SEXTANT_APPLICATION_ID } from './storeIdentity';

const fileHash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const ERROR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function header(path: string): { applicationId: number; userVersion: number } {
  const db = new Database(path, { readonly: true });
  try {
    return { applicationId: db.pragma('application_id', { simple: true }) as number, userVersion: db.pragma('user_version', { simple: true }) as number };
  } finally {
    db.close();
  }
}

/** Another program's database where Sextant looks for its store. */
function writeForeign(path: string, pragmas: readonly string[] = []): void {
  const db = new Database(path);
  db.exec("create table customers(id int, name text); insert into customers values (1, 'Ada'), (2, 'Grace');");
  for (const p of pragmas) db.pragma(p);
  db.close();
}

describe('an event store that is not Sextant’s', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir('sextant-foreign-');
    path = `${dir.path}/events.sqlite`;
  });
  afterEach(() => dir.remove());

  it('given another program’s database at schema 0, then it is refused with an id, not migrated, every byte as it was', () => {
    writeForeign(path);
    const before = fileHash(path);
    const error = refusal(() => openEventStore(path));
    expect(error.id).toMatch(ERROR_ID);
    expect(error.details).toMatchObject({ path, reason: 'foreign' });
    expect(error.message).toBe(
      `The file ${path} is not a Sextant event store (it holds the table customers and no Sextant mark), so it was left untouched. Pick another --data-dir, or move the file out of the data folder, and start again.`,
    );
    expect(fileHash(path)).toBe(before);
    expect(readdirSync(dir.path)).toEqual(['events.sqlite']); // no -wal, no -journal left behind
  });

  it('given another program’s database at a schema of its own (7), then it says it is not a Sextant store, not that Sextant is too old', () => {
    writeForeign(path, ['user_version = 7']);
    const before = fileHash(path);
    const error = refusal(() => openEventStore(path));
    expect(error.code).not.toBe('STORE_TOO_NEW');
    expect(error.message).toMatch(/is not a Sextant event store/);
    expect(error.message).not.toMatch(/newer Sextant|Update Sextant/);
    expect(fileHash(path)).toBe(before);
  });

  it('given an empty file that carries another program’s mark, then it is refused too', () => {
    const db = new Database(path);
    db.pragma('application_id = 1196444487'); // GeoPackage's
    db.close();
    const before = fileHash(path);
    expect(refusal(() => openEventStore(path)).message).toMatch(/another program's mark, application_id 1196444487/);
    expect(fileHash(path)).toBe(before);
  });

  it('given no file, or an empty one, then the store is created and carries Sextant’s mark', () => {
    openEventStore(path).close();
    expect(header(path)).toEqual({ applicationId: SEXTANT_APPLICATION_ID, userVersion: SCHEMA_VERSION });
    const empty = `${dir.path}/empty.sqlite`;
    new Database(empty).close();
    openEventStore(empty).close();
    expect(header(empty)).toEqual({ applicationId: SEXTANT_APPLICATION_ID, userVersion: SCHEMA_VERSION });
  });
});
