import Database from 'better-sqlite3';
import type { EventMetadata } from '../src/shared/contracts/events';
import { migrations } from '../src/main/store/schema';
import { newId } from '../src/main/platform/ids';

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

const userMetadata: EventMetadata = { commandId: 'c', correlationId: 'c', issuedBy: 'user' };

/**
 * A raw durable append of one event of a session: the row the store writes (every column, its id
 * drawn as the store draws ids, the payload and metadata as JSON, the time), alone in an IMMEDIATE
 * transaction, so on a `rawEventLog` with the store's pragmas it returns once the WAL is fsynced.
 * What a program without Sextant pays to record one thing a person did.
 */
export function rawDurableAppend(db: Database.Database, sessionId = 'raw'): (eventType: string, payload: unknown) => void {
  const insert = db.prepare(
    `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
     VALUES (?, 'QuerySession', ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  let seq = 0;
  const append = db.transaction((eventType: string, payload: unknown) => {
    seq++;
    insert.run(newId(), sessionId, seq, eventType, `session/${sessionId}`, JSON.stringify(payload), JSON.stringify(userMetadata), new Date().toISOString());
  });
  return (eventType, payload) => append.immediate(eventType, payload);
}
