import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from '../../shared/contracts/protocol';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { readOnly } from '../../../test/support/readOnly';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { startTestCore, type TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { duckdbFile } from './databaseFile';
import { isDamaged } from './damagedDatabase.worker';

const sessionOf = (core: TestCore): string => openSessions(core.projections.current.view)[0]!.id;

/** Pages row 0 of `queryId` until its (re-)run is complete. */
async function completePage(core: TestCore, queryId: string): Promise<Page> {
  for (let i = 0; i < 200; i++) {
    const r = await core.runner.fetchPage(queryId, 0, 5);
    if (!r.ok) throw new Error(r.error.message);
    if (r.value.complete) return r.value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the result never completed');
}

/** Files in DuckDB's folder that a start moved aside. */
const movedAside = (dbFile: string): string[] => readdirSync(dirname(dbFile)).filter((f) => f.includes('.damaged-')).sort();

/**
 * DuckDB's file with its storage version raised past what this DuckDB reads, its header's checksum
 * made good again: what a newer DuckDB's file looks like to this one. The main header is the file's
 * first 4 KiB: a checksum (8 bytes) over the rest of it, the magic "DUCK", then the version (u64).
 */
function fromNewerDuckdb(dbFile: string): void {
  const bytes = readFileSync(dbFile);
  expect(bytes.subarray(8, 12).toString()).toBe('DUCK');
  bytes.writeBigUInt64LE(bytes.readBigUInt64LE(12) + 10n, 12);
  let sum = 5381n;
  for (let at = 8; at < 4096; at += 8) sum ^= (bytes.readBigUInt64LE(at) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  bytes.writeBigUInt64LE(sum, 0);
  writeFileSync(dbFile, bytes);
}

/** Another process holding DuckDB's lock on `dbFile` until it is killed. */
async function holdLock(dbFile: string): Promise<ChildProcess> {
  const api = createRequire(import.meta.url).resolve('@duckdb/node-api');
  const script = `require(${JSON.stringify(api)}).DuckDBInstance.create(${JSON.stringify(dbFile)}).then(() => console.log('held'), (e) => { console.error(e); process.exit(1); }); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout?.once('data', resolve);
    child.once('exit', reject);
  });
  return child;
}

// Sextant's DuckDB file is a cache of results the event log can give again: a damaged one must not
// stop the app. Anything else DuckDB cannot open is not damage, and is left where it is.
describe('a damaged DuckDB file in the data dir (real SQLite, real DuckDB, real files)', () => {
  const dir = useTempDataDir<TestCore>();

  /** A previous run that kept one 1,000-row result, closed. */
  async function previousRun(): Promise<{ queryId: string; dbFile: string }> {
    const first = dir.keep(await startTestCore(dir.path()));
    const sessionId = sessionOf(first);
    const queryId = await startQuery(first, sessionId, 'select range as v from range(1000)');
    expect((await queryEnd(first, sessionId, queryId)).type).toBe('QueryCompleted');
    await first.close();
    dir.closed();
    return { queryId, dbFile: duckdbFile(dir.path()) };
  }

  it.each([
    ['overwritten with garbage', (f: string) => writeFileSync(f, Buffer.alloc(20_000, 'garbage '))],
    ['truncated', (f: string) => truncateSync(f, 8192)],
  ])('%s: moved aside with its WAL, content intact; the start carries on, a query runs and the kept result is run again', async (_, damage) => {
    const { queryId, dbFile } = await previousRun();
    damage(dbFile);
    const damaged = readFileSync(dbFile);
    writeFileSync(`${dbFile}.wal`, 'the WAL that went with it');
    const { log, errors: lines } = recordingLogger('info');

    const core = dir.keep(await startTestCore(dir.path(), { untilReady: false, log }));
    expect(await core.whenReady()).toEqual({ ok: true, value: undefined });

    const [file, wal, ...more] = movedAside(dbFile);
    expect(more).toEqual([]);
    expect(file).toMatch(/^workspace\.duckdb\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(wal).toBe(`${file}.wal`);
    const movedTo = join(dirname(dbFile), file!);
    expect(readFileSync(movedTo).equals(damaged)).toBe(true);
    expect(readFileSync(`${movedTo}.wal`, 'utf8')).toBe('the WAL that went with it');

    // One line naming both paths, with an id.
    const said = lines.map((l) => JSON.parse(l) as { msg: string; errorId?: string; file?: string; movedTo?: string }).filter((l) => l.msg.includes('damaged'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ errorId: expect.stringMatching(/^[0-9a-f-]{36}$/), file: dbFile, movedTo });
    expect(said[0]!.msg).toContain(dbFile);
    expect(said[0]!.msg).toContain(movedTo);

    // A new query runs on the fresh file…
    const sessionId = sessionOf(core);
    const fresh = await startQuery(core, sessionId, 'select 42 as answer');
    expect((await queryEnd(core, sessionId, fresh)).type).toBe('QueryCompleted');
    expect((await completePage(core, fresh)).values).toEqual([['42']]);
    // …and the result the damaged file kept is run again when shown, as it was recorded.
    const again = await completePage(core, queryId);
    expect(again.values).toEqual([['0', '1', '2', '3', '4']]);
    expect(again.totalRows).toBe(1000);
    expect(again.rerun).toBe(true);
  }, 60_000);

  /** A start that cannot open DuckDB's file: refused with DuckDB's words, the file left as it was. */
  async function refusedStart(dbFile: string): Promise<string> {
    const before = readFileSync(dbFile);
    const core = dir.keep(await startTestCore(dir.path(), { untilReady: false }));
    const outcome = await core.whenReady();
    expect(outcome.ok).toBe(false);
    expect(movedAside(dbFile)).toEqual([]);
    expect(readFileSync(dbFile).equals(before)).toBe(true);
    return outcome.ok ? '' : outcome.error.message;
  }

  it('a file another process holds locked is not moved: the start says so', async () => {
    const { dbFile } = await previousRun();
    const holder = await holdLock(dbFile);
    try {
      expect(await refusedStart(dbFile)).toMatch(/^DuckDB could not start: IO Error: Could not set lock on file ".*workspace\.duckdb": Conflicting lock is held/);
    } finally {
      holder.kill();
    }
  }, 60_000);

  it('a file from a newer DuckDB is not moved: the start says so', async () => {
    const { dbFile } = await previousRun();
    fromNewerDuckdb(dbFile);
    expect(await refusedStart(dbFile)).toMatch(/^DuckDB could not start: IO Error: Trying to read a database file with version number \d+, but we can only read versions between[^]*created with a newer version of DuckDB/);
  }, 60_000);

  it("a block whose checksum fails is not moved: DuckDB's words do not name the file", async () => {
    const { dbFile } = await previousRun();
    const bytes = readFileSync(dbFile);
    bytes.fill(0, 4096, 12288); // the database headers after the main one
    writeFileSync(dbFile, bytes);
    expect(await refusedStart(dbFile)).toMatch(/^DuckDB could not start: IO Error: Corrupt database file: computed checksum \d+ does not match stored checksum/);
  }, 60_000);

  it('a file that cannot be opened for writing is not moved: the start says so', async (t) => {
    const { dbFile } = await previousRun();
    // A read-only bind mount of the file as root (chmod binds nobody there), chmod 0444 for another user.
    const ro = readOnly(dbFile);
    if (!ro) t.skip('neither a read-only mount nor chmod binds for this user');
    try {
      expect(await refusedStart(dbFile)).toMatch(/^DuckDB could not start: IO Error: Cannot open file ".*workspace\.duckdb": (Read-only file system|Permission denied)$/);
    } finally {
      ro?.undo();
    }
  }, 60_000);

  it("damage is DuckDB's words about this very file: a permission error or another file's damage is not", () => {
    const dbFile = '/data/duckdb/workspace.duckdb';
    expect(isDamaged(`IO Error: The file "${dbFile}" exists, but it is not a valid DuckDB database file!`, dbFile)).toBe(true);
    expect(isDamaged(`IO Error: Could not read enough bytes from file "${dbFile}": attempted to read 4096 bytes from location 4096`, dbFile)).toBe(true);
    expect(isDamaged(`IO Error: Cannot open file "${dbFile}": Permission denied`, dbFile)).toBe(false);
    expect(isDamaged(`IO Error: The file "/data/duckdb/history-views.duckdb" exists, but it is not a valid DuckDB database file!`, dbFile)).toBe(false);
    expect(isDamaged(`IO Error: Could not read enough bytes from file "${dbFile}.wal": attempted to read 8 bytes from location 0`, dbFile)).toBe(false);
  });
});
