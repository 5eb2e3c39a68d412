import type Database from 'better-sqlite3';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { newErrorId } from '../platform/ids';

/**
 * Schema migrations, keyed by PRAGMA user_version. Each entry takes the file from version i to
 * i + 1 inside one transaction. Never edit a shipped migration: add the next one.
 */
const migrations: ReadonlyArray<(db: Database.Database) => void> = [
  // 0 → 1: the hybrid-sequence event log of DESIGN.md
  (db) => {
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
    `);
  },
];

export const SCHEMA_VERSION = migrations.length;

export function migrate(db: Database.Database, errorId: () => string = newErrorId): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new AppErrorException(
      appError(
        errorId(),
        'STORE_TOO_NEW',
        `This event store was written by a newer Sextant (schema ${current}; this build knows ${SCHEMA_VERSION}). Update Sextant to open it; the file was left untouched.`,
        { details: { fileVersion: current, knownVersion: SCHEMA_VERSION } },
      ),
    );
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      migrations[v]!(db);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
