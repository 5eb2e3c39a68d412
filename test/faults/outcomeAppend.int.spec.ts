import type Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../../src/shared/contracts/events';
import type { QueryProgress } from '../../src/shared/contracts/frames';
import { openSessions } from '../../src/shared/views/appView';
import { resultTableId } from '../../src/main/query/sql';
import { diskFullMessage } from '../../src/main/store/storeErrors';
import { addDataset } from '../support/coreDatasets';
import { queryEnd, recordingClient, startQuery } from '../support/coreEvents';
import { readRawStore, sequenceProblems } from '../support/rawStore';
import { recordingLogger } from '../support/recordingLogger';
import { startTestCore, tempDir, type TestCore } from '../support/testCore';

/**
 * The append of a query's end (QueryCompleted / QueryFailed) refused by the store: a full disk or a
 * store that turned read-only while DuckDB ran the query. The faults are SQLite's own, on the core's
 * own store connection: `max_page_count` at the file's current size fails every write that needs a
 * new page with SQLITE_FULL (what ENOSPC gives), `query_only` every write with SQLITE_READONLY.
 */
type Fault = 'full' | 'read-only';

/** 200 columns with long names: the QueryCompleted that lists them needs overflow pages, so a full file cannot take it. */
const WIDE_SQL = `select ${Array.from({ length: 200 }, (_, i) => `${i} as a_column_with_a_rather_long_name_${String(i).padStart(3, '0')}`).join(', ')}`;
const ERROR_ID = /^[0-9a-f-]{36}$/;

const storeDb = (core: TestCore): Database.Database => (core.store as unknown as { db: Database.Database }).db;

/** Breaks the store's writes the way `fault` says; `repair` is the space freed, the file writable again. */
function breakStore(core: TestCore, fault: Fault): { repair(): void } {
  const db = storeDb(core);
  if (fault === 'read-only') {
    db.pragma('query_only = ON');
    return { repair: () => db.pragma('query_only = OFF') };
  }
  // Free pages would be reused before the file grows: none, or the fault is not a full disk.
  expect(db.pragma('freelist_count', { simple: true })).toBe(0);
  // SQLite never sets the limit below the file's size: 1 means "as big as it is now".
  db.pragma('max_page_count = 1');
  return { repair: () => db.pragma('max_page_count = 4294967294') };
}

/** What the store answers a write it refuses, word for word (storeErrors.ts). */
const refusal = (core: TestCore, fault: Fault) =>
  fault === 'full'
    ? { code: 'STORE_FULL', message: diskFullMessage(core.store.path) }
    : { code: 'STORE_WRITE_FAILED', message: `Writing to the event store ${core.store.path} failed, nothing was stored: attempt to write a readonly database` };

/** The error ids of the lines saying the end of `queryId` waits for the store (queryEnds.ts), in order. */
const waitingLogIds = (lines: readonly string[], queryId: string): string[] =>
  lines.flatMap((line) => {
    const l = JSON.parse(line) as { queryId?: string; command?: string; errorId?: string; attempt?: number };
    return l.queryId === queryId && l.command === 'CompleteQuery' && l.attempt !== undefined && l.errorId ? [l.errorId] : [];
  });

const ends = (events: readonly EventEnvelope[], queryId: string): string[] =>
  events.flatMap((e) => ((e.type === 'QueryCompleted' || e.type === 'QueryFailed' || e.type === 'QueryCancelled') && e.payload.queryId === queryId ? [e.type] : []));

