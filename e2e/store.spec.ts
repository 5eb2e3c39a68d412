import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startWebHost, test } from './fixtures';

const fileHash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

test.beforeEach(() => {
  test.skip(test.info().project.name !== 'web', 'these start web hosts of their own');
});

test('a second Sextant on the same data dir refuses to start, says why with an error id, and the first keeps working', async ({ app }) => {
  const second = startWebHost(app.dataDir);
  await expect(second).rejects.toThrow(/Sextant could not start: The event store .*events\.sqlite is in use by another running Sextant.*\(error id [0-9a-f-]{36}\)/);
  const tabs = app.page.getByRole('tablist', { name: 'Sessions' });
  await app.page.getByRole('button', { name: 'New session' }).click();
  await expect(tabs.getByRole('tab')).toHaveText(['Session 1', 'Session 2']);
});

test('a damaged event store is refused with an error id and left byte for byte as it was', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-e2e-store-'));
  try {
    const path = join(dataDir, 'events.sqlite');
    writeFileSync(path, 'SQLite format 2\u0000 but not really '.repeat(500));
    const before = fileHash(path);
    await expect(startWebHost(dataDir)).rejects.toThrow(/Sextant could not start: The event store .*events\.sqlite is damaged .* left untouched.*\(error id [0-9a-f-]{36}\)/);
    expect(fileHash(path)).toBe(before);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('events.sqlite'))).toEqual(['events.sqlite']);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('another program’s SQLite database where the store goes is refused as not Sextant’s, not migrated, byte for byte', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-e2e-foreign-'));
  try {
    const path = join(dataDir, 'events.sqlite');
    const db = new Database(path);
    db.exec("create table customers(id int, name text); insert into customers values (1, 'Ada');");
    db.close();
    const before = fileHash(path);
    await expect(startWebHost(dataDir)).rejects.toThrow(/Sextant could not start: The file .*events\.sqlite is not a Sextant event store \(it holds the table customers and no Sextant mark\).*\(error id [0-9a-f-]{36}\)/);
    expect(fileHash(path)).toBe(before);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('events.sqlite'))).toEqual(['events.sqlite']);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
