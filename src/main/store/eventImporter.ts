import type Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { AggregateType, EventEnvelope } from '../../shared/contracts/events';
import { MAX_EVENT_PAYLOAD_CHARS, payloadTooLarge } from './eventAppender';
import { writeFailure } from './storeErrors';
import type { EventRow } from './eventRows';
import { upcasters as shippedUpcasters, type UpcasterRegistry } from './upcasters';

/** An event as an import appends it: everything the file said except its global seq, which is this log's to give. */
export type ImportedEvent = EventEnvelope extends infer E ? (E extends unknown ? Omit<E, 'globalSeq'> : never) : never;

export interface ImportAppended {
  /** The events appended, with the global seqs this log gave them, in file order. */
  readonly stored: EventEnvelope[];
  /** Events the log already held (the same id, and the same event): skipped, never written twice. */
  readonly skipped: number;
  /**
   * The file's aggregates that were here before this import and whose first event an earlier
   * import brought (recorded in `imported_aggregates`); one made in this log is not among them.
   */
  readonly earlierImports: readonly { readonly aggregateType: AggregateType; readonly aggregateId: string }[];
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

/** The stored event a file's event shares its id with: what it must equal to be skipped. */
type PresentRow = Pick<EventRow, 'event_id' | 'aggregate_type' | 'aggregate_id' | 'aggregate_seq' | 'event_type' | 'schema_version' | 'payload'>;

/**
 * A file's event whose id this log already holds for ANOTHER event (another aggregate, seq, type or
 * payload): skipping it would drop the file's event and keep the other, so the import is refused.
 */
export class ImportIdTaken extends Error {
  constructor(
    readonly file: Pick<ImportedEvent, 'eventId' | 'aggregateType' | 'aggregateId' | 'aggregateSeq' | 'type'>,
    readonly here: PresentRow,
  ) {
    super(`event ${file.eventId}: here ${here.event_type} ${here.aggregate_seq} of ${here.aggregate_type} ${here.aggregate_id}, in the file ${file.type} ${file.aggregateSeq} of ${file.aggregateType} ${file.aggregateId}`);
    this.name = 'ImportIdTaken';
  }
}

/**
 * Appends events exported from another log (docs/share.md, "Session import") in ONE immediate
 * transaction: an event already here (its id, aggregate, seq, type and payload all the same) is
 * skipped, every other one gets a new global seq and keeps its id, aggregate seq, time and metadata.
 * An event whose id this log gives another event throws ImportIdTaken, and one that does not continue its
 * aggregate's history here throws ImportConflict and nothing is written; so does an event over
 * MAX_EVENT_PAYLOAD_CHARS (PAYLOAD_TOO_LARGE, as an append is refused) and any failure, and
 * a crash mid-way leaves the log as it was (SQLite's rollback journal in WAL).
 *
 * An aggregate whose first event an import appends is recorded in `imported_aggregates`, a table
 * beside the log (created here, as view_snapshots is by viewSnapshots.ts: not a migration, and never
 * folded): the log itself cannot tell a session made here from one an import brought, which is all
 * a repeated import's notice needs to know. Written in the same transaction as the events.
 */
export class EventImporter {
  private readonly present: Database.Statement<[string], PresentRow>;
  private readonly recordImport: Database.Statement<[string, string, string]>;
  private readonly wasImported: Database.Statement<[string, string], number>;
  private readonly version: Database.Statement<[string, string], { v: number | null }>;
  private readonly insert: Database.Statement<[string, string, string, number, string, number, string, string, string, string]>;
  private readonly tx;

