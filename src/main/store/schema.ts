import type Database from 'better-sqlite3';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { newErrorId } from '../platform/ids';

/** Takes the file from version i to i + 1. Runs inside one IMMEDIATE transaction with the version bump. */
export interface Migration {
  readonly description: string;
  up(db: Database.Database): void;
}

/**
 * Schema migrations, keyed by PRAGMA user_version: migrations[i] takes a file from version i to
 * i + 1. Never edit a shipped migration: add the next one, and a test that opens a file written by
 * the previous version (src/main/store/schema.int.spec.ts).
 */
export const migrations: readonly Migration[] = [
  {
    description: 'the hybrid-sequence event log',
    up: (db) =>
      db.exec(`
        CREATE TABLE events (
          global_seq     INTEGER PRIMARY KEY AUTOINCREMENT,
          event_id       TEXT NOT NULL UNIQUE,
          aggregate_type TEXT NOT NULL,
          aggregate_id   TEXT NOT NULL,
          aggregate_seq  INTEGER NOT NULL,
          event_type     TEXT NOT NULL,
          schema_version INTEGER NOT NULL,
          topic          TEXT NOT NULL,
          payload        TEXT NOT NULL CHECK (json_valid(payload)),
          metadata       TEXT NOT NULL CHECK (json_valid(metadata)),
          occurred_at    TEXT NOT NULL,
          UNIQUE (aggregate_type, aggregate_id, aggregate_seq)
        ) STRICT;
        CREATE INDEX events_topic_seq ON events (topic, global_seq);
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
          BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
          BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END;
      `),
  },
];

export const SCHEMA_VERSION = migrations.length;

export function fileVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a file written by a newer build before anything touches it. */
export function assertNotTooNew(db: Database.Database, known: number, errorId: () => string = newErrorId): void {
  const current = fileVersion(db);
  if (current > known) throw storeTooNew(current, known, errorId());
}

/** Said only of a file that carries Sextant's mark (storeIdentity.ts): another program's file is not "newer". */
export function storeTooNew(current: number, known: number, id: string): AppErrorException {
  return new AppErrorException(
    appError(
      id,
      'STORE_TOO_NEW',
      `This event store was written by a newer Sextant (schema ${current}; this build knows ${known}). Update Sextant to open it; the file was left untouched.`,
      { details: { fileVersion: current, knownVersion: known } },
    ),
  );
}

/**
 * Brings the file up to the last migration, one version per transaction: a migration that throws
 * rolls back whole, and the file stays at the version it had, readable by the build that wrote it.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations, errorId: () => string = newErrorId): void {
  assertNotTooNew(db, list.length, errorId);
  for (let v = fileVersion(db); v < list.length; v++) {
    const migration = list[v]!;
    try {
      db.transaction(() => {
        migration.up(db);
        db.pragma(`user_version = ${v + 1}`);
      }).immediate();
    } catch (e) {
      if (e instanceof AppErrorException) throw e;
      const message = e instanceof Error ? e.message : String(e);
      throw new AppErrorException(
        appError(
          errorId(),
          'STORE_MIGRATION_FAILED',
          `Upgrading the event store from schema ${v} to ${v + 1} (${migration.description}) failed: ${message}. The file was left at schema ${v}.`,
          {
            details: { fromVersion: v, toVersion: v + 1 },
            cause: { message, ...((e as { code?: unknown }).code ? { code: String((e as { code?: unknown }).code) } : {}) },
            ...(e instanceof Error && e.stack ? { stack: e.stack } : {}),
          },
        ),
      );
    }
  }
}
