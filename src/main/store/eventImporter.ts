import type Database from 'better-sqlite3';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { AggregateType, EventEnvelope } from '../../shared/contracts/events';
import { MAX_EVENT_PAYLOAD_CHARS, payloadTooLarge } from './eventAppender';
import { writeFailure } from './storeErrors';

/** An event as an import appends it: everything the file said except its global seq, which is this log's to give. */
export type ImportedEvent = EventEnvelope extends infer E ? (E extends unknown ? Omit<E, 'globalSeq'> : never) : never;

export interface ImportAppended {
  /** The events appended, with the global seqs this log gave them, in file order. */
  readonly stored: EventEnvelope[];
  /** Events whose id the log already held: skipped, never written twice. */
  readonly skipped: number;
}

/** An imported event that would not continue its aggregate (another history under the same id). */
export class ImportConflict extends Error {
  constructor(
    readonly aggregateType: AggregateType,
    readonly aggregateId: string,
    readonly expectedSeq: number,
    readonly fileSeq: number,
  ) {
    super(`${aggregateType} ${aggregateId}: the file's event ${fileSeq} does not follow this log's ${expectedSeq - 1}`);
    this.name = 'ImportConflict';
  }
}

/**
 * Appends events exported from another log (docs/share.md, "Session import") in ONE immediate
 * transaction: an event whose id is already here is skipped, every other one gets a new global seq
 * and keeps its id, aggregate seq, time and metadata. An event that does not continue its
 * aggregate's history here throws ImportConflict and nothing is written; so does an event over
 * MAX_EVENT_PAYLOAD_CHARS (PAYLOAD_TOO_LARGE, as an append is refused) and any failure, and
 * a crash mid-way leaves the log as it was (SQLite's rollback journal in WAL).
 */
export class EventImporter {
  private readonly present: Database.Statement<[string], string>;
  private readonly version: Database.Statement<[string, string], { v: number | null }>;
  private readonly insert: Database.Statement<[string, string, string, number, string, number, string, string, string, string]>;
  private readonly tx;

  constructor(
    db: Database.Database,
    private readonly path: string,
    private readonly errorId: () => string,
  ) {
    // One lookup for the whole file (its ids as a JSON array), not one statement per event.
    this.present = db.prepare<[string], string>('SELECT event_id FROM events WHERE event_id IN (SELECT value FROM json_each(?))').pluck();
    this.version = db.prepare('SELECT max(aggregate_seq) AS v FROM events WHERE aggregate_type = ? AND aggregate_id = ?');
    this.insert = db.prepare(
      `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Payload and metadata are serialized row by row inside the transaction, unlike EventAppender's
    // few events: two arrays of 30,000 strings held beside the events made a large import's garbage
    // collection cost more than the serializing (the store holds its lock from its first write anyway).
    this.tx = db.transaction((events: readonly ImportedEvent[]): ImportAppended => {
      const present = new Set(this.present.all(JSON.stringify(events.map((e) => e.eventId))));
      const versions = new Map<string, number>();
      const stored: EventEnvelope[] = [];
      let skipped = 0;
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        if (present.has(e.eventId)) {
          skipped++;
          continue;
        }
        const key = `${e.aggregateType}/${e.aggregateId}`;
        const version = versions.get(key) ?? this.version.get(e.aggregateType, e.aggregateId)?.v ?? 0;
        if (e.aggregateSeq !== version + 1) throw new ImportConflict(e.aggregateType, e.aggregateId, version + 1, e.aggregateSeq);
        versions.set(key, e.aggregateSeq);
        // The append's limit holds here too: a file is no way around it (a fork must carry what is imported).
        const payload = JSON.stringify(e.payload);
        if (payload.length > MAX_EVENT_PAYLOAD_CHARS) throw payloadTooLarge(this.errorId(), e.type, payload.length, 'nothing was imported.');
        const { lastInsertRowid } = this.insert.run(e.eventId, e.aggregateType, e.aggregateId, e.aggregateSeq, e.type, e.schemaVersion, e.topic, payload, JSON.stringify(e.metadata), e.occurredAt);
        stored.push({ ...e, globalSeq: Number(lastInsertRowid) } as EventEnvelope);
      }
      return { stored, skipped };
    });
  }

  append(events: readonly ImportedEvent[]): ImportAppended {
    try {
      return this.tx.immediate(events);
    } catch (e) {
      if (e instanceof AppErrorException) throw e; // refused by a check above, not a write failure
      if (e instanceof ImportConflict) {
        throw new AppErrorException(
          appError(this.errorId(), 'IMPORT_CONFLICT', 'This log already holds a different history under an id the file uses; nothing was imported.', {
            details: { aggregateType: e.aggregateType, aggregateId: e.aggregateId, expectedSeq: e.expectedSeq, fileSeq: e.fileSeq },
          }),
        );
      }
      throw new AppErrorException(writeFailure(e, this.path, this.errorId()));
    }
  }
}
