/**
 * The columns of a session-log line (shared/contracts/sessionLog.ts): [global_seq, aggregate_seq,
 * event_type, schema_version, envelope JSON]. The JSON is built by SQLite in one `format()` call,
 * field for field what JSON.stringify of the store's envelope gives (a test holds it to that), with
 * payload and metadata embedded as stored: exporting a long session moves every one of its events,
 * so it skips parsing and re-serializing them in JS (as replayFrames.ts does for replay).
 */
export const LOG_LINE_COLUMNS = `global_seq, aggregate_seq, event_type, schema_version,
  format('{"type":%s,"payload":%s,"globalSeq":%d,"eventId":%s,"aggregateType":%s,"aggregateId":%s,'
  || '"aggregateSeq":%d,"schemaVersion":%d,"topic":%s,"metadata":%s,"occurredAt":%s}',
  json_quote(event_type), payload, global_seq, json_quote(event_id), json_quote(aggregate_type),
  json_quote(aggregate_id), aggregate_seq, schema_version, json_quote(topic), metadata, json_quote(occurred_at))`;

export type LogLineRow = [globalSeq: number, aggregateSeq: number, eventType: string, schemaVersion: number, json: string];

/** A batch of log lines: each an envelope's JSON, with where it sits. */
export interface LogLineBatch {
  readonly lines: readonly { readonly globalSeq: number; readonly aggregateSeq: number; readonly json: string }[];
}
