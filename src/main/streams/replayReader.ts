import type Database from 'better-sqlite3';
import type { Frame } from '../../shared/contracts/frames';
import { matchTopic, patternPrefix } from '../../shared/contracts/topics';
import type { EventStore } from '../store/eventStore';

/** A batch of replayed `event` frames, already serialized: `json` is the frames joined by commas. */
export interface ReplayBatch {
  readonly json: string;
  readonly count: number;
  /** Global seq of the last event in the batch (the cursor after it); 0 when empty. */
  readonly lastSeq: number;
}

/**
 * The JSON of one `event` frame, built by SQLite from the stored row in one `format()` call. Field
 * for field the same as JSON.stringify of the Frame the store's envelope makes (a test holds it to
 * that): payload and metadata are stored as JSON text (CHECK json_valid), so they are embedded as
 * they are, without being parsed and re-serialized.
 */
const FRAME_JSON = `format('{"kind":"event","subscriptionId":%s,"event":{"type":%s,"payload":%s,"globalSeq":%d,"eventId":%s,'
  || '"aggregateType":%s,"aggregateId":%s,"aggregateSeq":%d,"schemaVersion":%d,"topic":%s,"metadata":%s,"occurredAt":%s}}',
  json_quote(@subscriptionId), json_quote(event_type), payload, global_seq, json_quote(event_id),
  json_quote(aggregate_type), json_quote(aggregate_id), aggregate_seq, schema_version, json_quote(topic), metadata, json_quote(occurred_at))`;

/**
 * Which rows a pattern selects, and how: every variant is an ordered walk that stops at LIMIT.
 * Topics are ASCII (isValidTopic), so every topic under `a/` sorts in [`a/`, `a/` + U+FFFF).
 */
const SELECTORS = {
  // The (topic, global_seq) index: reads exactly this topic's rows after the cursor, nothing else.
  exact: `FROM events WHERE topic = @topic AND global_seq > @afterSeq ORDER BY global_seq LIMIT @limit`,
  // `a/*`: walk the primary key from the cursor, keep the direct children of `a/`. An index range
  // would have to sort every matching row of every batch; this stops at LIMIT.
  children: `FROM events NOT INDEXED WHERE global_seq > @afterSeq AND topic > @prefix AND topic < @high
             AND instr(substr(topic, @childStart), '/') = 0 ORDER BY global_seq LIMIT @limit`,
  // `a/**`: `a` itself and everything under `a/`.
  subtree: `FROM events NOT INDEXED WHERE global_seq > @afterSeq AND (topic = @base OR (topic > @prefix AND topic < @high))
            ORDER BY global_seq LIMIT @limit`,
  // Anything else (`*`, `*/x`, `a/*/b`): matched by the one shared matchTopic, row by row.
  other: `FROM events WHERE global_seq > @afterSeq AND topic_matches(@pattern, topic) ORDER BY global_seq LIMIT @limit`,
  // `**`: everything.
  all: `FROM events WHERE global_seq > @afterSeq ORDER BY global_seq LIMIT @limit`,
} as const;
type SelectorKind = keyof typeof SELECTORS;

/** One row per event, in seq order: [global_seq, event_type, schema_version, frame JSON]. */
type FrameRow = [number, string, number, string];

/**
 * Reads stored events for replay through read-only statements on the store's connection (the
 * store holds its file exclusively), and lets SQLite serialize each batch: replay is the one path
 * that moves every stored event, so it skips building and re-serializing envelopes in JS.
 * Rows at an older schema version (which the store upcasts on read) go through the store instead.
 */
export class ReplayReader {
  private readonly batch: Record<SelectorKind, Database.Statement>;
  private readonly firstEventId: Database.Statement<[], { id: string }>;

  constructor(private readonly store: EventStore) {
    store.defineReadFunction('topic_matches', (pattern: unknown, topic: unknown) =>
      typeof pattern === 'string' && typeof topic === 'string' && matchTopic(pattern, topic) ? 1 : 0,
    );
    const batchOf = (selector: string) => store.prepareRead(`SELECT global_seq, event_type, schema_version, ${FRAME_JSON} ${selector}`).raw(true);
    this.batch = {
      exact: batchOf(SELECTORS.exact),
      children: batchOf(SELECTORS.children),
      subtree: batchOf(SELECTORS.subtree),
      other: batchOf(SELECTORS.other),
      all: batchOf(SELECTORS.all),
    };
    this.firstEventId = store.prepareRead('SELECT event_id AS id FROM events ORDER BY global_seq LIMIT 1') as Database.Statement<[], { id: string }>;
  }

  /** Up to `limit` event frames for events matching `pattern` with global_seq > afterSeq, oldest first. */
  read(subscriptionId: string, pattern: string, afterSeq: number, limit: number): ReplayBatch {
    const { kind, params } = selectorFor(pattern);
    const rows = this.batch[kind].all({ ...params, subscriptionId, afterSeq, limit }) as FrameRow[];
    if (rows.length === 0) return { json: '', count: 0, lastSeq: 0 };
    if (rows.some((r) => !this.store.isCurrentVersion(r[1], r[2]))) return this.readThroughStore(subscriptionId, pattern, afterSeq, limit);
    return { json: rows.map((r) => r[3]).join(','), count: rows.length, lastSeq: rows[rows.length - 1]![0] };
  }

  /** The id of the log: its first event's id, which no later write can change. Empty while it has none. */
  storeId(): string {
    return this.firstEventId.get()?.id ?? '';
  }

  /** The plan SQLite uses to replay `pattern` (EXPLAIN QUERY PLAN details): tests prove it stays on the index. */
  plan(pattern: string): string[] {
    const { kind, params } = selectorFor(pattern);
    const explain = this.store.prepareRead(`EXPLAIN QUERY PLAN ${this.batch[kind].source}`);
    return (explain.all({ ...params, subscriptionId: 'plan', afterSeq: 0, limit: 1 }) as { detail: string }[]).map((r) => r.detail);
  }

  /** Nothing to release: the statements live on the store's connection and close with it. */
  close(): void {}

  private readThroughStore(subscriptionId: string, pattern: string, afterSeq: number, limit: number): ReplayBatch {
    const events = this.store.readAfter(afterSeq, limit, pattern);
    const frames = events.map((event): Frame => ({ kind: 'event', subscriptionId, event }));
    return { json: frames.map((f) => JSON.stringify(f)).join(','), count: frames.length, lastSeq: events.at(-1)?.globalSeq ?? 0 };
  }
}

function selectorFor(pattern: string): { kind: SelectorKind; params: Record<string, string | number> } {
  if (pattern === '**') return { kind: 'all', params: {} };
  const { prefix, exact } = patternPrefix(pattern);
  if (exact) return { kind: 'exact', params: { topic: pattern } };
  const rest = pattern.slice(prefix.length);
  if (prefix !== '' && rest === '*') return { kind: 'children', params: { prefix, high: `${prefix}\uffff`, childStart: prefix.length + 1 } };
  if (prefix !== '' && rest === '**') return { kind: 'subtree', params: { base: prefix.slice(0, -1), prefix, high: `${prefix}\uffff` } };
  return { kind: 'other', params: { pattern } };
}
