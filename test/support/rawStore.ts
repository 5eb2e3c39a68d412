import Database from 'better-sqlite3';
import { EventStore } from '../../src/main/store/eventStore';

/** One row of the events table, as raw SQLite returns it. */
export interface RawEvent {
  readonly global_seq: number;
  readonly event_id: string;
  readonly event_type: string;
  readonly aggregate_type: string;
  readonly aggregate_id: string;
  readonly aggregate_seq: number;
  readonly payload: string;
  readonly metadata: string;
}

/**
 * The store as raw SQLite sees it once the app is gone (not the code under test): integrity_check
 * and every event. Opened as the app opens it, with the WAL index in memory, so nothing new (no
 * -shm) needs writing, even on a full disk; SQLite recovers the WAL as the app's next start would.
 */
export function readRawStore(path: string): { integrity: string; events: RawEvent[] } {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const events = db
      .prepare<[], RawEvent>('SELECT global_seq, event_id, event_type, aggregate_type, aggregate_id, aggregate_seq, payload, metadata FROM events ORDER BY global_seq')
      .all();
    return { integrity, events };
  } finally {
    db.close();
  }
}

/** global_seq increasing, and each aggregate's events numbered 1, 2, 3… with no gap or repeat; what is wrong, as text. */
export function sequenceProblems(events: readonly Pick<RawEvent, 'global_seq' | 'aggregate_type' | 'aggregate_id' | 'aggregate_seq'>[]): string[] {
  const problems: string[] = [];
  const last = new Map<string, number>();
  let previous = 0;
  for (const e of events) {
    if (e.global_seq <= previous) problems.push(`global_seq ${e.global_seq} after ${previous}`);
    previous = e.global_seq;
    const key = `${e.aggregate_type}/${e.aggregate_id}`;
    const expected = (last.get(key) ?? 0) + 1;
    if (e.aggregate_seq !== expected) problems.push(`${key}: aggregate_seq ${e.aggregate_seq}, expected ${expected}`);
    last.set(key, e.aggregate_seq);
  }
  return problems;
}

/** An event as an older build stored it: its type, the schema version it was written at, its payload's text. */
export interface OldEvent {
  readonly type: string;
  readonly version: number;
  readonly payload: string;
}

/**
 * A store file made by the app, with session `s`'s events written by raw SQLite as an older build
 * wrote them (ids e1, e2, …; aggregate seqs 1, 2, …): what the upcasters must lift on read.
 */
export function writeOldSession(path: string, events: readonly OldEvent[], metadata = '{}'): void {
  new EventStore(path).close();
  const db = new Database(path);
  try {
    const insert = db.prepare(
      `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
       VALUES (?, 'QuerySession', 's', ?, ?, ?, 'session/s', ?, ?, 't')`,
    );
    events.forEach((e, i) => insert.run(`e${i + 1}`, i + 1, e.type, e.version, e.payload, metadata));
  } finally {
    db.close();
  }
}
