import Database from 'better-sqlite3';
import type { Frame } from '../../shared/contracts/frames';
import { matchTopic, patternPrefix } from '../../shared/contracts/topics';
import { CURRENT_EVENT_SCHEMA_VERSION, type EventStore } from '../store/eventStore';

/** A batch of replayed `event` frames, already serialized: `json` is the frames joined by commas. */
export interface ReplayBatch {
  readonly json: string;
  readonly count: number;
  /** Global seq of the last event in the batch (the cursor after it); 0 when empty. */
  readonly lastSeq: number;
}

/**
 * The JSON of one `event` frame, built by SQLite from the stored row. Field for field the same as
 * JSON.stringify of the Frame the store's envelope makes (a test holds it to that): payload and
 * metadata are stored as JSON text (CHECK json_valid), so they are embedded without re-parsing.
 */
const FRAME_JSON = `'{"kind":"event","subscriptionId":' || json_quote(@subscriptionId) ||
  ',"event":{"type":' || json_quote(event_type) || ',"payload":' || payload ||
  ',"globalSeq":' || global_seq || ',"eventId":' || json_quote(event_id) ||
  ',"aggregateType":' || json_quote(aggregate_type) || ',"aggregateId":' || json_quote(aggregate_id) ||
  ',"aggregateSeq":' || aggregate_seq || ',"schemaVersion":' || schema_version ||
  ',"topic":' || json_quote(topic) || ',"metadata":' || metadata || ',"occurredAt":' || json_quote(occurred_at) || '}}'`;

/** Which rows a pattern selects, and how: every variant is an ordered walk that stops at LIMIT. */
const SELECTORS = {
  // The (topic, global_seq) index: reads exactly this topic's rows after the cursor, nothing else.
  exact: `SELECT * FROM events WHERE topic = @topic AND global_seq > @afterSeq ORDER BY global_seq LIMIT @limit`,
  // A wildcard under a literal prefix (`session/*`): walk the primary key from the cursor, keep the
  // prefix's topics. An index range would have to sort every matching row of every batch.
  prefix: `SELECT * FROM events NOT INDEXED WHERE global_seq > @afterSeq AND topic >= @low AND topic < @high
           AND topic_matches(@pattern, topic) ORDER BY global_seq LIMIT @limit`,
  // `*`, `*/x`: no literal prefix to narrow by.
  wild: `SELECT * FROM events WHERE global_seq > @afterSeq AND topic_matches(@pattern, topic) ORDER BY global_seq LIMIT @limit`,
  // `**`: everything.
  all: `SELECT * FROM events WHERE global_seq > @afterSeq ORDER BY global_seq LIMIT @limit`,
} as const;
type SelectorKind = keyof typeof SELECTORS;

interface BatchRow {
  json: string | null;
  count: number;
  lastSeq: number | null;
  /** 1 when every row is at the current schema version (no upcasting needed). */
  current: number | null;
}

/**
 * Reads stored events for replay on its own read-only connection to the event log (WAL lets it
 * read while the store writes), and lets SQLite serialize each batch: replay is the one path that
 * moves every stored event, so it skips building and re-serializing envelopes in JS.
 * Rows at an older schema version (which the store upcasts on read) go through the store instead.
 */
export class ReplayReader {
  private readonly db: Database.Database;
  private readonly batch: Record<SelectorKind, Database.Statement>;
  private readonly firstEventId: Database.Statement<[], { id: string }>;

  constructor(private readonly store: EventStore) {
    this.db = new Database(store.path, { readonly: true, fileMustExist: true });
    this.db.function('topic_matches', { deterministic: true }, (pattern: unknown, topic: unknown) =>
      typeof pattern === 'string' && typeof topic === 'string' && matchTopic(pattern, topic) ? 1 : 0,
    );
    const batchOf = (selector: string) =>
      this.db.prepare(
        `SELECT group_concat(${FRAME_JSON}, ',' ORDER BY global_seq) AS json, count(*) AS count, max(global_seq) AS lastSeq,
                min(schema_version = ${CURRENT_EVENT_SCHEMA_VERSION}) AS current
         FROM (${selector})`,
      );
    this.batch = { exact: batchOf(SELECTORS.exact), prefix: batchOf(SELECTORS.prefix), wild: batchOf(SELECTORS.wild), all: batchOf(SELECTORS.all) };
    this.firstEventId = this.db.prepare('SELECT event_id AS id FROM events ORDER BY global_seq LIMIT 1');
  }

  /** Up to `limit` event frames for events matching `pattern` with global_seq > afterSeq, oldest first. */
  read(subscriptionId: string, pattern: string, afterSeq: number, limit: number): ReplayBatch {
    const { kind, params } = selectorFor(pattern);
    const row = this.batch[kind].get({ ...params, subscriptionId, afterSeq, limit }) as BatchRow;
    if (row.count === 0) return { json: '', count: 0, lastSeq: 0 };
    if (row.current !== 1) return this.readThroughStore(subscriptionId, pattern, afterSeq, limit);
    return { json: row.json ?? '', count: row.count, lastSeq: row.lastSeq ?? 0 };
  }

  /** The id of the log: its first event's id, which no later write can change. Empty while it has none. */
  storeId(): string {
    return this.firstEventId.get()?.id ?? '';
  }

  /** The plan SQLite uses to replay `pattern` (EXPLAIN QUERY PLAN details): tests prove it stays on the index. */
  plan(pattern: string): string[] {
    const { kind, params } = selectorFor(pattern);
    const explain = this.db.prepare(`EXPLAIN QUERY PLAN ${this.batch[kind].source}`);
    return (explain.all({ ...params, subscriptionId: 'plan', afterSeq: 0, limit: 1 }) as { detail: string }[]).map((r) => r.detail);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private readThroughStore(subscriptionId: string, pattern: string, afterSeq: number, limit: number): ReplayBatch {
    const events = this.store.readAfter(afterSeq, limit, pattern);
    const frames = events.map((event): Frame => ({ kind: 'event', subscriptionId, event }));
    return { json: frames.map((f) => JSON.stringify(f)).join(','), count: frames.length, lastSeq: events.at(-1)?.globalSeq ?? 0 };
  }
}

function selectorFor(pattern: string): { kind: SelectorKind; params: Record<string, string> } {
  if (pattern === '**') return { kind: 'all', params: {} };
  const { prefix, exact } = patternPrefix(pattern);
  if (exact) return { kind: 'exact', params: { topic: pattern } };
  if (prefix === '') return { kind: 'wild', params: { pattern } };
  // Topics are ASCII (isValidTopic), so every topic under `a/` sorts in [a, a/U+FFFF); `a` itself is
  // in range for `a/**`. topic_matches then decides exactly.
  return { kind: 'prefix', params: { pattern, low: prefix.slice(0, -1), high: `${prefix}\uffff` } };
}
