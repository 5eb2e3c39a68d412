import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { EventMetadata } from '../src/shared/contracts/events';
import { EventStore, type NewEvent } from '../src/main/store/eventStore';
import { tempDir } from '../src/main/testing/testCore';
import { interleaved, result, type Bench } from './harness';

const metadata: EventMetadata = { commandId: 'c', correlationId: 'c', issuedBy: 'user' };
const event = (i: number): NewEvent => ({
  event: { type: 'QueryStarted', payload: { queryId: `q${i}`, sql: 'select * from flights_3m where delay > 10' } },
  topic: 'session/bench',
  metadata,
  occurredAt: new Date(0).toISOString(),
});

/** A raw better-sqlite3 table with the same schema and pragmas: the baseline. */
function rawTable(path: string): { db: Database.Database; insert: Database.Statement } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (
    global_seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, aggregate_type TEXT NOT NULL,
    aggregate_id TEXT NOT NULL, aggregate_seq INTEGER NOT NULL, event_type TEXT NOT NULL, schema_version INTEGER NOT NULL,
    topic TEXT NOT NULL, payload TEXT NOT NULL CHECK (json_valid(payload)), metadata TEXT NOT NULL CHECK (json_valid(metadata)),
    occurred_at TEXT NOT NULL, UNIQUE (aggregate_type, aggregate_id, aggregate_seq)) STRICT;
    CREATE INDEX events_topic_seq ON events (topic, global_seq);`);
  const insert = db.prepare(
    `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
     VALUES (?, 'QuerySession', 'bench', ?, 'QueryStarted', 1, 'session/bench', ?, ?, ?)`,
  );
  return { db, insert };
}

export const benches: Bench[] = [
  {
    name: 'store.append_one',
    async run() {
      const dir = tempDir('sextant-bench-');
      const store = new EventStore(`${dir.path}/events.sqlite`);
      const raw = rawTable(`${dir.path}/raw.sqlite`);
      let version = 0;
      let rawSeq = 0;
      const rawTx = raw.db.transaction((i: number) => {
        const e = event(i);
        raw.insert.run(uuidv7(), ++rawSeq, JSON.stringify(e.event.payload), JSON.stringify(e.metadata), e.occurredAt);
      });
      const { value, baseline } = await interleaved(
        5,
        200,
        () => rawTx.immediate(rawSeq),
        () => {
          store.append('QuerySession', 'bench', version, [event(version)]);
          version++;
        },
      );
      store.close();
      raw.db.close();
      dir.remove();
      return result('store.append_one', 'ms', value, baseline);
    },
  },
];
