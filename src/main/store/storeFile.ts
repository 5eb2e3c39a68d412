import Database from 'better-sqlite3';
import { migrate, type Migration } from './schema';
import { checkStoreIdentity, markAsSextant } from './storeIdentity';

/** What the store's connection promises about durability and ownership, read back from SQLite. */
export interface Durability {
  readonly journalMode: string;
  /** 2 is FULL: the WAL is fsynced at every commit. */
  readonly synchronous: number;
  readonly lockingMode: string;
  /** 1 where macOS needs F_FULLFSYNC to reach the platter; 0 elsewhere. */
  readonly fullfsync: number;
}

/**
 * Opens the log file for one owner for its whole lifetime, durable, at the current schema, and
 * only if it is Sextant's: new and empty, marked as Sextant's, or an earlier build's (storeIdentity.ts).
 *
 * - `locking_mode = EXCLUSIVE`: the first transaction takes SQLite's exclusive lock on the file and
 *   keeps it until close, so a second Sextant on the same data dir is refused (STORE_LOCKED) instead
 *   of interleaving writes. The OS drops the lock when the process dies, even on kill -9.
 * - `synchronous = FULL`: a commit returns after the WAL is fsynced; an acknowledged append survives
 *   power loss, not only a crash of the process (docs/store.md has the measurement).
 *
 * Throws whatever SQLite or the schema check throws; the caller turns it into an AppError.
 */
export function openStoreFile(path: string, options: { migrations: readonly Migration[]; lockTimeoutMs: number; errorId: () => string }): Database.Database {
  const db = new Database(path, { timeout: options.lockTimeoutMs });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // Reads the header: a file that is not SQLite, or held by another instance, fails here, and
    // another program's database or a newer Sextant's store is refused before anything below writes.
    const { mark } = checkStoreIdentity(db, path, options.migrations.length, options.errorId);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // macOS's fsync does not flush the drive's cache; F_FULLFSYNC does. No-op elsewhere.
    if (process.platform === 'darwin') db.pragma('fullfsync = ON');
    migrate(db, options.migrations, options.errorId);
    // Marked only once at the current schema: a failed migration leaves an earlier build's file as it was.
    if (mark) markAsSextant(db);
    // Take the write lock now, not at the first command: a second instance is refused at start.
    db.exec('BEGIN IMMEDIATE; COMMIT');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function readDurability(db: Database.Database): Durability {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    lockingMode: String(db.pragma('locking_mode', { simple: true })),
    fullfsync: Number(db.pragma('fullfsync', { simple: true })),
  };
}
