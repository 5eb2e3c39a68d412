import type Database from 'better-sqlite3';
import { AppErrorException, type AppError } from '../../shared/contracts/errors';
import type { AggregateType, EventEnvelope } from '../../shared/contracts/events';
import type { Frame } from '../../shared/contracts/frames';
import type { ViewEvent } from '../../shared/views/appView';
import { newErrorId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import { EventAppender, type NewEvent } from './eventAppender';
import { EventImporter, type ImportAppended, type ImportedEvent } from './eventImporter';
import { EventRowDecoder, VIEW_COLUMNS, type EventRow, type ViewRow } from './eventRows';
import { replayBatchSelect, type ReplayBatch, type ReplayBatchRow } from './replayFrames';
import { LOG_LINE_COLUMNS, type LogLineBatch, type LogLineRow } from './logLines';
import { migrations as shippedMigrations, type Migration } from './schema';
import { openFailure, readFailure } from './storeErrors';
import { openStoreFile, readDurability, type Durability } from './storeFile';
import { defineTopicMatches, PatternRead } from './topicSelection';
import { upcasters as shippedUpcasters, type UpcasterRegistry } from './upcasters';
import { ViewSnapshots } from './viewSnapshots';

export { MAX_EVENT_PAYLOAD_CHARS, VersionConflict, type NewEvent } from './eventAppender';
export type { ReplayBatch } from './replayFrames';
export type { ImportAppended, ImportedEvent } from './eventImporter';
export type { Durability } from './storeFile';

export interface EventStoreOptions {
  readonly upcasters?: UpcasterRegistry;
  /** Tests pass their own list to exercise an upgrade; the app runs the shipped one. */
  readonly migrations?: readonly Migration[];
  /** How long to wait for another instance to let go of the file before refusing with STORE_LOCKED. */
  readonly lockTimeoutMs?: number;
  readonly errorId?: () => string;
  /** Where the store logs the failures it is first to see (cannot open, cannot read). */
  readonly log?: Logger;
}

/**
 * The append-only event log: one SQLite file in WAL mode, owned by one process for its lifetime
 * (storeFile.ts), appended to by EventAppender, read here. Every read by topic pattern goes through
 * the one PatternRead (topicSelection.ts), whether it returns envelopes or replay frames.
 */
export class EventStore {
  private readonly db: Database.Database;
  private readonly errorId: () => string;
  private readonly log: Logger | undefined;
  private readonly decoder: EventRowDecoder;
  private readonly appender: EventAppender;
  private readonly stmts;
  private readonly envelopesByPattern: PatternRead<EventRow>;
  private readonly framesByPattern: PatternRead<ReplayBatchRow>;
  private readonly linesByPattern: PatternRead<LogLineRow>;
  private snapshots: ViewSnapshots | undefined;
  private importer: EventImporter | undefined;
  private readonly upcasters: UpcasterRegistry;
  private writeCount = 0;

  constructor(
    readonly path: string,
    options: EventStoreOptions = {},
  ) {
    const upcasters = (this.upcasters = options.upcasters ?? shippedUpcasters);
    this.errorId = options.errorId ?? newErrorId;
    this.log = options.log;
    this.decoder = new EventRowDecoder(upcasters);
    try {
      this.db = openStoreFile(path, { migrations: options.migrations ?? shippedMigrations, lockTimeoutMs: options.lockTimeoutMs ?? 2000, errorId: this.errorId });
    } catch (e) {
      throw this.failed(openFailure(e, path, this.errorId()));
    }
    defineTopicMatches(this.db);
    this.stmts = prepare(this.db);
    this.envelopesByPattern = new PatternRead(this.db, '*', false);
    this.framesByPattern = new PatternRead(this.db, replayBatchSelect, true);
    this.linesByPattern = new PatternRead(this.db, LOG_LINE_COLUMNS, true);
    this.appender = new EventAppender(this.db, path, upcasters, this.errorId, (type, id) => this.stmts.version.get(type, id)?.v ?? 0);
  }

  /**
   * Appends events to one aggregate if its current version is `expectedVersion`; otherwise throws
   * VersionConflict and writes nothing. All events or none: one transaction, fsynced on commit.
   * Returns the stored envelopes with their global seqs. Other failures throw an AppErrorException.
   */
  append(aggregateType: AggregateType, aggregateId: string, expectedVersion: number, events: readonly NewEvent[]): EventEnvelope[] {
    const stored = this.appender.append(aggregateType, aggregateId, expectedVersion, events);
    this.writeCount++;
    return stored;
  }

  /**
   * How many appends and imports this store has committed since it was opened. The file is locked
   * to this store (storeFile.ts), so what was read of it when the count was N is still all there is
   * while the count is N: a folded aggregate need not be read again (commandHandler.ts).
   */
  get writes(): number {
    return this.writeCount;
  }

  /**
   * Appends events exported from another log (a session import) in one transaction, keeping their
   * ids, aggregate seqs, times and metadata under new global seqs; events already here (same id) are
   * skipped. IMPORT_CONFLICT, and nothing written, when one does not continue its aggregate here.
   */
  importEvents(events: readonly ImportedEvent[]): ImportAppended {
    const appended = (this.importer ??= new EventImporter(this.db, this.path, this.errorId, this.upcasters)).append(events);
    this.writeCount++;
    return appended;
  }

  /** The last aggregate_seq of one aggregate; 0 when it has no events. */
  aggregateVersion(aggregateType: AggregateType, aggregateId: string): number {
    return this.guard(() => this.stmts.version.get(aggregateType, aggregateId)?.v ?? 0);
  }

  /** One aggregate's events in aggregate_seq order, those after `afterVersion` (exclusive). */
  readAggregate(aggregateType: AggregateType, aggregateId: string, afterVersion = 0): EventEnvelope[] {
    return this.guard(() => this.stmts.aggregate.all(aggregateType, aggregateId, afterVersion).map((r) => this.decoder.envelope(r)));
  }

  /**
   * What travelling back folds: one aggregate's events after aggregate_seq `afterVersion` up to
   * global seq `untilSeq` (inclusive), at most `limit`, with only the columns a view folds.
   * An aggregate's seqs run 1, 2, 3… without gaps (both the appender and the importer append
   * version + 1), so the at most `limit` events wanted lie in aggregate seqs (afterVersion,
   * afterVersion + limit]: bounding the index range by that keeps the read from walking every later
   * event of the session when none of them is at or before `untilSeq` (a travel to a checkpoint
   * read the whole rest of a 100,000-event session to find nothing).
   */
  aggregateViewEvents(aggregateType: AggregateType, aggregateId: string, afterVersion: number, untilSeq: number, limit: number): ViewEvent[] {
    const lastVersion = Math.min(Number.MAX_SAFE_INTEGER, afterVersion + limit);
    return this.guard(() => this.stmts.aggregateViewUntil.all(aggregateType, aggregateId, afterVersion, lastVersion, untilSeq, limit).map((r) => this.decoder.viewEvent(r)));
  }

  /**
   * `aggregateViewEvents` as the JSON text of an array of `PastEvent` tuples, written by SQLite
   * around each payload's stored text (what a travel sends on for the window to fold, unparsed
   * here), with how many there are and the last one's seq and time. Undefined when a payload is
   * not in its type's current shape: only the decoder can lift it (read the events instead).
   */
  pastEventsText(aggregateType: AggregateType, aggregateId: string, afterVersion: number, untilSeq: number, limit: number): PastEventsText | undefined {
    const lastVersion = Math.min(Number.MAX_SAFE_INTEGER, afterVersion + limit);
    const row = this.guard(() => this.stmts.pastEventsText.get(aggregateType, aggregateId, afterVersion, lastVersion, untilSeq, limit))!;
    if (row.count === 0 || row.last_seq === null || row.last_occurred_at === null || row.json === null || row.versions === null) return { json: '[]', count: 0 };
    if (!this.decoder.allCurrent(row.versions)) return undefined;
    return { json: row.json, count: row.count, last: { globalSeq: row.last_seq, occurredAt: row.last_occurred_at } };
  }

  /**
   * Events with global_seq > afterSeq (exclusive cursor), oldest first, at most `limit`, matching
   * `pattern` exactly (`session/*` never returns `session/a/b`); no pattern means every topic.
   */
  readAfter(afterSeq: number, limit: number, pattern = '**'): EventEnvelope[] {
    return this.guard(() => this.envelopesByPattern.all(pattern, afterSeq, limit).map((r) => this.decoder.envelope(r)));
  }

  /**
   * Everything after `afterSeq` (optionally matching a topic pattern) as successive batches of at
   * most `batchSize`. Each batch is its own short read, so a caller may yield between batches and
   * memory stays flat however long the log is.
   */
  *batchesAfter(afterSeq: number, options: { pattern?: string; batchSize?: number } = {}): Generator<EventEnvelope[], void, undefined> {
    const size = options.batchSize ?? 1000;
    let cursor = afterSeq;
    for (;;) {
      const batch = this.readAfter(cursor, size, options.pattern);
      if (batch.length > 0) {
        cursor = batch[batch.length - 1]!.globalSeq;
        yield batch;
      }
      if (batch.length < size) return;
    }
  }

  /**
   * What a projection rebuild reads: every event after `afterSeq` in batches, with only the columns
   * a view folds (no event id, topic or metadata), payloads upcast to their current shape.
   */
  *viewEventBatches(afterSeq: number, batchSize = 5000): Generator<ViewEvent[], void, undefined> {
    let cursor = afterSeq;
    for (;;) {
      const batch = this.guard(() => this.decoder.viewEvents(this.stmts.viewAfter.all(cursor, batchSize)));
      if (batch.length > 0) {
        cursor = batch[batch.length - 1]!.globalSeq;
        yield batch;
      }
      if (batch.length < batchSize) return;
    }
  }

  /**
   * Up to `limit` serialized `event` frames for `subscriptionId`: the events matching `pattern`
   * with global_seq > afterSeq, oldest first, each frame's JSON built by SQLite (replayFrames.ts).
   * A batch holding a row at an older schema version is built from upcast envelopes instead.
   */
  replayFrames(subscriptionId: string, pattern: string, afterSeq: number, limit: number): ReplayBatch {
    return this.guard(() => {
      const [count, lastSeq, versions, json] = this.framesByPattern.all(pattern, afterSeq, limit, { subscriptionId })[0]!;
      if (count === 0 || lastSeq === null || versions === null || json === null) return { json: '', count: 0, lastSeq: 0 };
      if (this.decoder.allCurrent(versions)) return { json, count, lastSeq };
      const events = this.envelopesByPattern.all(pattern, afterSeq, limit).map((r) => this.decoder.envelope(r));
      const frames = events.map((event): Frame => ({ kind: 'event', subscriptionId, event }));
      return { json: frames.map((f) => JSON.stringify(f)).join(','), count: frames.length, lastSeq: events.at(-1)?.globalSeq ?? 0 };
    });
  }

  /**
   * Up to `limit` events matching `pattern` with global_seq > afterSeq, oldest first, each as its
   * envelope's JSON built by SQLite (logLines.ts): what a session-log export writes. A batch holding
   * a row at an older schema version is built from upcast envelopes instead.
   */
  logLines(pattern: string, afterSeq: number, limit: number): LogLineBatch {
    return this.guard(() => {
      const rows = this.linesByPattern.all(pattern, afterSeq, limit);
      if (rows.every((r) => this.decoder.isCurrent(r[2], r[3]))) return { lines: rows.map((r) => ({ globalSeq: r[0], aggregateSeq: r[1], json: r[4] })) };
      const events = this.envelopesByPattern.all(pattern, afterSeq, limit).map((r) => this.decoder.envelope(r));
      return { lines: events.map((e) => ({ globalSeq: e.globalSeq, aggregateSeq: e.aggregateSeq, json: JSON.stringify(e) })) };
    });
  }

  /** The plan SQLite uses to read `pattern` (EXPLAIN QUERY PLAN details): tests prove it stays on the index. */
  patternPlan(pattern: string): string[] {
    return this.framesByPattern.plan(this.db, pattern, { subscriptionId: 'plan' });
  }

  /** The id of the log: its first event's id, which no later write can change. Empty while it has none. */
  firstEventId(): string {
    return this.guard(() => this.stmts.firstEventId.get()?.id ?? '');
  }

  /** The id of the event at `seq` (one lookup by primary key), '' if there is none. */
  eventIdAt(seq: number): string {
    return this.guard(() => this.stmts.eventIdAt.get(seq)?.id ?? '');
  }

  lastSeq(): number {
    return this.guard(() => this.stmts.lastSeq.get()?.s ?? 0);
  }

  /** Snapshots of the view, kept in their own table of this file (viewSnapshots.ts); they never touch the log. */
  viewSnapshots(): ViewSnapshots {
    return (this.snapshots ??= new ViewSnapshots(this.db));
  }

  /** The durability settings in force on the store's connection, as SQLite reports them. */
  durability(): Durability {
    return readDurability(this.db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Damage found by a read (a bad page) becomes STORE_CORRUPT with an id, never a bare SqliteError. */
  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (e) {
      throw this.failed(readFailure(e, this.path, this.errorId()));
    }
  }

  private failed(error: AppError): AppErrorException {
    if (this.log) logAppError(this.log, 'error', error, { path: this.path });
    return new AppErrorException(error);
  }
}

/** What `pastEventsText` answers: the tuples' JSON, how many, and the last one's seq and time (none when there are none). */
export interface PastEventsText {
  readonly json: string;
  readonly count: number;
  readonly last?: { readonly globalSeq: number; readonly occurredAt: string };
}

interface PastEventsRow {
  json: string | null;
  count: number;
  last_seq: number | null;
  last_occurred_at: string | null;
  versions: string | null;
}

function prepare(db: Database.Database) {
  return {
    version: db.prepare<[string, string], { v: number | null }>(
      'SELECT max(aggregate_seq) AS v FROM events WHERE aggregate_type = ? AND aggregate_id = ?',
    ),
    aggregate: db.prepare<[string, string, number], EventRow>(
      'SELECT * FROM events WHERE aggregate_type = ? AND aggregate_id = ? AND aggregate_seq > ? ORDER BY aggregate_seq',
    ),
    aggregateViewUntil: db
      .prepare<[string, string, number, number, number, number], ViewRow>(
        `SELECT ${VIEW_COLUMNS} FROM events WHERE aggregate_type = ? AND aggregate_id = ? AND aggregate_seq > ? AND aggregate_seq <= ? AND global_seq <= ? ORDER BY aggregate_seq LIMIT ?`,
      )
      .raw(true),
    // The tuple is PastEvent's (shared/views/pastSession.ts); strings are quoted by json_quote and
    // payloads were checked json_valid when stored. `occurred_at` beside max() is SQLite's bare
    // column: the value of the row that max() chose, the last event's.
    pastEventsText: db.prepare<[string, string, number, number, number, number], PastEventsRow>(
      `SELECT '[' || group_concat('[' || global_seq || ',' || aggregate_seq || ',' || json_quote(event_type) || ',' || payload || ',' || json_quote(occurred_at) || ']', ',' ORDER BY aggregate_seq) || ']' AS json,
              count(*) AS count, max(global_seq) AS last_seq, occurred_at AS last_occurred_at, group_concat(DISTINCT event_type || '@' || schema_version) AS versions
       FROM (SELECT global_seq, aggregate_seq, event_type, schema_version, payload, occurred_at FROM events
             WHERE aggregate_type = ? AND aggregate_id = ? AND aggregate_seq > ? AND aggregate_seq <= ? AND global_seq <= ? ORDER BY aggregate_seq LIMIT ?)`,
    ),
    viewAfter: db.prepare<[number, number], ViewRow>(`SELECT ${VIEW_COLUMNS} FROM events WHERE global_seq > ? ORDER BY global_seq LIMIT ?`).raw(true),
    firstEventId: db.prepare<[], { id: string }>('SELECT event_id AS id FROM events ORDER BY global_seq LIMIT 1'),
    lastSeq: db.prepare<[], { s: number | null }>('SELECT max(global_seq) AS s FROM events'),
    eventIdAt: db.prepare<[number], { id: string }>('SELECT event_id AS id FROM events WHERE global_seq = ?'),
  };
}

/** Opens the store or explains, with an error id, why it cannot be opened. Never deletes or rewrites anything. */
export function openEventStore(path: string, options: EventStoreOptions = {}): EventStore {
  return new EventStore(path, options);
}
