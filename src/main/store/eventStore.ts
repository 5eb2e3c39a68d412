import Database from 'better-sqlite3';
import { AppErrorException, appError, type AppError } from '../../shared/contracts/errors';
import type { AggregateType, DomainEvent, EventEnvelope, EventMetadata } from '../../shared/contracts/events';
import { matchTopic, patternPrefix } from '../../shared/contracts/topics';
import type { ViewEvent } from '../../shared/views/appView';
import { newErrorId, newId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import { assertNotTooNew, migrate, migrations as shippedMigrations, type Migration } from './schema';
import { isUniqueViolation, openFailure, readFailure, writeFailure } from './storeErrors';
import { upcasters as shippedUpcasters, type UpcasterRegistry } from './upcasters';

export interface NewEvent {
  readonly event: DomainEvent;
  readonly topic: string;
  readonly metadata: EventMetadata;
  readonly occurredAt: string;
}

/** Optimistic concurrency failure: the aggregate moved on since the caller loaded it. */
export class VersionConflict extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`version conflict: expected ${expected}, actual ${actual}`);
    this.name = 'VersionConflict';
  }
}

/** Largest serialized payload of one event. Results never travel in events, so this is generous. */
export const MAX_EVENT_PAYLOAD_CHARS = 1024 * 1024;

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

/** A batch as it goes into SQLite: everything serialized before the write lock is taken. */
interface SerializedBatch {
  readonly ids: string[];
  readonly payloads: string[];
  readonly metadata: string[];
  readonly versions: number[];
}

interface Row {
  global_seq: number;
  event_id: string;
  aggregate_type: string;
  aggregate_id: string;
  aggregate_seq: number;
  event_type: string;
  schema_version: number;
  topic: string;
  payload: string;
  metadata: string;
  occurred_at: string;
}

/** The columns a view needs, in `.raw()` order: no metadata, ids or topic to parse on a rebuild. */
type ViewRow = [globalSeq: number, aggregateType: string, aggregateId: string, aggregateSeq: number, eventType: string, schemaVersion: number, payload: string, occurredAt: string];
const VIEW_COLUMNS = 'global_seq, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, payload, occurred_at';

/**
 * The append-only event log: one SQLite file in WAL mode, owned by one process for its lifetime.
 *
 * - `locking_mode = EXCLUSIVE`: the first transaction takes SQLite's exclusive lock on the file and
 *   keeps it until close, so a second Sextant on the same data dir is refused (STORE_LOCKED) instead
 *   of interleaving writes. The OS drops the lock when the process dies, even on kill -9.
 * - `synchronous = FULL`: a commit returns after the WAL is fsynced; an acknowledged append survives
 *   power loss, not only a crash of the process (docs/store.md has the measurement).
 * - every append is one IMMEDIATE transaction guarded by the aggregate's expected version.
 */
export class EventStore {
  private readonly db: Database.Database;
  private readonly upcasters: UpcasterRegistry;
  private readonly errorId: () => string;
  private readonly log: Logger | undefined;
  private readonly stmts;
  private readonly appendTx;

