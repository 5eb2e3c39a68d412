import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Command, CommandMeta, SessionCommand } from '../../shared/contracts/commands';
import type { AppError, Result } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import type { ForkedHistoryEntry } from '../../shared/contracts/sessionForked';
import { createLogger, type Logger } from '../platform/logger';
import { EventStore, MAX_EVENT_PAYLOAD_CHARS } from '../store/eventStore';
import { Bus } from '../streams/bus';
import { Projections } from '../streams/projections';
import { tempDir } from '../../../test/support/testCore';
import { CommandHandler, SYSTEM_RETRIES } from './commandHandler';

let n = 0;
const meta = (issuedBy: CommandMeta['issuedBy'] = 'user'): CommandMeta => ({ commandId: `cmd-${++n}`, correlationId: `corr-${n}`, issuedBy });
const sessionId = 's1';
const rename = (title: string): SessionCommand => ({ type: 'RenameSession', sessionId, title });
const attach = (datasetId: string): SessionCommand => ({ type: 'AttachDataset', sessionId, datasetId });

const carried: ForkedHistoryEntry = { queryId: 'q0', sql: 'select 0', phase: 'Completed', startedAt: '2026-01-01T00:00:00.000Z', rowCount: 1, columns: [{ name: 'x', type: 'INTEGER' }] };
const forkCarrying = (entry: ForkedHistoryEntry): Command => ({
  type: 'ForkSession',
  sessionId: 'fork-1',
  title: 'S (fork)',
  from: { sessionId, seq: 1, title: 'S', occurredAt: '2026-01-01T00:00:00.000Z' },
  draft: '',
  datasetIds: [],
  history: [carried, entry],
});

const errorOf = (r: Result<unknown>): AppError => {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
};