describe('the store refuses the append of a query’s end: the query is not left running', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore | undefined;
  let logged: ReturnType<typeof recordingLogger>;
  afterEach(async () => {
    await core?.close();
    core = undefined;
    dir.remove();
  });

  async function start(): Promise<{ core: TestCore; sessionId: string }> {
    logged = recordingLogger();
    core = await startTestCore(dir.path, { log: logged.log });
    return { core, sessionId: openSessions(core.projections.current.view)[0]!.id };
  }

  /**
   * Starts WIDE_SQL and breaks the store the moment its ExecutionBegan is stored, while DuckDB runs
   * it; resolves once the store has refused its QueryCompleted (the refusal is logged with its id).
   */
  async function refusedCompletion(c: TestCore, sessionId: string, fault: Fault): Promise<{ queryId: string; repair(): void }> {
    let broken: { repair(): void } | undefined;
    const off = c.onEvent((e) => {
      if (e.type === 'ExecutionBegan' && e.aggregateId === sessionId) broken ??= breakStore(c, fault);
    });
    const queryId = await startQuery(c, sessionId, WIDE_SQL);
    await vi.waitFor(() => expect(logged.errors.some((line) => line.includes('"command":"CompleteQuery"'))).toBe(true), { timeout: 15_000, interval: 10 });
    off();
    return { queryId, repair: () => broken!.repair() };
  }

  /** Whether DuckDB still holds the query's result table. */
  const hasTable = async (c: TestCore, queryId: string): Promise<boolean> =>
    (await c.queryWorker.request({ type: 'read', sql: `select count(*)::int as n from duckdb_tables() where table_name = '${resultTableId(queryId)}'` }))[0]?.['n'] === 1;

  for (const fault of ['full', 'read-only'] as const) {
    it(`${fault}: the completion is stored once the store takes writes again, with its rows; meanwhile Run is refused and a write says why with an error id`, async () => {
      dir = tempDir();
      const { core: c, sessionId } = await start();
      const client = recordingClient(c);
      await client.conn.handle({ method: 'subscribe', subscriptionId: 's', pattern: `session/${sessionId}` });
      const { queryId, repair } = await refusedCompletion(c, sessionId, fault);

      // The client is told why the query has not ended: its progress says the end waits for the
      // store, with the store's code, message and the id of the log line that says so. Transient:
      // the query is still Executing in the log and the view.
      const waiting = (): QueryProgress[] => client.progress().filter((p): p is QueryProgress => p.kind === 'query' && p.queryId === queryId && p.waitingToSave !== undefined);
      await vi.waitFor(() => expect(waiting().length).toBeGreaterThan(0), { timeout: 5_000, interval: 10 });
      const [first] = waiting();
      expect(first?.waitingToSave).toEqual({ ending: 'completed', rowCount: 1, error: { ...refusal(c, fault), id: expect.stringMatching(ERROR_ID) } });
      expect(first?.rowsAvailable, 'the rows stay pageable while the end waits').toBe(1);
      expect(first?.waitingToSave?.error.id).toBe(waitingLogIds(logged.errors, queryId)[0]);

      // What a person sees while the store refuses: the query runs, Run is refused, and a write
      // (their draft, saved as they type) says why. A small event may still fit in a full file's
      // last pages (a Cancel would be stored: the next test), a big one does not.
      expect(c.view().sessions[sessionId]?.history.at(-1)).toMatchObject({ queryId, phase: 'Executing' });
      const run = await c.dispatch({ type: 'StartQuery', sessionId, sql: 'select 1 as x' });
      expect(run.ok ? 'ok' : run.error.code).toBe('QUERY_IN_FLIGHT');
      const draft = await c.dispatch({ type: 'SaveDraft', sessionId, sql: `-- edited\n${WIDE_SQL}` });
      expect(draft.ok ? 'ok' : draft.error).toMatchObject({ ...refusal(c, fault), id: expect.stringMatching(ERROR_ID) });
      if (fault === 'read-only') {
        const cancel = await c.dispatch({ type: 'CancelQuery', sessionId });
        expect(cancel.ok ? 'ok' : cancel.error).toMatchObject({ ...refusal(c, fault), id: expect.stringMatching(ERROR_ID) });
      }

      repair();
      // Nothing else is written: the query ends by itself, as it ran.
      const end = await queryEnd(c, sessionId, queryId, 15_000);
      // Every attempt said so with its own refusal's id, each the id of a log line; the stored end
      // replaces it: no waiting frame follows the end's event.
      expect(waiting().map((p) => p.waitingToSave?.error.id)).toEqual(waitingLogIds(logged.errors, queryId));
      const frameOf = (pick: (f: (typeof client.frames)[number]) => boolean): number => client.frames.findLastIndex(pick);
      const endFrame = await vi.waitFor(() => {
        const at = frameOf((f) => f.kind === 'event' && f.event.type === 'QueryCompleted' && f.event.payload.queryId === queryId);
        expect(at).toBeGreaterThan(-1);
        return at;
      });
      expect(frameOf((f) => f.kind === 'progress' && f.progress.kind === 'query' && f.progress.queryId === queryId)).toBeLessThan(endFrame);
      client.conn.close();
      expect(end.type === 'QueryFailed' ? end.payload.error.message : end.type).toBe('QueryCompleted');
      expect(end.type === 'QueryCompleted' && end.payload.columns).toHaveLength(200);
      expect(await hasTable(c, queryId)).toBe(true);
      const page = await c.runner.fetchPage(queryId, 0, 1);
      expect(page.ok && page.value.complete && page.value.values[199]).toEqual(['199']);
      // The session runs its next query.
      const next = await startQuery(c, sessionId, 'select 42 as answer');
      expect((await queryEnd(c, sessionId, next)).type).toBe('QueryCompleted');

      await c.close();
      core = undefined;
      const raw = readRawStore(join(dir.path, 'events.sqlite'));
      expect(raw.integrity).toBe('ok');
      expect(sequenceProblems(raw.events)).toEqual([]);
      expect(raw.events.filter((e) => e.payload.includes(queryId) && /^Query(Completed|Failed|Cancelled)$/.test(e.event_type)).map((e) => e.event_type)).toEqual(['QueryCompleted']);
    }, 60_000);
  }

  it('Cancel once the store takes writes again settles the query: QueryCancelled only, its rows dropped, no late completion', async () => {
    dir = tempDir();
    const { core: c, sessionId } = await start();
    const { queryId, repair } = await refusedCompletion(c, sessionId, 'full');
    repair();
    // In the same turn as the repair: before any retry of the completion can be stored.
    const cancel = await c.dispatch({ type: 'CancelQuery', sessionId });
    expect(cancel.ok ? 'ok' : cancel.error.code).toBe('ok');
    expect((await queryEnd(c, sessionId, queryId)).type).toBe('QueryCancelled');
    // DuckDB's table of a result the log never recorded is no result: it goes, not into the cache.
    await vi.waitFor(async () => expect(await hasTable(c, queryId)).toBe(false), { timeout: 10_000, interval: 50 });
    expect(ends(c.store.readAggregate('QuerySession', sessionId), queryId)).toEqual(['QueryCancelled']);
    const next = await startQuery(c, sessionId, 'select 42 as answer');
    expect((await queryEnd(c, sessionId, next)).type).toBe('QueryCompleted');
    expect(ends(c.store.readAggregate('QuerySession', sessionId), queryId)).toEqual(['QueryCancelled']);
  }, 60_000);

  it('Sextant stopped while the completion waits for room: the next start ends the query INTERRUPTED and drops its table', async () => {
    dir = tempDir();
    const { core: c, sessionId } = await start();
    const { queryId } = await refusedCompletion(c, sessionId, 'full');
    await c.close();
    // A new connection has no page limit: the space was freed while Sextant was closed.
    const { core: again } = await start();
    const end = await queryEnd(again, sessionId, queryId);
    expect(end.type === 'QueryFailed' && end.payload.error).toMatchObject({ code: 'INTERRUPTED', id: expect.stringMatching(ERROR_ID) });
    expect(await hasTable(again, queryId)).toBe(false);
    expect(ends(again.store.readAggregate('QuerySession', sessionId), queryId)).toEqual(['QueryFailed']);
  }, 60_000);
});