  constructor(
    readonly path: string,
    options: EventStoreOptions = {},
  ) {
    this.upcasters = options.upcasters ?? shippedUpcasters;
    this.errorId = options.errorId ?? newErrorId;
    this.log = options.log;
    const list = options.migrations ?? shippedMigrations;
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { timeout: options.lockTimeoutMs ?? 2000 });
      db.pragma('locking_mode = EXCLUSIVE');
      // Reads the header: a file that is not SQLite, or held by another instance, fails here,
      // and a newer schema is refused before anything below writes to the file.
      assertNotTooNew(db, list.length, this.errorId);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // macOS's fsync does not flush the drive's cache; F_FULLFSYNC does. No-op elsewhere.
      if (process.platform === 'darwin') db.pragma('fullfsync = ON');
      migrate(db, list, this.errorId);
      // Take the write lock now, not at the first command: a second instance is refused at start.
      db.exec('BEGIN IMMEDIATE; COMMIT');
      this.db = db;
      this.stmts = prepare(db);
    } catch (e) {
      db?.close();
      throw this.failed(openFailure(e, path, this.errorId()));
    }
    this.appendTx = this.db.transaction(
      (aggregateType: AggregateType, aggregateId: string, expectedVersion: number, events: readonly NewEvent[], batch: SerializedBatch): number => {
        const actual = this.stmts.version.get(aggregateType, aggregateId)?.v ?? 0;
        if (actual !== expectedVersion) throw new VersionConflict(expectedVersion, actual);
        let first = 0;
        for (let i = 0; i < events.length; i++) {
          const e = events[i]!;
          const { lastInsertRowid } = this.stmts.insert.run(
            batch.ids[i]!,
            aggregateType,
            aggregateId,
            expectedVersion + i + 1,
            e.event.type,
            batch.versions[i]!,
            e.topic,
            batch.payloads[i]!,
            batch.metadata[i]!,
            e.occurredAt,
          );
          if (i === 0) first = Number(lastInsertRowid);
          else if (Number(lastInsertRowid) !== first + i) throw new Error('global_seq is not consecutive inside one transaction');
        }
        return first;
      },
    );
  }

  /**
   * Appends events to one aggregate if its current version is `expectedVersion`; otherwise throws
   * VersionConflict and writes nothing. All events or none: one transaction, fsynced on commit.
   * Returns the stored envelopes with their global seqs. Other failures throw an AppErrorException.
   */
  append(aggregateType: AggregateType, aggregateId: string, expectedVersion: number, events: readonly NewEvent[]): EventEnvelope[] {
    const n = events.length;
    if (n === 0) return [];
    // Serialize outside the transaction: the write lock is held only for the inserts.
    const batch: SerializedBatch = { ids: new Array<string>(n), payloads: new Array<string>(n), metadata: new Array<string>(n), versions: new Array<number>(n) };
    let lastMeta: EventMetadata | undefined;
    let lastMetaJson = '';
    for (let i = 0; i < n; i++) {
      const e = events[i]!;
      const payload = JSON.stringify(e.event.payload);
      if (payload === undefined || payload.length > MAX_EVENT_PAYLOAD_CHARS) throw this.tooLarge(e.event.type, payload?.length ?? 0);
      // The events of one command share their metadata object: serialize it once.
      if (e.metadata !== lastMeta) {
        lastMeta = e.metadata;
        lastMetaJson = JSON.stringify(e.metadata);
      }
      batch.ids[i] = newId();
      batch.payloads[i] = payload;
      batch.metadata[i] = lastMetaJson;
      batch.versions[i] = this.upcasters.currentVersion(e.event.type);
    }
    let firstSeq: number;
    try {
      firstSeq = this.appendTx.immediate(aggregateType, aggregateId, expectedVersion, events, batch);
    } catch (e) {
      if (e instanceof VersionConflict) throw e;
      // The UNIQUE (aggregate_type, aggregate_id, aggregate_seq) backstop: another writer got there.
      if (isUniqueViolation(e) && String((e as Error).message).includes('aggregate_seq')) {
        throw new VersionConflict(expectedVersion, this.aggregateVersion(aggregateType, aggregateId));
      }
      throw new AppErrorException(writeFailure(e, this.path, this.errorId()));
    }
    const stored = new Array<EventEnvelope>(n);
    for (let i = 0; i < n; i++) {
      const e = events[i]!;
      stored[i] = {
        type: e.event.type,
        payload: e.event.payload,
        // One writer holding the file in one transaction: the batch's seqs are consecutive.
        globalSeq: firstSeq + i,
        eventId: batch.ids[i]!,
        aggregateType,
        aggregateId,
        aggregateSeq: expectedVersion + i + 1,
        schemaVersion: batch.versions[i]!,
        topic: e.topic,
        metadata: e.metadata,
        occurredAt: e.occurredAt,
      } as EventEnvelope;
    }
    return stored;
  }

  private tooLarge(eventType: string, size: number): AppErrorException {
    return new AppErrorException(
      appError(this.errorId(), 'PAYLOAD_TOO_LARGE', `A ${eventType} event of ${size} characters was refused (limit ${MAX_EVENT_PAYLOAD_CHARS}); nothing was stored.`, {
        details: { eventType, size, limit: MAX_EVENT_PAYLOAD_CHARS },
      }),
    );
  }

  /** The last aggregate_seq of one aggregate; 0 when it has no events. */
  aggregateVersion(aggregateType: AggregateType, aggregateId: string): number {
    return this.guard(() => this.stmts.version.get(aggregateType, aggregateId)?.v ?? 0);
  }

  /** One aggregate's events in aggregate_seq order, those after `afterVersion` (exclusive). */
  readAggregate(aggregateType: AggregateType, aggregateId: string, afterVersion = 0): EventEnvelope[] {
    return this.guard(() => this.stmts.aggregate.all(aggregateType, aggregateId, afterVersion).map((r) => this.toEnvelope(r)));
  }

  /**
   * Events with global_seq > afterSeq (exclusive cursor), oldest first, at most `limit`.
   * A pattern narrows the read with the (topic, global_seq) index; wildcards are then checked
   * exactly, so `session/*` never returns `session/a/b`.
   */
  readAfter(afterSeq: number, limit: number, pattern?: string): EventEnvelope[] {
    return this.guard(() => {
      if (pattern === undefined || pattern === '**') return this.stmts.after.all(afterSeq, limit).map((r) => this.toEnvelope(r));
      const { prefix, exact } = patternPrefix(pattern);
      if (exact) return this.stmts.afterExact.all(prefix, afterSeq, limit).map((r) => this.toEnvelope(r));
      // Filtering after LIMIT could starve a batch; loop until we have `limit` matches or run dry.
      const out: EventEnvelope[] = [];
      let cursor = afterSeq;
      for (;;) {
        const rows = prefix === '' ? this.stmts.after.all(cursor, limit) : this.stmts.afterPrefix.all(prefix, `${prefix}\uffff`, cursor, limit);
        for (const r of rows) if (matchTopic(pattern, r.topic)) out.push(this.toEnvelope(r));
        if (rows.length < limit || out.length >= limit) return out.slice(0, limit);
        cursor = rows[rows.length - 1]!.global_seq;
      }
    });
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
      const batch = this.guard(() => {
        const rows = this.stmts.viewAfter.all(cursor, batchSize);
        const out = new Array<ViewEvent>(rows.length);
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i]!;
          out[i] = {
            type: r[4],
            payload: this.payloadOf(r[4], r[5], r[6]),
            globalSeq: r[0],
            aggregateType: r[1],
            aggregateId: r[2],
            aggregateSeq: r[3],
            occurredAt: r[7],
          } as ViewEvent;
        }
        return out;
      });
      if (batch.length > 0) {
        cursor = batch[batch.length - 1]!.globalSeq;
        yield batch;
      }
      if (batch.length < batchSize) return;
    }
  }

  /**
   * A read-only statement on the store's own connection, for readers that let SQLite do their work
   * (the stream replay builds frame JSON in SQL). The store holds its file exclusively, so no second
   * connection could read it; a statement that would write is refused.
   */
  prepareRead(sql: string): Database.Statement {
    const statement = this.db.prepare(sql);
    if (!statement.reader) throw new Error('prepareRead takes statements that only read');
    return statement;
  }

  /** A deterministic SQL function on the store's connection, for prepareRead's statements. */
  defineReadFunction(name: string, fn: (...args: unknown[]) => unknown): void {
    this.db.function(name, { deterministic: true }, fn);
  }

  /** Whether a row stored at `schemaVersion` is already in its type's current shape (no upcast needed). */
  isCurrentVersion(eventType: string, schemaVersion: number): boolean {
    return this.upcasters.currentVersion(eventType) === schemaVersion;
  }

  lastSeq(): number {
    return this.guard(() => this.stmts.lastSeq.get()?.s ?? 0);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private payloadOf(eventType: string, version: number, json: string): unknown {
    const payload: unknown = JSON.parse(json);
    return version === 1 && this.upcasters.currentVersion(eventType) === 1 ? payload : this.upcasters.upcast(eventType, version, payload);
  }

  private toEnvelope(row: Row): EventEnvelope {
    return {
      type: row.event_type,
      payload: this.payloadOf(row.event_type, row.schema_version, row.payload),
      globalSeq: row.global_seq,
      eventId: row.event_id,
      aggregateType: row.aggregate_type as AggregateType,
      aggregateId: row.aggregate_id,
      aggregateSeq: row.aggregate_seq,
      schemaVersion: this.upcasters.currentVersion(row.event_type),
      topic: row.topic,
      metadata: JSON.parse(row.metadata) as EventMetadata,
      occurredAt: row.occurred_at,
    } as EventEnvelope;
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

function prepare(db: Database.Database) {
  return {
    version: db.prepare<[string, string], { v: number | null }>(
      'SELECT max(aggregate_seq) AS v FROM events WHERE aggregate_type = ? AND aggregate_id = ?',
    ),
    insert: db.prepare<[string, string, string, number, string, number, string, string, string, string]>(
      `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    aggregate: db.prepare<[string, string, number], Row>(
      'SELECT * FROM events WHERE aggregate_type = ? AND aggregate_id = ? AND aggregate_seq > ? ORDER BY aggregate_seq',
    ),
    after: db.prepare<[number, number], Row>('SELECT * FROM events WHERE global_seq > ? ORDER BY global_seq LIMIT ?'),
    afterExact: db.prepare<[string, number, number], Row>('SELECT * FROM events WHERE topic = ? AND global_seq > ? ORDER BY global_seq LIMIT ?'),
    afterPrefix: db.prepare<[string, string, number, number], Row>(
      // Walk the primary key in seq order and filter by topic range: one ordered pass that stops at
      // LIMIT, instead of sorting every matching row of a wide range.
      'SELECT * FROM events NOT INDEXED WHERE topic >= ? AND topic < ? AND global_seq > ? ORDER BY global_seq LIMIT ?',
    ),
    viewAfter: db.prepare<[number, number], ViewRow>(`SELECT ${VIEW_COLUMNS} FROM events WHERE global_seq > ? ORDER BY global_seq LIMIT ?`).raw(true),
    lastSeq: db.prepare<[], { s: number | null }>('SELECT max(global_seq) AS s FROM events'),
  };
}

/** Opens the store or explains, with an error id, why it cannot be opened. Never deletes or rewrites anything. */
export function openEventStore(path: string, options: EventStoreOptions = {}): EventStore {
  return new EventStore(path, options);
}
