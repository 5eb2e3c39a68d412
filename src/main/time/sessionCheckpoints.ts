import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import type { SessionView } from '../../shared/views/appView';
import type { Logger } from '../platform/logger';

/**
 * The shape of SessionView (and what the fold means) a checkpoint was written with. Bump it when
 * either changes: checkpoints of another version are never read, and are rebuilt from the log.
 */
export const SESSION_VIEW_SCHEMA_VERSION = 1;

export interface Checkpoint {
  /** Global seq of the session's last event folded into `view`. */
  readonly seq: number;
  /** The session's aggregate seq at that event: where folding the rest of its stream resumes. */
  readonly aggregateSeq: number;
  readonly occurredAt: string;
  readonly view: SessionView;
}

/**
 * A checkpoint as stored: its view still the JSON text it was saved as. Travel that lands on it
 * sends that text as it is, and parses it only to fold events after it.
 */
export interface StoredCheckpoint extends Omit<Checkpoint, 'view'> {
  readonly viewJson: string;
}

interface Row {
  seq: number;
  aggregate_seq: number;
  occurred_at: string;
  /** The view's JSON as its UTF-8 bytes (see textInPieces). */
  view_json: Buffer;
}

/**
 * Per-session checkpoints of the folded SessionView, so travelling back folds at most a batch of
 * events. A file of its own beside the log: nothing in it is a fact, so it is written without
 * fsync, and deleting it (or finding it unreadable) costs only speed.
 */
export class SessionCheckpoints {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(
    path: string,
    private readonly schemaVersion = SESSION_VIEW_SCHEMA_VERSION,
    private readonly log?: Logger,
  ) {
    ({ db: this.db, stmts: this.stmts } = openOrReplace(path, schemaVersion, log));
  }

  /** The checkpoint file of a log whose last seq, as a start opened it, is `lastSeq` (see forgetPast). */
  static besideLog(path: string, lastSeq: number, log: Logger): SessionCheckpoints {
    const checkpoints = new SessionCheckpoints(path, SESSION_VIEW_SCHEMA_VERSION, log);
    checkpoints.forgetPast(lastSeq);
    return checkpoints;
  }

  /**
   * The latest checkpoint of `sessionId` at or before global seq `seq`, in this build's view schema,
   * its view as stored. A read the file's damage meets finds none: the travel folds from the log.
   */
  nearestStored(sessionId: string, seq: number): StoredCheckpoint | undefined {
    try {
      const row = this.stmts.nearest.get(sessionId, seq, this.schemaVersion);
      return row && { seq: row.seq, aggregateSeq: row.aggregate_seq, occurredAt: row.occurred_at, viewJson: textInPieces(row.view_json) };
    } catch (e) {
      this.log?.warn({ sessionId, seq, err: String(e) }, 'a session checkpoint could not be read; folding from the log');
      return undefined;
    }
  }

  /**
   * Drops the checkpoints past `lastSeq`, the log's end as a start found it. The file lives beside the
   * log, not in it: after `events.sqlite` is put back from an older copy, a checkpoint past its end
   * shows a history the log no longer holds, and once new events reuse those seqs a travel would
   * start from it. Those at or before the end were taken of events the copy holds too (the log is
   * only appended to), so they stay.
   */
  forgetPast(lastSeq: number): void {
    try {
      const dropped = this.stmts.forgetPast.run(lastSeq).changes;
      if (dropped > 0) this.log?.warn({ lastSeq, dropped }, 'checkpoints past the end of the event log dropped (the log was restored from an older copy?)');
    } catch (e) {
      this.log?.warn({ err: String(e) }, 'checkpoints past the end of the event log could not be dropped; starting a new file');
      this.db.exec('DELETE FROM session_checkpoints');
    }
  }

  save(sessionId: string, checkpoint: Checkpoint): void {
    this.stmts.save.run(sessionId, checkpoint.seq, checkpoint.aggregateSeq, this.schemaVersion, checkpoint.occurredAt, JSON.stringify(checkpoint.view));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * V8 puts a string over 128 KiB in its large-object space, a fresh mapping of memory each time: a
 * 400 KB view read as one string cost ~2 ms more than its bytes read. Read as bytes, it becomes text
 * in pieces under that size, joined without copying; each piece ends where a UTF-8 character starts.
 */
const PIECE_BYTES = 64 * 1024;

export function textInPieces(utf8: Buffer): string {
  let text = '';
  for (let start = 0; start < utf8.length; ) {
    let end = Math.min(start + PIECE_BYTES, utf8.length);
    while (end < utf8.length && (utf8[end]! & 0xc0) === 0x80) end--; // 10xxxxxx continues a character
    text += utf8.toString('utf8', start, end);
    start = end;
  }
  return text;
}

export function parsedCheckpoint({ viewJson, ...rest }: StoredCheckpoint): Checkpoint {
  return { ...rest, view: JSON.parse(viewJson) as SessionView };
}

/**
 * A checkpoint file that cannot be opened, or whose table is damaged (the first statement reads all
 * of it but the views' text), is thrown away and started again: it holds nothing the log does not.
 */
function openOrReplace(path: string, schemaVersion: number, log?: Logger) {
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    return prepared(configure(db), schemaVersion);
  } catch (e) {
    db?.close();
    log?.warn({ path, err: String(e) }, 'checkpoint file unreadable; starting a new one');
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    return prepared(configure(new Database(path)), schemaVersion);
  }
}

function prepared(db: Database.Database, schemaVersion: number) {
  // Checkpoints of another view schema can never be read again.
  db.prepare('DELETE FROM session_checkpoints WHERE schema_version <> ?').run(schemaVersion);
  const stmts = {
    nearest: db.prepare<[string, number, number], Row>(
      'SELECT seq, aggregate_seq, occurred_at, CAST(view_json AS BLOB) AS view_json FROM session_checkpoints WHERE session_id = ? AND seq <= ? AND schema_version = ? ORDER BY seq DESC LIMIT 1',
    ),
    forgetPast: db.prepare<[number]>('DELETE FROM session_checkpoints WHERE seq > ?'),
    save: db.prepare<[string, number, number, number, string, string]>(
      'INSERT OR REPLACE INTO session_checkpoints (session_id, seq, aggregate_seq, schema_version, occurred_at, view_json) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };
  return { db, stmts };
}

/**
 * How the file lays out its table. Version 2 keeps views in a rowid table: a WITHOUT ROWID table
 * read a checkpoint's overflow pages about ten times slower (a 100 KB view took ~1 ms to read).
 * A file of another layout holds nothing the log does not: its table is dropped and made again.
 */
const LAYOUT_VERSION = 2;

function configure(db: Database.Database): Database.Database {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  if (db.pragma('user_version', { simple: true }) === LAYOUT_VERSION) return db;
  db.exec(`
    DROP TABLE IF EXISTS session_checkpoints;
    CREATE TABLE session_checkpoints (
      session_id     TEXT NOT NULL,
      seq            INTEGER NOT NULL,
      aggregate_seq  INTEGER NOT NULL,
      schema_version INTEGER NOT NULL,
      occurred_at    TEXT NOT NULL,
      view_json      TEXT NOT NULL,
      PRIMARY KEY (session_id, seq)
    );
    PRAGMA user_version = ${LAYOUT_VERSION};`);
  return db;
}
