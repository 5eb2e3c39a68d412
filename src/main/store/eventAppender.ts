import type Database from 'better-sqlite3';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { AggregateType, DomainEvent, EventEnvelope, EventMetadata } from '../../shared/contracts/events';
import { newId } from '../platform/ids';
import { isUniqueViolation, writeFailure } from './storeErrors';
import type { UpcasterRegistry } from './upcasters';
import { grouped } from '../../shared/text/counts';

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


/**
 * The refusal of an event whose payload is over MAX_EVENT_PAYLOAD_CHARS, appended or imported
 * (eventImporter.ts): a log holding one could not be forked, whose event carries the history.
 */
export function payloadTooLarge(errorId: string, eventType: string, size: number, outcome: string): AppErrorException {
  return new AppErrorException(
    appError(errorId, 'PAYLOAD_TOO_LARGE', `A ${eventType} event of ${grouped(size)} characters was refused (limit ${grouped(MAX_EVENT_PAYLOAD_CHARS)}); ${outcome}`, {
      details: { eventType, size, limit: MAX_EVENT_PAYLOAD_CHARS },
    }),
  );
}

/** The last aggregate_seq of one aggregate; 0 when it has none. */
export type VersionRead = (aggregateType: AggregateType, aggregateId: string) => number;

/** A batch as it goes into SQLite: everything serialized before the write lock is taken. */
interface SerializedBatch {
  readonly ids: string[];
  readonly payloads: string[];
  readonly metadata: string[];
  readonly versions: number[];
}

/**
 * Appends to one aggregate in one IMMEDIATE transaction guarded by its expected version, fsynced on
 * commit. The version read is a check, not the guarantee: UNIQUE (aggregate_type, aggregate_id,
 * aggregate_seq) is, and a write that slips past the read still ends as a VersionConflict.
 */
export class EventAppender {
  private readonly insert: Database.Statement<[string, string, string, number, string, number, string, string, string, string]>;
  private readonly tx;

  constructor(
    db: Database.Database,
    private readonly path: string,
    private readonly upcasters: UpcasterRegistry,
    private readonly errorId: () => string,
    private readonly versionOf: VersionRead,
  ) {
    this.insert = db.prepare(
      `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.tx = db.transaction(
      (aggregateType: AggregateType, aggregateId: string, expectedVersion: number, events: readonly NewEvent[], batch: SerializedBatch): number => {
        const actual = this.versionOf(aggregateType, aggregateId);
        if (actual !== expectedVersion) throw new VersionConflict(expectedVersion, actual);
        let first = 0;
        for (let i = 0; i < events.length; i++) {
          const e = events[i]!;
          const { lastInsertRowid } = this.insert.run(
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
   * VersionConflict and writes nothing. All events or none. Returns the stored envelopes with their
   * global seqs. Other failures throw an AppErrorException.
   */
  append(aggregateType: AggregateType, aggregateId: string, expectedVersion: number, events: readonly NewEvent[]): EventEnvelope[] {
    const n = events.length;
    if (n === 0) return [];
    const batch = this.serialize(events);
    let firstSeq: number;
    try {
      firstSeq = this.tx.immediate(aggregateType, aggregateId, expectedVersion, events, batch);
    } catch (e) {
      if (e instanceof VersionConflict) throw e;
      // The UNIQUE (aggregate_type, aggregate_id, aggregate_seq) backstop: another writer got there.
      if (isUniqueViolation(e) && String((e as Error).message).includes('aggregate_seq')) {
        throw new VersionConflict(expectedVersion, this.versionOf(aggregateType, aggregateId));
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

  /** Serialize outside the transaction: the write lock is held only for the inserts. */
  private serialize(events: readonly NewEvent[]): SerializedBatch {
    const n = events.length;
    const batch: SerializedBatch = { ids: new Array<string>(n), payloads: new Array<string>(n), metadata: new Array<string>(n), versions: new Array<number>(n) };
    let lastMeta: EventMetadata | undefined;
    let lastMetaJson = '';
    for (let i = 0; i < n; i++) {
      const e = events[i]!;
      const payload = JSON.stringify(e.event.payload);
      if (payload === undefined || payload.length > MAX_EVENT_PAYLOAD_CHARS) throw payloadTooLarge(this.errorId(), e.event.type, payload?.length ?? 0, 'nothing was stored.');
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
    return batch;
  }
}
