import { aggregateTypes, datasetEventSchema, sessionEventSchema, type AggregateType, type EventEnvelope, type EventMetadata } from '../../shared/contracts/events';
import type { ViewEvent } from '../../shared/views/appView';
import type { UpcasterRegistry } from './upcasters';

/** One row of the events table, as SQLite returns `SELECT *`. */
export interface EventRow {
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
export type ViewRow = [globalSeq: number, aggregateType: string, aggregateId: string, aggregateSeq: number, eventType: string, schemaVersion: number, payload: string, occurredAt: string];
export const VIEW_COLUMNS = 'global_seq, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, payload, occurred_at';

/**
 * Every event and aggregate type the code knows, by length: the very strings the code compares with.
 * A query's own types first, as most of a log is those.
 */
const knownByLength: string[][] = [];
for (const t of new Set(['QuerySession', 'QueryStarted', 'ExecutionBegan', 'QueryCompleted', ...sessionEventSchema.options.map((o) => o.shape.type.value), ...datasetEventSchema.options.map((o) => o.shape.type.value), ...aggregateTypes]))
  (knownByLength[t.length] ??= []).push(t);

/**
 * A type read from the log as the code's own string for it. SQLite hands back a fresh copy per row,
 * which every comparison in the fold (a dozen per event) checks character by character; the code's
 * literal is compared by pointer. Found among the few of its length by comparing, not in a map: a
 * map hashes each fresh string first, and hashing fresh strings was a rebuild's largest single cost
 * under cachegrind (docs/store.md, "Benchmarks"). Unknown types stay as read.
 */
function knownType(type: string): string {
  const candidates = knownByLength[type.length];
  if (candidates !== undefined) for (let i = 0; i < candidates.length; i++) if (candidates[i] === type) return candidates[i]!;
  return type;
}

/** Turns stored rows into what the app reads, lifting old payloads through the upcasters on the way. */
export class EventRowDecoder {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  /** Whether a row stored at `schemaVersion` is already in its type's current shape (no upcast needed). */
  isCurrent(eventType: string, schemaVersion: number): boolean {
    return this.upcasters.currentVersion(eventType) === schemaVersion;
  }

  /** Whether every `type@version` in SQLite's comma-joined list (group_concat) is current. */
  allCurrent(typeAtVersions: string): boolean {
    for (const typeAtVersion of typeAtVersions.split(',')) {
      const at = typeAtVersion.lastIndexOf('@');
      if (!this.isCurrent(typeAtVersion.slice(0, at), Number(typeAtVersion.slice(at + 1)))) return false;
    }
    return true;
  }

  envelope(row: EventRow): EventEnvelope {
    return {
      type: row.event_type,
      payload: this.payload(row.event_type, row.schema_version, row.payload),
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

  /** Rows as view events, in a plain loop the compiler inlines `viewEvent` into (`Array.map` calls back per row: ~80 instructions a row on a rebuild). */
  viewEvents(rows: readonly ViewRow[]): ViewEvent[] {
    const events = new Array<ViewEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) events[i] = this.viewEvent(rows[i]!);
    return events;
  }

  viewEvent(r: ViewRow): ViewEvent {
    return {
      type: knownType(r[4]),
      payload: this.payload(r[4], r[5], r[6]),
      globalSeq: r[0],
      aggregateType: knownType(r[1]),
      aggregateId: r[2],
      aggregateSeq: r[3],
      occurredAt: r[7],
    } as ViewEvent;
  }

  private payload(eventType: string, version: number, json: string): unknown {
    const payload: unknown = JSON.parse(json);
    if (version === 1 && (this.upcasters.allAtFirstVersion || this.upcasters.currentVersion(eventType) === 1)) return payload;
    return this.upcasters.upcast(eventType, version, payload);
  }
}
