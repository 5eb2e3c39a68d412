import Database from 'better-sqlite3';
import { migrations } from '../src/main/store/schema';

/**
 * The baseline's table: a raw better-sqlite3 file with the store's own schema (its first migration)
 * and the store's pragmas, so a benchmark compares the store with exactly the inserts it makes.
 */
export function rawEventLog(path: string, options: { synchronous?: 'FULL' | 'NORMAL'; exclusive?: boolean } = {}): Database.Database {
  const db = new Database(path);
  if (options.exclusive) db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  migrations[0]!.up(db);
  return db;
}
