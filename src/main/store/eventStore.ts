import Database from 'better-sqlite3';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { AggregateType, DomainEvent, EventEnvelope, EventMetadata } from '../../shared/contracts/events';
import { matchTopic, patternPrefix } from '../../shared/contracts/topics';
import { newErrorId, newId } from '../platform/ids';
import { migrate } from './schema';

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

export const CURRENT_EVENT_SCHEMA_VERSION = 1;

/**
 * The append-only event log: one SQLite file in WAL mode. Single writer (the main process);
 * every append is one IMMEDIATE transaction guarded by the aggregate's expected version.
 */
export class EventStore {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly appendTx;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // FULL: an acknowledged command is on disk before we answer, even if the OS crashes.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.stmts = {
      version: this.db.prepare<[string, string], { v: number | null }>(
        'SELECT max(aggregate_seq) AS v FROM events WHERE aggregate_type = ? AND aggregate_id = ?',
      ),
      insert: this.db.prepare(
        `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
         VALUES (@event_id, @aggregate_type, @aggregate_id, @aggregate_seq, @event_type, @schema_version, @topic, @payload, @metadata, @occurred_at)`,
      ),
      aggregate: this.db.prepare<[string, string], Row>(
        'SELECT * FROM events WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY aggregate_seq',
      ),
      after: this.db.prepare<[number, number], Row>('SELECT * FROM events WHERE global_seq > ? ORDER BY global_seq LIMIT ?'),
      afterExact: this.db.prepare<[string, number, number], Row>(
        'SELECT * FROM events WHERE topic = ? AND global_seq > ? ORDER BY global_seq LIMIT ?',
      ),
      afterPrefix: this.db.prepare<[string, string, number, number], Row>(
        // Walk the primary key in seq order and filter by topic range: one ordered pass that stops at
        // LIMIT, instead of sorting every matching row of a wide range.
        'SELECT * FROM events NOT INDEXED WHERE topic >= ? AND topic < ? AND global_seq > ? ORDER BY global_seq LIMIT ?',
      ),
      lastSeq: this.db.prepare<[], { s: number | null }>('SELECT max(global_seq) AS s FROM events'),
    };
    this.appendTx = this.db.transaction(
      (aggregateType: AggregateType, aggregateId: string, expectedVersion: number, events: readonly NewEvent[]) => {
        const actual = this.stmts.version.get(aggregateType, aggregateId)?.v ?? 0;
        if (actual !== expectedVersion) throw new VersionConflict(expectedVersion, actual);
        return events.map((e, i): EventEnvelope => {
          const row = {
            event_id: newId(),
            aggregate_type: aggregateType,
            aggregate_id: aggregateId,
            aggregate_seq: expectedVersion + i + 1,
            event_type: e.event.type,
            schema_version: CURRENT_EVENT_SCHEMA_VERSION,
            topic: e.topic,
            payload: JSON.stringify(e.event.payload),
            metadata: JSON.stringify(e.metadata),
            occurred_at: e.occurredAt,
          };
          const info = this.stmts.insert.run(row);
          return {
            ...e.event,
            globalSeq: Number(info.lastInsertRowid),
            eventId: row.event_id,
            aggregateType,
            aggregateId,
            aggregateSeq: row.aggregate_seq,
            schemaVersion: row.schema_version,
            topic: e.topic,
            metadata: e.metadata,
            occurredAt: e.occurredAt,
          } as EventEnvelope;
        });
      },
    );
  }

  /**
   * Appends events to one aggregate if its current version is `expectedVersion`; otherwise throws
   * VersionConflict and writes nothing. Returns the stored envelopes with their global seqs.
   */
  append(aggregateType: AggregateType, aggregateId: string, expectedVersion: number, events: readonly NewEvent[]): EventEnvelope[] {
    if (events.length === 0) return [];
    return this.appendTx.immediate(aggregateType, aggregateId, expectedVersion, events);
  }

  readAggregate(aggregateType: AggregateType, aggregateId: string): EventEnvelope[] {
    return this.stmts.aggregate.all(aggregateType, aggregateId).map(toEnvelope);
  }

  /**
   * Events with global_seq > afterSeq (exclusive cursor), oldest first, at most `limit`.
   * A pattern narrows the read with the (topic, global_seq) index; wildcards are then checked
   * exactly, so `session/*` never returns `session/a/b`.
   */
  readAfter(afterSeq: number, limit: number, pattern?: string): EventEnvelope[] {
    let rows: Row[];
    if (pattern === undefined || pattern === '**') {
      rows = this.stmts.after.all(afterSeq, limit);
    } else {
      const { prefix, exact } = patternPrefix(pattern);
      if (exact) return this.stmts.afterExact.all(prefix, afterSeq, limit).map(toEnvelope);
      // Filtering after LIMIT could starve a batch; loop until we have `limit` matches or run dry.
      const out: EventEnvelope[] = [];
      let cursor = afterSeq;
      for (;;) {
        rows = prefix === '' ? this.stmts.after.all(cursor, limit) : this.stmts.afterPrefix.all(prefix, `${prefix}\uffff`, cursor, limit);
        for (const r of rows) if (matchTopic(pattern, r.topic)) out.push(toEnvelope(r));
        if (rows.length < limit || out.length >= limit) return out.slice(0, limit);
        cursor = rows[rows.length - 1]!.global_seq;
      }
    }
    return rows.map(toEnvelope);
  }

  lastSeq(): number {
    return this.stmts.lastSeq.get()?.s ?? 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toEnvelope(row: Row): EventEnvelope {
  return {
    type: row.event_type,
    payload: JSON.parse(row.payload) as unknown,
    globalSeq: row.global_seq,
    eventId: row.event_id,
    aggregateType: row.aggregate_type as AggregateType,
    aggregateId: row.aggregate_id,
    aggregateSeq: row.aggregate_seq,
    schemaVersion: row.schema_version,
    topic: row.topic,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    occurredAt: row.occurred_at,
  } as EventEnvelope;
}

/** Opens the store or explains, with an error id, why it cannot be opened. Never deletes anything. */
export function openEventStore(path: string, errorId: () => string = newErrorId): EventStore {
  try {
    return new EventStore(path);
  } catch (e) {
    if (e instanceof AppErrorException) throw e;
    const code = (e as { code?: string }).code ?? '';
    const message = e instanceof Error ? e.message : String(e);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
      throw new AppErrorException(
        appError(errorId(), 'STORE_LOCKED', `The event store ${path} is in use by another running Sextant.`, { cause: { code, message } }),
      );
    throw new AppErrorException(
      appError(errorId(), 'STORE_CORRUPT', `The event store ${path} cannot be opened: ${message}. It was left untouched.`, {
        cause: { code, message },
      }),
    );
  }
}
