/** A batch of replayed `event` frames, already serialized: `json` is the frames joined by commas. */
export interface ReplayBatch {
  readonly json: string;
  readonly count: number;
  /** Global seq of the last event in the batch (the cursor after it); 0 when empty. */
  readonly lastSeq: number;
}

/**
 * The columns of a replay row: [global_seq, event_type, schema_version, frame JSON]. The JSON of one
 * `event` frame is built by SQLite from the stored row in one `format()` call. Field for field the
 * same as JSON.stringify of the Frame the store's envelope makes (a test holds it to that): payload
 * and metadata are stored as JSON text (CHECK json_valid), so they are embedded as they are, without
 * being parsed and re-serialized. Replay is the one path that moves every stored event, so it skips
 * building and re-serializing envelopes in JS.
 */
export const REPLAY_COLUMNS = `global_seq, event_type, schema_version,
  format('{"kind":"event","subscriptionId":%s,"event":{"type":%s,"payload":%s,"globalSeq":%d,"eventId":%s,'
  || '"aggregateType":%s,"aggregateId":%s,"aggregateSeq":%d,"schemaVersion":%d,"topic":%s,"metadata":%s,"occurredAt":%s}}',
  json_quote(@subscriptionId), json_quote(event_type), payload, global_seq, json_quote(event_id),
  json_quote(aggregate_type), json_quote(aggregate_id), aggregate_seq, schema_version, json_quote(topic), metadata, json_quote(occurred_at))`;

export type ReplayRow = [globalSeq: number, eventType: string, schemaVersion: number, frameJson: string];