describe('CommandHandler', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: EventStore;
  let bus: Bus;
  let log: Logger;
  let handler: CommandHandler;
  let published: EventEnvelope[];

  beforeEach(async () => {
    dir = tempDir('sextant-handler-');
    store = new EventStore(join(dir.path, 'events.sqlite'));
    bus = new Bus();
    published = [];
    bus.subscribe((m) => m.kind === 'event' && published.push(m.event));
    log = createLogger(dir.path, { sync: true, level: 'info' });
    handler = new CommandHandler(store, bus, log);
    expect((await handler.handle({ type: 'OpenSession', sessionId, title: 'S' }, meta())).ok).toBe(true);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const logLines = (): Array<Record<string, unknown>> =>
    readFileSync(join(dir.path, 'logs', 'sextant.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const sessionEvents = () => store.readAggregate('QuerySession', sessionId);

  it('appends what the decider decided at the aggregate’s version and publishes the stored envelopes', async () => {
    const m = meta();
    const r = await handler.handle(rename('Flights'), m);
    expect(r.ok && r.value.map((e) => [e.type, e.aggregateSeq, e.metadata.correlationId])).toEqual([['SessionRenamed', 2, m.correlationId]]);
    expect(published.map((e) => e.globalSeq)).toEqual(sessionEvents().map((e) => e.globalSeq));
    // a decision with no events writes nothing and publishes nothing
    expect(await handler.handle(rename('Flights'), meta())).toEqual({ ok: true, value: [] });
    expect(sessionEvents()).toHaveLength(2);
  });

  it('given two handlers interleaving on one session, then exactly one person’s command wins each version', async () => {
    const other = new CommandHandler(store, bus, log);
    for (let round = 0; round < 25; round++) {
      const results = await Promise.all([handler.handle(rename(`a${round}`), meta()), other.handle(rename(`b${round}`), meta())]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const loser = errorOf(results.find((r) => !r.ok)!);
      expect(loser.code).toBe('VERSION_CONFLICT');
      expect(loser.message).toBe('This session changed, try again.');
      expect(loser.details).toMatchObject({ expected: round + 1, actual: round + 2 });
    }
    const events = sessionEvents();
    expect(events.map((e) => e.aggregateSeq)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
  });

  it('given ten people acting on one session through ten handlers at once, then one wins and nine are told to try again', async () => {
    const handlers = Array.from({ length: 10 }, () => new CommandHandler(store, bus, log));
    const results = await Promise.all(handlers.map((h, i) => h.handle(rename(`t${i}`), meta())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(results.filter((r) => !r.ok).map((r) => errorOf(r).code))).toEqual(new Set(['VERSION_CONFLICT']));
    expect(sessionEvents()).toHaveLength(2);
  });

  it('given one window’s commands arriving together on one handler, then they apply one after another, none refused', async () => {
    // A draft save and a run in the same instant are one person's sequence, not a conflict.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => handler.handle(rename(`t${i}`), meta())));
    expect(results.every((r) => r.ok)).toBe(true);
    const titles = sessionEvents().flatMap((e) => (e.type === 'SessionRenamed' ? [e.payload.title] : []));
    expect(titles).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`));
  });

  it(`given ${1 + SYSTEM_RETRIES} system commands racing through as many handlers, then each reloads and retries until all are recorded`, async () => {
    const ids = Array.from({ length: 1 + SYSTEM_RETRIES }, (_, i) => `d${i}`);
    const results = await Promise.all(ids.map((d) => new CommandHandler(store, bus, log).handle(attach(d), meta('system'))));
    expect(results.every((r) => r.ok)).toBe(true);
    const attached = sessionEvents().flatMap((e) => (e.type === 'DatasetAttached' ? [e.payload.datasetId] : []));
    expect(attached.sort()).toEqual(ids);
    expect(sessionEvents().map((e) => e.aggregateSeq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('given more racing system commands than retries allow, then the last ones fail with an id, logged with the correlation id', async () => {
    const metas = Array.from({ length: 3 + SYSTEM_RETRIES }, () => meta('system'));
    const results = await Promise.all(metas.map((m, i) => new CommandHandler(store, bus, log).handle(attach(`d${i}`), m)));
    expect(results.filter((r) => r.ok)).toHaveLength(1 + SYSTEM_RETRIES);
    const failures = results.filter((r) => !r.ok).map(errorOf);
    expect(failures).toHaveLength(2);
    for (const f of failures) {
      expect(f.code).toBe('VERSION_CONFLICT');
      expect(f.message).toBe(`The session kept changing; gave up after ${1 + SYSTEM_RETRIES} attempts.`);
      expect(f.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const lines = logLines().filter((l) => l['code'] === 'VERSION_CONFLICT');
    expect(lines.map((l) => l['errorId']).sort()).toEqual(failures.map((f) => f.id).sort());
    for (const l of lines) {
      expect(l['level']).toBe(50); // error
      expect(l['attempts']).toBe(1 + SYSTEM_RETRIES);
      expect(metas.map((m) => m.correlationId)).toContain(l['correlationId']);
    }
  });

  it('given a write made elsewhere since its last command, then the handler decides on the current state', async () => {
    await handler.handle(rename('cached'), meta()); // the handler now holds the session at version 2
    const elsewhere = new CommandHandler(store, bus, log);
    expect((await elsewhere.handle({ type: 'CloseSession', sessionId }, meta())).ok).toBe(true);
    expect(errorOf(await handler.handle(rename('too late'), meta())).code).toBe('SESSION_CLOSED');
  });

  it('given nothing written since its last command, then the next reads nothing from the store', async () => {
    await handler.handle(rename('cached'), meta());
    let reads = 0;
    const read = store.readAggregate.bind(store);
    store.readAggregate = (...args) => (reads++, read(...args));
    expect((await handler.handle(rename('again'), meta())).ok).toBe(true);
    expect(reads).toBe(0);
    await new CommandHandler(store, bus, log).handle(rename('elsewhere'), meta());
    reads = 0;
    expect((await handler.handle(rename('after'), meta())).ok).toBe(true);
    expect(reads).toBe(1);
  });

  it('given an import that continued the session since its last command, then the handler decides on the imported state', async () => {
    await handler.handle(rename('cached'), meta()); // the handler now holds the session at version 2
    const [opened] = store.readAggregate('QuerySession', sessionId);
    store.importEvents([{ ...opened!, eventId: 'imported-close', aggregateSeq: 3, type: 'SessionClosed', payload: {} } as Parameters<EventStore['importEvents']>[0][number]]);
    expect(errorOf(await handler.handle(rename('too late'), meta())).code).toBe('SESSION_CLOSED');
  });

  it('gives the same decisions with and without its state cache', async () => {
    const uncached = new CommandHandler(store, bus, log, { cacheSize: 0 });
    const script: Array<[CommandHandler, Command]> = [
      [handler, { type: 'StartQuery', sessionId, queryId: 'q1', sql: 'select 1' }],
      [uncached, { type: 'BeginExecution', sessionId, queryId: 'q1' }],
      [handler, { type: 'StartQuery', sessionId, queryId: 'q2', sql: 'select 2' }],
      [uncached, { type: 'CancelQuery', sessionId, reason: 'user' }],
      [handler, { type: 'CompleteQuery', sessionId, queryId: 'q1', rowCount: 1, columns: [], durationMs: 1 }],
      [handler, { type: 'StartQuery', sessionId, queryId: 'q3', sql: 'select 3' }],
    ];
    const outcomes = [];
    for (const [h, c] of script) {
      const r = await h.handle(c, meta());
      outcomes.push(r.ok ? r.value.map((e) => e.type).join() : r.error.code);
    }
    expect(outcomes).toEqual(['QueryStarted', 'ExecutionBegan', 'QUERY_IN_FLIGHT', 'QueryCancelled', 'QUERY_MISMATCH', 'QueryStarted']);
  });

  describe('checks every event against its contract before append, whoever issued the command', () => {
    beforeEach(async () => {
      await handler.handle({ type: 'StartQuery', sessionId, queryId: 'q1', sql: 'select 1' }, meta());
    });
    const refusals: Array<[string, Command]> = [
      ['a negative row count', { type: 'CompleteQuery', sessionId, queryId: 'q1', rowCount: -1, columns: [], durationMs: 1 }],
      ['a NaN duration', { type: 'CompleteQuery', sessionId, queryId: 'q1', rowCount: 1, columns: [], durationMs: Number.NaN }],
      ['a column without a type', { type: 'CompleteQuery', sessionId, queryId: 'q1', rowCount: 1, columns: [{ name: 'x' } as never], durationMs: 1 }],
      ['an error without an id', { type: 'FailQuery', sessionId, queryId: 'q1', error: { code: 'SQL_ERROR', message: 'm' } as never }],
      ['a title that is not text', { type: 'RenameSession', sessionId, title: 42 as never }],
      // A fork's history is checked once, as the event it becomes: a bad entry is still refused.
      ['a fork carrying a history entry with a negative row count', forkCarrying({ ...carried, rowCount: -1 })],
      ['a fork carrying a history entry that is still running', forkCarrying({ ...carried, phase: 'Executing' as never })],
      ['a fork carrying a history entry that is not an entry', forkCarrying('select 1' as never)],
    ];
    it.each(refusals)('refuses %s with INVALID_COMMAND and writes nothing', async (_what, command) => {
      const before = store.lastSeq();
      const error = errorOf(await handler.handle(command, meta('system')));
      expect(error.code).toBe('INVALID_COMMAND');
      expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(store.lastSeq()).toBe(before);
    });

    it('refuses a command without a usable target id', async () => {
      for (const bad of ['', 'x'.repeat(129), 7 as never]) {
        expect(errorOf(await handler.handle({ type: 'CloseSession', sessionId: bad }, meta('system'))).code).toBe('INVALID_COMMAND');
      }
      expect(errorOf(await handler.handle(null as never, meta('system'))).code).toBe('INVALID_COMMAND');
    });

    it('refuses an event over the size limit with PAYLOAD_TOO_LARGE', async () => {
      const before = store.lastSeq();
      const huge = { type: 'FailQuery', sessionId, queryId: 'q1', error: { id: 'e', code: 'SQL_ERROR', message: 'x'.repeat(MAX_EVENT_PAYLOAD_CHARS) } } as const;
      expect(errorOf(await handler.handle(huge, meta('system'))).code).toBe('PAYLOAD_TOO_LARGE');
      expect(store.lastSeq()).toBe(before);
    });
  });

  it('given the store failing under it, then the failure carries an id and is logged with correlation id and stack', async () => {
    store.close();
    const m = meta();
    const error = errorOf(await handler.handle({ type: 'OpenSession', sessionId: 's2', title: 'x' }, m));
    expect(error.code).toBe('STORE_READ_FAILED');
    const line = logLines().find((l) => l['errorId'] === error.id);
    expect(line).toMatchObject({ level: 50, code: 'STORE_READ_FAILED', correlationId: m.correlationId, commandId: m.commandId, command: 'OpenSession' });
    expect(line?.['stack']).toMatch(/\n\s+at /);
  });

  describe('main\'s view', () => {
    it('given a bus listener subscribed before anything else, then every event it hears is already in the view', async () => {
      const bus = new Bus((e) => {
        throw e;
      });
      const projections = new Projections();
      projections.rebuild(store);
      const seen: Array<{ event: number; view: number; title: string | undefined }> = [];
      bus.subscribe((m) => {
        if (m.kind !== 'event') return;
        const { seq, view } = projections.current;
        seen.push({ event: m.event.globalSeq, view: seq, title: view.sessions[sessionId]?.title });
      });
      const projecting = new CommandHandler(store, bus, log, { projections });
      expect((await projecting.handle(rename('First'), meta())).ok).toBe(true);
      expect((await projecting.handle(rename('Second'), meta())).ok).toBe(true);
      const seqs = sessionEvents().slice(-2).map((e) => e.globalSeq);
      expect(seen).toEqual([
        { event: seqs[0], view: seqs[0], title: 'First' },
        { event: seqs[1], view: seqs[1], title: 'Second' },
      ]);
    });

    it('given a fold that throws, then the events are still stored, published and the command succeeds; the failure is logged with an id', async () => {
      const broken = { apply: () => { throw new Error('fold bug'); } };
      const projecting = new CommandHandler(store, bus, log, { projections: broken });
      const before = published.length;
      const r = await projecting.handle(rename('Still stored'), meta());
      expect(r.ok).toBe(true);
      expect(published.length).toBe(before + 1);
      expect(logLines().find((l) => l['code'] === 'INTERNAL' && typeof l['errorId'] === 'string')).toBeDefined();
    });
  });
});