  constructor(
    db: Database.Database,
    private readonly path: string,
    private readonly errorId: () => string,
    private readonly upcasters: UpcasterRegistry = shippedUpcasters,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS imported_aggregates (
        aggregate_type TEXT NOT NULL,
        aggregate_id   TEXT NOT NULL,
        imported_at    TEXT NOT NULL,
        PRIMARY KEY (aggregate_type, aggregate_id)
      ) STRICT
    `);
    this.recordImport = db.prepare('INSERT OR IGNORE INTO imported_aggregates (aggregate_type, aggregate_id, imported_at) VALUES (?, ?, ?)');
    this.wasImported = db.prepare<[string, string], number>('SELECT count(*) FROM imported_aggregates WHERE aggregate_type = ? AND aggregate_id = ?').pluck();
    // One lookup for the whole file (its ids as a JSON array), not one statement per event.
    this.present = db.prepare<[string], PresentRow>(
      'SELECT event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, payload FROM events WHERE event_id IN (SELECT value FROM json_each(?))',
    );
    this.version = db.prepare('SELECT max(aggregate_seq) AS v FROM events WHERE aggregate_type = ? AND aggregate_id = ?');
    this.insert = db.prepare(
      `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Payload and metadata are serialized row by row inside the transaction, unlike EventAppender's
    // few events: two arrays of 30,000 strings held beside the events made a large import's garbage
    // collection cost more than the serializing (the store holds its lock from its first write anyway).
    this.tx = db.transaction((events: readonly ImportedEvent[]): ImportAppended => {
      const present = new Map(this.present.all(JSON.stringify(events.map((e) => e.eventId))).map((r) => [r.event_id, r]));
      const versions = new Map<string, number>();
      const stored: EventEnvelope[] = [];
      const heldBefore = new Map<string, { aggregateType: AggregateType; aggregateId: string }>();
      const importedAt = new Date().toISOString();
      let skipped = 0;
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        const here = present.get(e.eventId);
        if (here) {
          if (!this.sameEvent(here, e)) throw new ImportIdTaken(e, here);
          heldBefore.set(`${e.aggregateType}/${e.aggregateId}`, { aggregateType: e.aggregateType, aggregateId: e.aggregateId });
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
        if (e.aggregateSeq === 1) this.recordImport.run(e.aggregateType, e.aggregateId, importedAt);
        stored.push({ ...e, globalSeq: Number(lastInsertRowid) } as EventEnvelope);
      }
      const earlierImports = [...heldBefore.values()].filter((a) => this.wasImported.get(a.aggregateType, a.aggregateId)! > 0);
      return { stored, skipped, earlierImports };
    });
  }

  /**
   * Whether the stored row is the file's event: the same aggregate, seq, type and payload (compared
   * as values, both lifted to the current schema version when they were written at different ones).
   */
  private sameEvent(here: PresentRow, e: ImportedEvent): boolean {
    if (here.aggregate_type !== e.aggregateType || here.aggregate_id !== e.aggregateId || here.aggregate_seq !== e.aggregateSeq || here.event_type !== e.type) return false;
    const payload = JSON.stringify(e.payload);
    if (here.schema_version === e.schemaVersion && here.payload === payload) return true;
    const lift = (version: number, p: unknown) => this.upcasters.upcast(e.type, version, p);
    return isDeepStrictEqual(lift(here.schema_version, JSON.parse(here.payload)), lift(e.schemaVersion, JSON.parse(payload)));
  }

  append(events: readonly ImportedEvent[]): ImportAppended {
    try {
      return this.tx.immediate(events);
    } catch (e) {
      if (e instanceof AppErrorException) throw e; // refused by a check above, not a write failure
      if (e instanceof ImportIdTaken) {
        const { file, here } = e;
        throw new AppErrorException(
          appError(
            this.errorId(),
            'IMPORT_CONFLICT',
            `The file’s events claim ids that belong to other events here (event ${file.eventId} is ${here.event_type} ${here.aggregate_seq} of ${here.aggregate_type} ${here.aggregate_id} here, ${file.type} ${file.aggregateSeq} of ${file.aggregateType} ${file.aggregateId} in the file); nothing was imported.`,
            {
              details: {
                eventId: file.eventId,
                file: { aggregateType: file.aggregateType, aggregateId: file.aggregateId, aggregateSeq: file.aggregateSeq, type: file.type },
                here: { aggregateType: here.aggregate_type, aggregateId: here.aggregate_id, aggregateSeq: here.aggregate_seq, type: here.event_type },
              },
            },
          ),
        );
      }
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
