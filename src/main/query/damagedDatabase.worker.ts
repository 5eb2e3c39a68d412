import { randomUUID } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { MovedAside } from './workerProtocol';

/**
 * Sextant's own DuckDB file is a cache: every result in it can be run again from the event log, and
 * dataset views are made again at every start. So a file DuckDB cannot read as a database is moved
 * aside (never deleted) and the thread starts on a fresh one, rather than every command failing
 * until a person moves it by hand.
 *
 * Damaged means what DuckDB says of garbage (and of an empty file or a cut header) and of a file cut
 * short, about this very file. A lock held by another process, a permission error, a file from a
 * newer DuckDB or one DuckDB cannot read for any other reason is not damage: moving it would hide
 * the real cause (or another program's live file), so the start fails with DuckDB's words.
 */
export function isDamaged(said: string, dbPath: string): boolean {
  const named = `file "${dbPath}"`;
  return said.includes(`The ${named} exists, but it is not a valid DuckDB database file`) || said.includes(`Could not read enough bytes from ${named}`);
}

/** The database at `dbPath`; a damaged file there is moved aside first and said in `movedAside`. */
export async function openDatabase(dbPath: string, options: Record<string, string>): Promise<{ instance: DuckDBInstance; movedAside?: MovedAside }> {
  try {
    return { instance: await DuckDBInstance.fromCache(dbPath, options) };
  } catch (e) {
    const said = e instanceof Error ? e.message : String(e);
    if (!isDamaged(said, dbPath)) throw e;
    const movedAside = moveAside(dbPath, said);
    return { instance: await DuckDBInstance.fromCache(dbPath, options), movedAside };
  }
}

/**
 * Renames the file and its WAL to `<file>.damaged-<time>` and `<file>.damaged-<time>.wal`, so the
 * pair can still be opened together; a name already taken gets a number, so nothing is overwritten.
 * A rename that fails is said as such, and the start fails with it.
 */
function moveAside(dbPath: string, said: string): MovedAside {
  const stamp = new Date().toISOString().replaceAll(':', '-').replace('.', '-');
  let movedTo = `${dbPath}.damaged-${stamp}`;
  for (let n = 2; existsSync(movedTo) || existsSync(`${movedTo}.wal`); n++) movedTo = `${dbPath}.damaged-${stamp}-${n}`;
  try {
    renameSync(dbPath, movedTo);
    if (!existsSync(`${dbPath}.wal`)) return { id: randomUUID(), file: dbPath, movedTo, said };
    renameSync(`${dbPath}.wal`, `${movedTo}.wal`);
    return { id: randomUUID(), file: dbPath, movedTo, walMovedTo: `${movedTo}.wal`, said };
  } catch (e) {
    throw new Error(`${said} Moving it aside failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/**
 * Why DuckDB could not start, in words that say what to do. A damaged file reaches this only when
 * moving it aside failed: moving it by hand loses nothing the log holds.
 */
export function startFailure(dbPath: string, said: string): string {
  if (isDamaged(said, dbPath)) {
    return `DuckDB could not start: its file ${dbPath} is damaged (not a DuckDB database), and Sextant could not move it aside. Move it aside and start again: the results it kept are run again when next shown, and the event log is intact. DuckDB said: ${said}`;
  }
  return `DuckDB could not start: ${said}`;
}
