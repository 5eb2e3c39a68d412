import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION } from '../src/shared/contracts/sessionLog';
import type { EventMetadata } from '../src/shared/contracts/events';
import { silentLogger } from '../src/main/platform/logger';
import { SessionImporter } from '../src/main/share/sessionImport';
import { EventStore } from '../src/main/store/eventStore';
import { Bus } from '../src/main/streams/bus';
import { Projections } from '../src/main/streams/projections';
import { tempDir } from '../test/support/testCore';
import { alternateSamples, fromSamples, type Bench } from './harness';
import { rawEventLog } from './rawEventLog';

const QUERIES = 10_000;
const SESSION = '0190a0a0-0000-7000-8000-0000000005e5';
const ROUNDS = 5;

/**
 * A session log of `QUERIES` completed queries (QueryStarted, ExecutionBegan, QueryCompleted each)
 * after its SessionOpened, as the file format says: what an export of such a session holds.
 */
export function sessionLog(): { text: string; events: number } {
  const lines: string[] = [];
  let seq = 0;
  const line = (type: string, payload: unknown, metadata: EventMetadata, at: string) => {
    seq++;
    const hex = seq.toString(16).padStart(12, '0');
    lines.push(
      JSON.stringify({
        type,
        payload,
        globalSeq: seq,
        eventId: `0190a0a0-0000-7000-8000-${hex}`,
        aggregateType: 'QuerySession',
        aggregateId: SESSION,
        aggregateSeq: seq,
        schemaVersion: 1,
        topic: `session/${SESSION}`,
        metadata,
        occurredAt: at,
      }),
    );
  };
  const user = (id: string): EventMetadata => ({ commandId: id, correlationId: id, issuedBy: 'user' });
  line('SessionOpened', { title: 'ten thousand queries' }, user('c0'), new Date(0).toISOString());
  for (let q = 0; q < QUERIES; q++) {
    const queryId = `0190a0a0-0000-7000-8001-${q.toString(16).padStart(12, '0')}`;
    const at = new Date(q * 1000).toISOString();
    const started = user(`c${q + 1}`);
    const system: EventMetadata = { commandId: `s${q}`, correlationId: started.correlationId, causationId: `e${q}`, issuedBy: 'system' };
    line('QueryStarted', { queryId, sql: `select origin, count(*) from flights_3m where delay > ${q} group by 1` }, started, at);
    line('ExecutionBegan', { queryId }, system, at);
    line('QueryCompleted', { queryId, rowCount: q, columns: [{ name: 'origin', type: 'VARCHAR' }, { name: 'count_star()', type: 'BIGINT' }], durationMs: 12.5 }, system, at);
  }
  const header = { format: SESSION_LOG_FORMAT, version: SESSION_LOG_VERSION, sessionId: SESSION, title: 'ten thousand queries', exportedAt: new Date(0).toISOString(), eventCount: lines.length };
  return { text: [JSON.stringify(header), ...lines].join('\n') + '\n', events: lines.length };
}

/**
 * Importing a 10,000-query session log through the app's path (every line read and checked with the
 * file's schemas, one-transaction append under new global seqs, main's view folded, published) vs a
 * raw better-sqlite3 batch insert of the same rows (each line JSON-parsed, inserted in one
 * transaction into the store's own schema and pragmas). Each sample imports into a fresh file.
 */
const import_ndjson_10k: Bench = {
  name: 'share.import_ndjson_10k',
  what: 'importing a 10,000-query session log (30,001 events) through the app’s path (check every line, one-transaction append, fold, publish) vs a raw better-sqlite3 batch insert of the same parsed rows in one transaction',
  goal: 2,
  async run() {
    const dir = tempDir('sextant-bench-import-');
    const { text, events } = sessionLog();
    let n = 0;
    const raw = async (): Promise<number> => {
      const db = rawEventLog(join(dir.path, `raw-${n++}.sqlite`), { exclusive: true });
      const insert = db.prepare(
        `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const t0 = performance.now();
      const rows = text.split('\n').slice(1, -1).map((l) => JSON.parse(l) as Record<string, never>);
      db.transaction(() => {
        for (const r of rows) {
          insert.run(r['eventId'], r['aggregateType'], r['aggregateId'], r['aggregateSeq'], r['type'], r['schemaVersion'], r['topic'], JSON.stringify(r['payload']), JSON.stringify(r['metadata']), r['occurredAt']);
        }
      }).immediate();
      const ms = performance.now() - t0;
      db.close();
      return ms;
    };
    const app = async (): Promise<number> => {
      const store = new EventStore(join(dir.path, `app-${n++}.sqlite`));
      const importer = new SessionImporter({
        store,
        projections: new Projections(),
        bus: new Bus(),
        log: silentLogger(),
        adoptSession: () => {},
        locate: () => Promise.reject(new Error('not in the bench: a fresh store has no dataset to locate at')),
        // The log holds no dataset, so the workspace's names are never consulted against one.
        namesInUse: () => Promise.resolve(new Set()),
      });
      const t0 = performance.now();
      const done = await importer.importText(text);
      const ms = performance.now() - t0;
      if (!done.ok || done.value.appended !== events) throw new Error(`the import did not append the log: ${done.ok ? done.value.appended : done.error.message}`);
      store.close();
      return ms;
    };
    const { b, s } = await alternateSamples(ROUNDS, raw, app, 1);
    dir.remove();
    return fromSamples('share.import_ndjson_10k', 'ms', s, b, { events, bytes: Buffer.byteLength(text) });
  },
};

export const benches: Bench[] = [import_ndjson_10k];
