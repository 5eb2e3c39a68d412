/**
 * Session export: a session of 10,000 queries written as its event log (NDJSON) at the client (the
 * wire protocol over an in-process transport: `exportSession`'s response, which comes once the file
 * is in place) vs raw better-sqlite3 selecting the same rows (the dataset's events, then the
 * session's) and writing them as JSON lines to a file, built by string concatenation with payload
 * and metadata spliced in as stored.
 */
import { appendFileSync, copyFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION } from '../src/shared/contracts/sessionLog';
import type { DomainEvent } from '../src/shared/contracts/events';
import { EventStore } from '../src/main/store/eventStore';
import { ProtocolClient } from '../test/support/protocolClient';
import { startTestCore } from '../test/support/testCore';
import { alternateSamples, fromSamples, type Bench } from './harness';
import { storeDataDir } from './storeDataDir';

const QUERIES = 10_000;
const SESSION = '0190a0a0-0000-7000-8000-000000005e55';
const DATASET = '0190a0a0-0000-7000-8000-0000000da7a5';
const WEATHER = resolve('node_modules/vega-datasets/data/seattle-weather.csv');

/** The session's log written straight into a store file (the setup, not what is measured): a dataset, then 10,000 query triples. */
export function writeSession(path: string): number {
  new EventStore(path).close();
  const db = new Database(path);
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  const meta = JSON.stringify({ commandId: uuidv7(), correlationId: uuidv7(), issuedBy: 'user' });
  let n = 0;
  const at = () => new Date(1_767_225_600_000 + n * 1000).toISOString();
  const put = (type: 'QuerySession' | 'Dataset', id: string, seq: number, e: DomainEvent) => {
    insert.run(uuidv7(), type, id, seq, e.type, type === 'Dataset' ? 'catalog' : `session/${id}`, JSON.stringify(e.payload), meta, at());
    n++;
  };
  db.transaction(() => {
    put('Dataset', DATASET, 1, { type: 'DatasetRequested', payload: { source: WEATHER } });
    const columns = ['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather'].map((name) => ({ name, type: name === 'date' ? 'DATE' : name === 'weather' ? 'VARCHAR' : 'DOUBLE' }));
    put('Dataset', DATASET, 2, { type: 'DatasetRegistered', payload: { name: 'seattle_weather', source: WEATHER, format: 'csv', columns } });
    put('QuerySession', SESSION, 1, { type: 'SessionOpened', payload: { title: 'Ten thousand queries' } });
    for (let q = 0, seq = 2; q < QUERIES; q++) {
      const queryId = uuidv7();
      const sql = `select weather, count(*) as n, avg(temp_max) from seattle_weather where precipitation > ${q % 50} and wind < ${q} group by weather order by n desc`;
      put('QuerySession', SESSION, seq++, { type: 'QueryStarted', payload: { queryId, sql } });
      put('QuerySession', SESSION, seq++, { type: 'ExecutionBegan', payload: { queryId } });
      put('QuerySession', SESSION, seq++, { type: 'QueryCompleted', payload: { queryId, rowCount: 5, columns: columns.slice(0, 3), durationMs: (q % 900) + 0.5 } });
    }
  })();
  db.close();
  return n;
}

/** The baseline: the same rows selected by raw better-sqlite3 and written as JSON lines (a header first). */
export function rawExport(path: string, out: string): number {
  const db = new Database(path, { readonly: true });
  const select = db
    .prepare<[string, number, number], [number, string, string, number, string, number, string, string, string, string]>(
      `SELECT global_seq, event_id, aggregate_type, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at
       FROM events WHERE aggregate_id = ? AND global_seq > ? ORDER BY global_seq LIMIT ?`,
    )
    .raw(true);
  const q = JSON.stringify;
  const header = { format: SESSION_LOG_FORMAT, version: SESSION_LOG_VERSION, sessionId: SESSION, title: 'Ten thousand queries', exportedAt: new Date().toISOString(), eventCount: 2 + 1 + QUERIES * 3 };
  writeFileSync(out, `${q(header)}\n`);
  let lines = 0;
  for (const id of [DATASET, SESSION]) {
    for (let cursor = 0; ; ) {
      const rows = select.all(id, cursor, 2000);
      if (rows.length === 0) break;
      appendFileSync(
        out,
        `${rows
          .map(
            ([seq, eventId, aggType, aggSeq, type, version, topic, payload, metadata, occurredAt]) =>
              `{"type":${q(type)},"payload":${payload},"globalSeq":${seq},"eventId":${q(eventId)},"aggregateType":${q(aggType)},"aggregateId":${q(id)},"aggregateSeq":${aggSeq},"schemaVersion":${version},"topic":${q(topic)},"metadata":${metadata},"occurredAt":${q(occurredAt)}}`,
          )
          .join('\n')}\n`,
      );
      lines += rows.length;
      cursor = rows[rows.length - 1]![0];
    }
  }
  db.close();
  return lines;
}

const exportNdjson: Bench = {
  name: 'share.export_ndjson_10k',
  what: 'exporting a session of 10,000 queries as its event log (NDJSON) at the client (`exportSession` over the protocol, download target) vs raw better-sqlite3 selecting the same rows and writing them as JSON lines',
  goal: 1.5,
  async run() {
    const dir = storeDataDir('sextant-bench-share-');
    const events = writeSession(dir.storePath);
    // The app holds its store file exclusively: the baseline reads a copy of the same rows.
    const rawPath = join(dir.root, 'raw.sqlite');
    copyFileSync(dir.storePath, rawPath);
    const rawOut = join(dir.root, 'raw.ndjson');
    const core = await startTestCore(dir.dataDir, { memoryLimit: undefined });
    const conn = new ProtocolClient((channel) => core.connect(channel));
    try {
      await core.catalog.idle();
      let items = 0;
      let bytes = 0;
      let rawLines = 0;
      const { b, s } = await alternateSamples(
        5,
        async () => {
          rmSync(rawOut, { force: true });
          const t = performance.now();
          rawLines = rawExport(rawPath, rawOut);
          return performance.now() - t;
        },
        async () => {
          const t = performance.now();
          const result = (await conn.request({ method: 'exportSession', sessionId: SESSION, format: 'eventLog', target: { kind: 'download' } })) as {
            ok: boolean;
            value: { outcome: { exportId: string; items: number; bytes: number } };
            error?: { message: string };
          };
          const elapsed = performance.now() - t;
          if (!result.ok) throw new Error(result.error?.message);
          ({ items, bytes } = result.value.outcome);
          await core.downloads.discard(result.value.outcome.exportId);
          return elapsed;
        },
        1,
      );
      if (items !== rawLines || items !== events) throw new Error(`the export wrote ${items} events, the baseline ${rawLines}, of ${events}`);
      return fromSamples('share.export_ndjson_10k', 'ms', s, b, { events, bytes, rawBytes: statSync(rawOut).size });
    } finally {
      conn.transport.drop();
      await core.close();
      dir.remove();
    }
  },
};

export const benches: Bench[] = [exportNdjson];