describe('a completion no event can hold: the query still ends', () => {
  it('a result whose column list is past the payload limit fails PAYLOAD_TOO_LARGE with an id and the datasets it read, instead of running for good', async () => {
    const dir = tempDir();
    const core = await startTestCore(dir.path);
    try {
      const sessionId = openSessions(core.projections.current.view)[0]!.id;
      // 1,500 columns of 750-character names: about 1.2 MB of QueryCompleted, over its 1 MiB limit, from short SQL.
      const names = Array.from({ length: 1500 }, (_, i) => `c${String(i).padStart(4, '0')}_${'n'.repeat(745)}`);
      const csv = join(dir.path, 'wide.csv');
      writeFileSync(csv, `${names.join(',')}\n${names.map((_, i) => i).join(',')}\n`);
      // a dataset it reads beside the file (the wide file itself is no dataset: its registration would be as large)
      writeFileSync(join(dir.path, 'tiny.csv'), 'k\n1\n');
      const tiny = await addDataset(core, join(dir.path, 'tiny.csv'));
      const queryId = await startQuery(core, sessionId, `select * from read_csv('${csv}'), ${tiny.name}`);
      const end = await queryEnd(core, sessionId, queryId);
      expect(end.type === 'QueryFailed' && end.payload.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', id: expect.stringMatching(ERROR_ID), message: expect.stringMatching(/^A QueryCompleted event of \d{1,3}(,\d{3})+ characters was refused/) });
      // as every failure does, it says which datasets it read (sextant.queries.datasets_read)
      expect(end.type === 'QueryFailed' && end.payload.inputs?.map((i) => i.datasetId)).toEqual([tiny.id]);
      const next = await startQuery(core, sessionId, 'select 42 as answer');
      expect((await queryEnd(core, sessionId, next)).type).toBe('QueryCompleted');
    } finally {
      await core.close();
      dir.remove();
    }
  }, 60_000);
});
