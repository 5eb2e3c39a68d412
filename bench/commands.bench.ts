import type { CommandMeta } from '../src/shared/contracts/commands';
import type { EventMetadata } from '../src/shared/contracts/events';
import { CommandHandler } from '../src/main/commands/commandHandler';
import { silentLogger } from '../src/main/platform/logger';
import { newId } from '../src/main/platform/ids';
import { EventStore, type NewEvent } from '../src/main/store/eventStore';
import { Bus } from '../src/main/streams/bus';
import { tempDir } from '../test/support/testCore';
import { fromSamples, interleaved, type Bench } from './harness';
import { rawEventLog } from './rawEventLog';

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
  what: 'a rename through the whole handler (load, decide, durable append, publish) on a session with 10,000 events vs a raw durable insert of the same row into a file with the same schema, indexes and rows',
  async run() {
    const dir = tempDir('sextant-bench-');
    const store = new EventStore(`${dir.path}/events.sqlite`);
    longSession(store, 'cached');
    longSession(store, 'uncached');
    const bus = new Bus();
    const cached = new CommandHandler(store, bus, silentLogger());
    const uncached = new CommandHandler(store, bus, silentLogger(), { cacheSize: 0 });
    // The baseline's file is the store's: same schema and indexes, same pragmas, the same 20,000
    // rows behind it, and each insert writes the row the store writes (all columns, in one
    // IMMEDIATE transaction), so the ratio is the handler's own cost.
    const raw = rawEventLog(`${dir.path}/raw.sqlite`, { exclusive: true });
    const insert = raw.prepare(
      `INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
       VALUES (?, 'QuerySession', ?, ?, ?, 1, ?, ?, ?, ?)`,
    );
    const rawSeq = new Map<string, number>();
    const rawRow = (id: string, type: string, payload: unknown) => {
      const seq = (rawSeq.get(id) ?? 0) + 1;
      rawSeq.set(id, seq);
      insert.run(newId(), id, seq, type, `session/${id}`, JSON.stringify(payload), JSON.stringify(metadata), new Date().toISOString());
    };
    raw.transaction(() => {
      for (const id of ['cached', 'uncached']) for (const e of store.readAggregate('QuerySession', id)) rawRow(id, e.type, e.payload);
    })();
    const rawTx = raw.transaction((title: string) => rawRow('cached', 'SessionRenamed', { title }));
    let n = 0;
    const command = (sessionId: string) => ({ type: 'RenameSession' as const, sessionId, title: `title ${n++}` });
    const ok = async (h: CommandHandler, id: string) => {
      const r = await h.handle(command(id), meta);
      if (!r.ok) throw new Error(r.error.message);
    };
    const { s, b } = await interleaved(5, 40, () => rawTx.immediate(`title ${n++}`), () => ok(cached, 'cached'));
    // Each uncached command refolds the whole history (seconds on this machine): five samples after one warm-up.
    const slow = await interleaved(1, 5, () => rawTx.immediate(`title ${n++}`), () => ok(uncached, 'uncached'), 1);
    store.close();
    raw.close();
    dir.remove();
    return fromSamples('commands.handle_long_session', 'ms', s, b, { history: HISTORY, uncached_ms: slow.value.toFixed(2) });
  },
};

export const benches: Bench[] = [handle_long_session];
