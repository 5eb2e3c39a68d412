import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../shared/contracts/commands';
import { ErrorCodes, type Result } from '../../shared/contracts/errors';
import { domainEventSchema, eventMetadataSchema } from '../../shared/contracts/events';
import { MAX_MESSAGE_BYTES } from '../../shared/contracts/protocol';
import { isInFlight } from '../../shared/domain/queryLifecycle';
import { openSessions } from '../../shared/views/appView';
import { ProtocolClient } from '../../../test/support/protocolClient';
import { newId } from '../platform/ids';
import { EventStore } from '../store/eventStore';
import { Projections } from '../streams/projections';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
const ERROR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const known = new Set<string>(ErrorCodes);

/** Anything a field could hold, from plausible to hostile. */
const junk = fc.oneof(
  fc.string(),
  fc.string({ minLength: 300, maxLength: 2000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', '__proto__', 'constructor', 'select 1', "'; drop table events; --"),
);

describe('bad input: 1,000 fuzzed commands against a real core', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  let conn: ProtocolClient;
  let sessions: string[];

  beforeAll(async () => {
    dir = tempDir('sextant-fuzz-');
    core = await startTestCore(dir.path);
    conn = new ProtocolClient((channel) => core.connect(channel));
    for (const title of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']) await core.dispatch({ type: 'OpenSession', title });
    sessions = openSessions(core.projections.current.view).map((s) => s.id);
  }, 60_000);
  afterAll(async () => {
    conn.transport.drop();
    await core.close();
    dir.remove();
  });

  const id = () => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...sessions) }, { weight: 1, arbitrary: fc.constantFrom('q1', newId()) }, { weight: 2, arbitrary: junk });
  const sql = fc.oneof(fc.constantFrom('select 1', 'selec 1', 'select * from range(5)', 'select 1/0', 'select * from nowhere', ''), fc.string(), junk);

  /** Commands shaped like the renderer's, with a field gone wrong now and then. */
  const mutatedCommand = () => {
    const title = fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) }, { weight: 1, arbitrary: junk });
    const sessionRef = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...sessions) }, { weight: 1, arbitrary: junk });
    const plausibleCommand = fc.oneof(
      fc.record({ type: fc.constant('OpenSession'), title }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.constant('RenameSession'), sessionId: sessionRef, title }),
      fc.record({ type: fc.constant('CloseSession'), sessionId: sessionRef }),
      fc.record({ type: fc.constant('AttachDataset'), sessionId: sessionRef, datasetId: fc.oneof(fc.constantFrom('d1', 'd2'), junk) }),
      fc.record({ type: fc.constant('StartQuery'), sessionId: sessionRef, sql }),
      fc.record({ type: fc.constant('CancelQuery'), sessionId: sessionRef }),
      fc.record({ type: fc.constant('AddDataset'), source: fc.oneof(fc.constantFrom('/nope/x.csv', '/', '.', 'node_modules/vega-datasets/package.json'), junk) }),
      fc.record({ type: fc.constant('RemoveDataset'), datasetId: fc.oneof(fc.constantFrom('d1'), junk) }),
    );
    return fc
      .tuple(plausibleCommand, fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom('type', 'sessionId', 'extra'), junk) }))
      .map(([command, change]) => (change ? { ...command, [change[0]]: change[1] } : command));
  };

  /** What a renderer (or anything on the socket) could send. */
  const clientRequest = () =>
    fc.oneof(
      { weight: 2, arbitrary: fc.anything() },
      { weight: 5, arbitrary: fc.record({ method: fc.constant('dispatch'), command: mutatedCommand() }) },
      {
        weight: 2,
        arbitrary: fc.record(
          {
            method: fc.oneof({ weight: 5, arbitrary: fc.constant('dispatch') }, { weight: 1, arbitrary: fc.constantFrom('subscribe', 'fetchPage', 'nope') }),
            command: fc.record(
              {
                type: fc.oneof(
                  { weight: 6, arbitrary: fc.constantFrom('OpenSession', 'RenameSession', 'CloseSession', 'AttachDataset', 'StartQuery', 'CancelQuery', 'AddDataset', 'RemoveDataset') },
                  { weight: 1, arbitrary: fc.oneof(fc.constantFrom('CompleteQuery', 'RegisterDataset'), junk) },
                ),
                sessionId: id(),
                datasetId: id(),
                title: fc.oneof(fc.string({ maxLength: 40 }), junk),
                sql,
                source: fc.oneof(fc.constantFrom('/nope/x.csv', '/', '.', 'node_modules/vega-datasets/package.json'), junk),
                extra: junk,
              },
              { requiredKeys: ['type'] },
            ),
          },
          { requiredKeys: [] },
        ),
      },
    );

  /** What a buggy or hostile part of main could hand the handler, as the system. */
  const systemCommand = () =>
    fc.record(
      {
        type: fc.oneof(
          fc.constantFrom('OpenSession', 'RenameSession', 'CloseSession', 'AttachDataset', 'StartQuery', 'CancelQuery', 'BeginExecution', 'CompleteQuery', 'FailQuery'),
          fc.constantFrom('RequestDataset', 'RegisterDataset', 'FailDataset', 'RemoveDataset', 'Bogus'),
        ),
        sessionId: id(),
        datasetId: id(),
        queryId: id(),
        title: junk,
        sql,
        reason: junk,
        rowCount: fc.oneof(fc.nat(), junk),
        columns: fc.oneof(fc.array(fc.record({ name: fc.string(), type: fc.string() }), { maxLength: 3 }), junk),
        durationMs: fc.oneof(fc.nat(), fc.double(), junk),
        error: fc.oneof(fc.record({ id: fc.uuid(), code: fc.constantFrom('SQL_ERROR'), message: fc.string() }), junk),
        name: junk,
        source: junk,
        format: fc.oneof(fc.constantFrom('csv', 'parquet'), junk),
      },
      { requiredKeys: ['type'] },
    );

  function expectRefusedOrHandled(r: Result<unknown>, what: unknown): void {
    if (r.ok) return;
    expect(known.has(r.error.code), `unknown code ${r.error.code} for ${JSON.stringify(what)}`).toBe(true);
    expect(r.error.id, `error without an id for ${JSON.stringify(what)}`).toMatch(ERROR_ID);
  }

  it(`refuses or handles every one, and leaves a consistent store (seed ${SEED})`, async () => {
    const requests = fc.sample(clientRequest(), { numRuns: 750, seed: SEED });
    const system = fc.sample(systemCommand(), { numRuns: 200, seed: SEED + 1 });
    const oversize = fc.sample(fc.string({ minLength: 1, maxLength: 20 }), { numRuns: 50, seed: SEED + 2 });
    const outcomes = { ok: 0, refused: 0 };
    const count = (r: Result<unknown>) => void (r.ok ? outcomes.ok++ : outcomes.refused++);

    for (let i = 0; i < requests.length; i += 10) {
      // ten at a time: fuzzed commands also race each other on the same sessions
      const batch = requests.slice(i, i + 10);
      const results = await Promise.all(batch.map((raw) => conn.request(raw)));
      results.forEach((r, k) => {
        expectRefusedOrHandled(r, batch[k]);
        count(r);
      });
    }
    for (const command of system) {
      const r = await core.handler.handle(command as unknown as Command, { commandId: newId(), correlationId: newId(), issuedBy: 'system' });
      expectRefusedOrHandled(r, command);
      count(r);
    }
    for (const s of oversize) {
      const raw = { method: 'dispatch', command: { type: 'RenameSession', sessionId: sessions[0], title: s.repeat(Math.ceil(MAX_MESSAGE_BYTES / s.length) + 1) } };
      // Refused on the wire, before it is parsed, so the refusal cannot echo the call's id.
      const refusals = conn.orphanResponses.length;
      conn.sendRaw(JSON.stringify({ id: 1_000_000, request: raw }));
      while (conn.orphanResponses.length === refusals) await new Promise((resolve) => setTimeout(resolve, 2));
      const r = conn.orphanResponses.at(-1)!;
      expect(r.ok ? 'ok' : r.error.code).toBe('PAYLOAD_TOO_LARGE');
      count(r);
    }
    expect(outcomes.ok + outcomes.refused).toBe(1000);
    expect(outcomes.ok).toBeGreaterThan(30); // the fuzz reached the store, not only the parsers
    expect(outcomes.refused).toBeGreaterThan(300);

    // let queries and dataset registrations the fuzz started settle
    await core.catalog.idle();
    for (let t = 0; t < 300; t++) {
      const busy = Object.values(core.projections.current.view.sessions).some((s) => isInFlight(s.history.at(-1)?.phase));
      if (!busy) break;
      await sleep(100);
    }

    // the process is alive and still works
    const probe = await core.dispatch({ type: 'OpenSession', title: 'after the fuzz' });
    expect(probe.ok).toBe(true);

    // main's projection equals a rebuild from the store, event for event
    const { seq, view } = core.projections.current;
    const path = join(dir.path, 'events.sqlite');
    await core.close();
    const store = new EventStore(path);
    const rebuilt = new Projections();
    rebuilt.rebuild(store);
    expect(rebuilt.current.seq).toBe(seq);
    expect(rebuilt.current.view).toEqual(view);
    store.close();

    // and the log itself: intact, contiguous, every event on contract
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db
      .prepare<[], { aggregate_type: string; aggregate_id: string; aggregate_seq: number; event_type: string; payload: string; metadata: string }>('SELECT * FROM events ORDER BY global_seq')
      .all();
    const last = new Map<string, number>();
    const problems: string[] = [];
    for (const r of rows) {
      const aggregate = `${r.aggregate_type}/${r.aggregate_id}`;
      if (r.aggregate_seq !== (last.get(aggregate) ?? 0) + 1) problems.push(`${aggregate} seq ${r.aggregate_seq}`);
      last.set(aggregate, r.aggregate_seq);
      if (!domainEventSchema.safeParse({ type: r.event_type, payload: JSON.parse(r.payload) }).success) problems.push(`off-contract ${r.event_type} ${r.payload.slice(0, 200)}`);
      if (!eventMetadataSchema.safeParse(JSON.parse(r.metadata)).success) problems.push(`bad metadata ${r.metadata}`);
    }
    db.close();
    expect(problems).toEqual([]);
    core = await startTestCore(dir.path); // afterAll closes it again
  }, 240_000);
});
