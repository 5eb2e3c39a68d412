import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { CommandMeta } from '../src/shared/contracts/commands';
import type { EventMetadata } from '../src/shared/contracts/events';
import { CommandHandler } from '../src/main/commands/commandHandler';
import { silentLogger } from '../src/main/platform/logger';
import { EventStore, type NewEvent } from '../src/main/store/eventStore';
import { Bus } from '../src/main/streams/bus';
import { tempDir } from '../test/support/testCore';
import { interleaved, result, type Bench } from './harness';

const HISTORY = 10_000;
const meta: CommandMeta = { commandId: 'c', correlationId: 'c', issuedBy: 'user' };
const metadata: EventMetadata = { commandId: 'c', correlationId: 'c', issuedBy: 'user' };

/** A session that ran HISTORY / 3 queries: what a command on a long-lived tab has behind it. */
function longSession(store: EventStore, id: string): void {
  const events: NewEvent[] = [{ event: { type: 'SessionOpened', payload: { title: 'long' } }, topic: `session/${id}`, metadata, occurredAt: 't' }];
  for (let q = 0; events.length < HISTORY; q++) {
    const queryId = `q${q}`;
    events.push(
      { event: { type: 'QueryStarted', payload: { queryId, sql: 'select * from flights_3m where delay > 10' } }, topic: `session/${id}`, metadata, occurredAt: 't' },
      { event: { type: 'ExecutionBegan', payload: { queryId } }, topic: `session/${id}`, metadata, occurredAt: 't' },
      { event: { type: 'QueryCompleted', payload: { queryId, rowCount: 10, columns: [{ name: 'n', type: 'BIGINT' }], durationMs: 3 } }, topic: `session/${id}`, metadata, occurredAt: 't' },
    );
  }
  store.append('QuerySession', id, 0, events);
}

/**
 * One person's command (a rename) on a session with 10,000 events behind it, through the whole
 * handler (load, decide, check, durable append, publish), against a raw durable insert of one row.
 * The handler keeps folded states by version, so it reads only what is new; `uncached_ms` is the
 * same command refolding the whole history every time.
 */
const handle_long_session: Bench = {
  name: 'commands.handle_long_session',
  async run() {
    const dir = tempDir('sextant-bench-');
    const store = new EventStore(`${dir.path}/events.sqlite`);
    longSession(store, 'cached');
    longSession(store, 'uncached');
    const bus = new Bus();
    const cached = new CommandHandler(store, bus, silentLogger());
    const uncached = new CommandHandler(store, bus, silentLogger(), { cacheSize: 0 });
    const raw = new Database(`${dir.path}/raw.sqlite`);
    raw.pragma('locking_mode = EXCLUSIVE');
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec('CREATE TABLE events (global_seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, payload TEXT NOT NULL CHECK (json_valid(payload)), metadata TEXT NOT NULL)');
    const insert = raw.prepare('INSERT INTO events (event_id, payload, metadata) VALUES (?, ?, ?)');
    const rawTx = raw.transaction((title: string) => insert.run(uuidv7(), JSON.stringify({ title }), JSON.stringify(metadata)));
    let n = 0;
    const command = (sessionId: string) => ({ type: 'RenameSession' as const, sessionId, title: `title ${n++}` });
    const ok = async (h: CommandHandler, id: string) => {
      const r = await h.handle(command(id), meta);
      if (!r.ok) throw new Error(r.error.message);
    };
    const { value, baseline } = await interleaved(5, 40, () => rawTx.immediate(`title ${n++}`), () => ok(cached, 'cached'));
    const slow = await interleaved(2, 10, () => rawTx.immediate(`title ${n++}`), () => ok(uncached, 'uncached'));
    store.close();
    raw.close();
    dir.remove();
    return result('commands.handle_long_session', 'ms', value, baseline, { history: HISTORY, uncached_ms: slow.value.toFixed(2) });
  },
};

export const benches: Bench[] = [handle_long_session];
