import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/testCore';
import { EventStore } from './eventStore';
import { migrations, SCHEMA_VERSION, type Migration } from './schema';
import { SEXTANT_APPLICATION_ID } from './storeIdentity';
import { refusal } from '../../../test/support/refusal';

/**
 * The schema as the tracer bullet shipped it (user_version 1), frozen here on purpose: a file
 * written by that build must keep opening whatever the migrations in schema.ts become.
 */
const SCHEMA_V1 = `
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
  PRAGMA user_version = 1;
`;

/** A data dir left by the tracer-bullet build: WAL file, schema 1, a session that ran a query. */
function writeV1File(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA_V1);
  const insert = db.prepare(
    `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
     VALUES (?, 'QuerySession', 's1', ?, ?, 1, 'session/s1', ?, '{"commandId":"c","correlationId":"c","issuedBy":"user"}', '2025-12-31T23:59:59.000Z')`,
  );
  insert.run('0190a0a0-0000-7000-8000-000000000001', 1, 'SessionOpened', '{"title":"Session 1"}');
  insert.run('0190a0a0-0000-7000-8000-000000000002', 2, 'QueryStarted', '{"queryId":"q1","sql":"select 42"}');
  insert.run('0190a0a0-0000-7000-8000-000000000003', 3, 'QueryCompleted', '{"queryId":"q1","rowCount":1,"columns":[{"name":"42","type":"INTEGER"}],"durationMs":2}');
  db.close();
}

const fileHash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');


function userVersion(path: string): number {
  return pragmaOf(path, 'user_version');
}

function pragmaOf(path: string, name: 'user_version' | 'application_id'): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma(name, { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('schema migrations by user_version', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir('sextant-schema-');
    path = `${dir.path}/events.sqlite`;
  });
  afterEach(() => dir.remove());

  it('given no file, then it creates one at the current schema', () => {
    new EventStore(path).close();
    expect(userVersion(path)).toBe(SCHEMA_VERSION);
  });

  it('given a file written by the schema-1 build, then every event reads back and new ones follow on, and it gets Sextant’s mark', () => {
    writeV1File(path);
    expect(pragmaOf(path, 'application_id')).toBe(0); // builds before the mark wrote none
    const store = new EventStore(path);
    const events = store.readAggregate('QuerySession', 's1');
    expect(events.map((e) => [e.globalSeq, e.aggregateSeq, e.type])).toEqual([
      [1, 1, 'SessionOpened'],
      [2, 2, 'QueryStarted'],
      [3, 3, 'QueryCompleted'],
    ]);
    expect(events[1]!.payload).toEqual({ queryId: 'q1', sql: 'select 42' });
    expect(store.append('QuerySession', 's1', 3, [{ event: { type: 'SessionClosed', payload: {} }, topic: 'session/s1', metadata: events[0]!.metadata, occurredAt: 't' }])[0]!.globalSeq).toBe(4);
    store.viewSnapshots(); // an earlier build's file may hold this table too
    store.close();
    expect(pragmaOf(path, 'application_id')).toBe(SEXTANT_APPLICATION_ID);
    new EventStore(path).close(); // and, marked, it opens again
  });

  it('given a schema-1 file and a next migration, then it upgrades in place and keeps every event', () => {
    writeV1File(path);
    const next: Migration = { description: 'index events by type', up: (db) => db.exec('CREATE INDEX events_type ON events (event_type)') };
    const store = new EventStore(path, { migrations: [...migrations, next] });
    expect(store.readAfter(0, 10)).toHaveLength(3);
    store.close();
    expect(userVersion(path)).toBe(SCHEMA_VERSION + 1);
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'events_type'").get()).toEqual({ n: 1 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('given a migration that fails halfway, then the file stays at its version and the error says so with an id', () => {
    writeV1File(path);
    const failing: Migration = {
      description: 'split payloads',
      up: (db) => {
        db.exec('CREATE TABLE payloads (id INTEGER PRIMARY KEY, body TEXT)');
        throw new Error('disk said no');
      },
    };
    const error = refusal(() => new EventStore(path, { migrations: [...migrations, failing] }));
    expect(error.code).toBe('STORE_MIGRATION_FAILED');
    expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain('disk said no');
    expect(error.message).toContain(`left at schema ${SCHEMA_VERSION}`);
    expect(userVersion(path)).toBe(SCHEMA_VERSION);
    expect(pragmaOf(path, 'application_id')).toBe(0); // not marked either: as the build that wrote it left it
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'payloads'").get()).toEqual({ n: 0 });
    db.close();
    // and the build that knows only schema 1 still opens it
    const store = new EventStore(path);
    expect(store.readAfter(0, 10)).toHaveLength(3);
    store.close();
  });

  it('given a file from a newer build, then it refuses with STORE_TOO_NEW and leaves every byte as it was', () => {
    writeV1File(path);
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.pragma(`application_id = ${SEXTANT_APPLICATION_ID}`); // every build since the mark sets it
    db.pragma('journal_mode = DELETE'); // a newer build might use another journal mode: we must not switch it
    db.close();
    const before = fileHash(path);
    const error = refusal(() => new EventStore(path));
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(error.message).toMatch(/newer Sextant.*left untouched/);
    expect(error.details).toEqual({ fileVersion: SCHEMA_VERSION + 5, knownVersion: SCHEMA_VERSION });
    expect(fileHash(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
