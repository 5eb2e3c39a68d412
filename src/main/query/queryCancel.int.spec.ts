import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandMeta, SessionCommand } from '../../shared/contracts/commands';
import { appError, fail, type AppError } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery, waitForEvent } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { CommandHandler } from '../commands/commandHandler';
import { newId } from '../platform/ids';
import { silentLogger } from '../platform/logger';
import { Bus } from '../streams/bus';
import { DatasetAvailability } from '../catalog/datasetAvailability';
import { QueryRunner } from './queryRunner';
import type { RunOutcome } from './workerProtocol';
import type { QueryWorker } from './queryWorker';
import type { RunHooks } from './workerThread';
import { resultTableName } from './sql';
import { handlerOnTempStore } from '../../../test/support/handlerOnTempStore';

/** One run on the stand-in pool, settled by the test as DuckDB would. */
interface FakeRun {
  readonly jobId: number;
  readonly hooks: RunHooks;
  settled: boolean;
  complete(outcome?: Partial<RunOutcome>): void;
  interrupt(): void;
}

/**
 * A worker pool whose runs end when the test says: lets a test put a completion and a cancel in
 * any order, which real DuckDB only does by chance. `onCancel` is what the "worker" does when the
 * interrupt reaches it (by default: the query stops with INTERRUPTED).
 */
class ControlledPool {
  readonly runs: FakeRun[] = [];
  readonly execs: string[] = [];
  /** What the store held each time a cancel reached the pool. */
  readonly cancelsSeen: { jobId: number; cancelStored: boolean }[] = [];
  onCancel: (run: FakeRun) => void = (run) => run.interrupt();

  constructor(private readonly cancelStored: () => boolean) {}

  run(_sql: string, _table: string, hooks: RunHooks): { jobId: number; done: Promise<RunOutcome> } {
    const jobId = this.runs.length + 1;
    let resolve!: (o: RunOutcome) => void;
    let reject!: (e: AppError) => void;
    const done = new Promise<RunOutcome>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const run: FakeRun = {
      jobId,
      hooks,
      settled: false,
      complete: (outcome) => {
        if (run.settled) return;
        run.settled = true;
        resolve({ rowCount: 1, columns: [{ name: 'x', type: 'INTEGER' }], durationMs: 1, hasTable: true, ...outcome });
      },
      interrupt: () => {
        if (run.settled) return;
        run.settled = true;
        reject(appError(newId(), 'INTERRUPTED', 'The query was cancelled.'));
      },
    };
    this.runs.push(run);
    queueMicrotask(() => hooks.onBegan());
    return { jobId, done };
  }

  cancel(jobId: number): void {
    this.cancelsSeen.push({ jobId, cancelStored: this.cancelStored() });
    const run = this.runs.find((r) => r.jobId === jobId);
    if (run && !run.settled) this.onCancel(run);
  }

  request(r: { type: string; sql?: string }): Promise<unknown> {
    if (r.type === 'exec' && r.sql) this.execs.push(r.sql);
    return Promise.resolve(r.type === 'read' ? [] : null);
  }
}

const meta = (): CommandMeta => ({ commandId: newId(), correlationId: newId(), issuedBy: 'user' });
const cancel = (sessionId: string): Extract<SessionCommand, { type: 'CancelQuery' }> => ({ type: 'CancelQuery', sessionId, reason: 'cancelled by user' });
const ends = (events: readonly EventEnvelope[], queryId: string): string[] =>
  events.flatMap((e) => ((e.type === 'QueryCompleted' || e.type === 'QueryFailed' || e.type === 'QueryCancelled') && e.payload.queryId === queryId ? [e.type] : []));

describe('CancelQuery interrupts DuckDB at once, and a query still ends exactly once', () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  /** The real store, bus, projections and command handler around a runner on the controlled pool. */
  async function setup(wrap: (h: CommandHandler) => CommandHandler = (h) => h) {
    const { store, bus, projections, handler } = handlerOnTempStore(cleanup);
    const sessionId = newId();
    const events = (): EventEnvelope[] => store.readAggregate('QuerySession', sessionId);
    const queryWorker = new ControlledPool(() => events().some((e) => e.type === 'QueryCancelled'));
    const runner = new QueryRunner(wrap(handler), bus, queryWorker as unknown as QueryWorker, projections, silentLogger(), { datasets: new DatasetAvailability() });
    await runner.start();
    cleanup.push(() => runner.stop());
    await handler.handle({ type: 'OpenSession', sessionId, title: 'S' }, meta());
    const start = async (): Promise<string> => {
      const queryId = newId();
      const executing = waitForBus(bus, (e) => e.type === 'ExecutionBegan' && e.payload.queryId === queryId);
      await handler.handle({ type: 'StartQuery', sessionId, queryId, sql: 'select 1' }, meta());
      await executing;
      return queryId;
    };
    /** Resolves once the query's end is stored (whichever it is). */
    const ended = (queryId: string): Promise<void> => waitForBus(bus, (e) => ends([e], queryId).length > 0);
    return { store, queryWorker, runner, handler, sessionId, events, start, ended };
  }

  it('the interrupt reaches DuckDB before QueryCancelled is stored, and the cancel is still stored', async () => {
    const t = await setup();
    const queryId = await t.start();
    const r = await t.runner.cancel(cancel(t.sessionId), meta());
    expect(r.ok).toBe(true);
    expect(t.queryWorker.cancelsSeen).toEqual([{ jobId: 1, cancelStored: false }]);
    await settled(t.runner, queryId);
    expect(ends(t.events(), queryId)).toEqual(['QueryCancelled']);
    expect((await t.runner.fetchPage(queryId, 0, 1)).ok).toBe(false);
  });

  it('a run that finishes as the interrupt arrives is not completed: QueryCancelled only, its rows dropped', async () => {
    const t = await setup();
    const queryId = await t.start();
    t.queryWorker.onCancel = (run) => run.complete(); // DuckDB was done: the interrupt came too late to stop it
    const r = await t.runner.cancel(cancel(t.sessionId), meta());
    expect(r.ok).toBe(true);
    await settled(t.runner, queryId);
    expect(ends(t.events(), queryId)).toEqual(['QueryCancelled']);
    expect(t.queryWorker.execs).toContain(`DROP TABLE IF EXISTS ${resultTableName(queryId)}`);
  });

  it('a run whose completion is already on its way: QueryCompleted only, and the cancel is refused NO_QUERY_RUNNING', async () => {
    const t = await setup();
    const queryId = await t.start();
    const completed = t.ended(queryId);
    t.queryWorker.runs[0]!.complete();
    await completed;
    const r = await t.runner.cancel(cancel(t.sessionId), meta());
    expect(r.ok ? 'ok' : r.error.code).toBe('NO_QUERY_RUNNING');
    await settled(t.runner, queryId);
    expect(ends(t.events(), queryId)).toEqual(['QueryCompleted']);
  });

  it('completion and cancel in the same instant, in either order: the query ends exactly once', async () => {
    for (const first of ['complete', 'cancel'] as const) {
      const t = await setup();
      const queryId = await t.start();
      const run = t.queryWorker.runs[0]!;
      if (first === 'complete') run.complete();
      const r = await t.runner.cancel(cancel(t.sessionId), meta());
      run.complete();
      await settled(t.runner, queryId);
      const end = ends(t.events(), queryId);
      expect(end, `${first} first`).toHaveLength(1);
      expect(end[0]).toBe(r.ok ? 'QueryCancelled' : 'QueryCompleted');
    }
  });

  it('a cancel whose append is refused still ends the query it interrupted: QueryFailed, not in flight forever', async () => {
    const t = await setup((h) => {
      const refusing = Object.create(h) as CommandHandler;
      refusing.handle = (command, m) =>
        command.type === 'CancelQuery' ? Promise.resolve(fail(appError(newId(), 'STORE_FULL', 'The disk is full.'))) : h.handle(command, m);
      return refusing;
    });
    const queryId = await t.start();
    const failed = t.ended(queryId);
    const r = await t.runner.cancel(cancel(t.sessionId), meta());
    expect(r.ok ? 'ok' : r.error.code).toBe('STORE_FULL');
    await failed;
    const end = t.events().find((e) => e.type === 'QueryFailed');
    expect(end?.type === 'QueryFailed' && end.payload.error).toMatchObject({ code: 'INTERRUPTED', message: /cancel could not be recorded/ });
    expect(ends(t.events(), queryId)).toEqual(['QueryFailed']);
  });

  it('cancel twice while the first interrupt is on its way: the second is refused, and the query ends Cancelled with no failure even tried', async () => {
    const issued: string[] = [];
    const t = await setup((h) => {
      const recording = Object.create(h) as CommandHandler;
      recording.handle = (command, m) => {
        issued.push(command.type);
        return h.handle(command, m);
      };
      return recording;
    });
    const queryId = await t.start();
    t.queryWorker.onCancel = () => {}; // DuckDB has not stopped yet
    const first = await t.runner.cancel(cancel(t.sessionId), meta());
    const second = await t.runner.cancel(cancel(t.sessionId), meta());
    expect(first.ok).toBe(true);
    expect(second.ok ? 'ok' : second.error.code).toBe('NO_QUERY_RUNNING');
    t.queryWorker.runs[0]!.interrupt();
    await settled(t.runner, queryId);
    expect(ends(t.events(), queryId)).toEqual(['QueryCancelled']);
    expect(issued).not.toContain('FailQuery');
  });

  it('nothing running: refused NO_QUERY_RUNNING, and nothing is interrupted', async () => {
    const t = await setup();
    const r = await t.runner.cancel(cancel(t.sessionId), meta());
    expect(r.ok ? 'ok' : r.error.code).toBe('NO_QUERY_RUNNING');
    expect(t.queryWorker.cancelsSeen).toEqual([]);
  });
});

describe('cancel racing completion on real DuckDB', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  it('cancels sent at every moment of a short query: each query ends exactly once, as the cancel’s answer says', async () => {
    dir = tempDir();
    core = await startTestCore(dir.path);
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const sql = 'select count(*) as n from range(4000000) t(x) where x % 7 = 3';
    const t0 = performance.now();
    await queryEnd(core, sessionId, await startQuery(core, sessionId, sql));
    const duration = performance.now() - t0;
    const outcomes: string[] = [];
    /** Starts the query, sends a cancel once `moment` has come, and checks the one end stored against the cancel's answer. */
    const cancelAt = async (moment: 'with the start' | number | 'after the end'): Promise<void> => {
      const began = typeof moment === 'number' ? waitForEvent(core, (e) => (e.type === 'ExecutionBegan' ? e : undefined)) : undefined;
      const queryId = await startQuery(core, sessionId, sql);
      if (typeof moment === 'number') {
        await began;
        await new Promise((r) => setTimeout(r, moment));
      }
      if (moment === 'after the end') await queryEnd(core, sessionId, queryId);
      const ack = await core.dispatch({ type: 'CancelQuery', sessionId });
      const end = await queryEnd(core, sessionId, queryId);
      await settled(core.runner, queryId);
      expect(ends(core.store.readAggregate('QuerySession', sessionId), queryId), String(moment)).toEqual([end.type]);
      if (ack.ok) {
        expect(end.type).toBe('QueryCancelled');
        const page = await core.runner.fetchPage(queryId, 0, 1);
        expect(page.ok ? 'ok' : page.error.code).toBe('RESULT_NOT_FOUND');
      } else {
        expect(ack.error.code).toBe('NO_QUERY_RUNNING');
        expect(end.type).toBe('QueryCompleted');
      }
      outcomes.push(end.type);
    };
    // Sent in the same turn as the start's answer: no reply of the worker can be handled before it, so it wins.
    await cancelAt('with the start');
    for (let i = 0; i < 16; i++) await cancelAt((duration * 1.5 * i) / 16);
    // Sent once the completion is stored: it can only be refused.
    await cancelAt('after the end');
    expect(outcomes[0]).toBe('QueryCancelled');
    expect(outcomes.at(-1)).toBe('QueryCompleted');
    expect(outcomes).not.toContain('QueryFailed');
  }, 120_000);

  it('a query still queued behind a running one is cancelled before it begins: it never runs, and the running one is untouched', async () => {
    dir = tempDir();
    core = await startTestCore(dir.path, { maxConcurrentQueries: 1 });
    const a = openSessions(core.projections.current.view)[0]!.id;
    const opened = await core.dispatch({ type: 'OpenSession', title: 'B' });
    const b = opened.ok ? opened.value.aggregateId : '';
    const long = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';
    const began = waitForEvent(core, (e) => (e.type === 'ExecutionBegan' ? e : undefined));
    const running = await startQuery(core, a, long);
    await began;
    // A statement that leaves a trace if it ever runs.
    const queued = await startQuery(core, b, 'create table ran_after_cancel as select 42 as x');
    // Held in the pool's own queue, never sent to DuckDB, while `a` runs.
    expect((core.queryWorker as unknown as { queue: readonly unknown[] }).queue).toHaveLength(1);
    expect(core.projections.current.view.sessions[b]?.history.at(-1)?.phase).toBe('Pending');
    const ack = await core.dispatch({ type: 'CancelQuery', sessionId: b });
    expect(ack.ok).toBe(true);
    expect((await queryEnd(core, b, queued)).type).toBe('QueryCancelled');
    expect(core.projections.current.view.sessions[a]?.history.at(-1)?.phase).toBe('Executing');
    await core.dispatch({ type: 'CancelQuery', sessionId: a });
    expect((await queryEnd(core, a, running)).type).toBe('QueryCancelled');
    // Whatever DuckDB did with `queued`, had it ever been sent there, is done once its run has settled.
    await settled(core.runner, queued);
    await settled(core.runner, running);
    const bEvents = core.store.readAggregate('QuerySession', b);
    expect(ends(bEvents, queued)).toEqual(['QueryCancelled']);
    expect(bEvents.filter((e) => e.type === 'ExecutionBegan')).toEqual([]);
    expect(await core.queryWorker.request({ type: 'read', sql: "select count(*)::int as n from duckdb_tables() where table_name = 'ran_after_cancel'" })).toEqual([{ n: 0 }]);
  }, 60_000);
});

/**
 * Resolves once the runner has let go of the query: its run has returned, and the end it records
 * (or drops), awaited before it lets go, is stored. Nothing for that query can be stored after this.
 * QueryRunner has no hook for it (`whenStopped` only means DuckDB returned), so its map is read.
 */
const settled = (runner: QueryRunner, queryId: string): Promise<void> =>
  vi.waitFor(
    () => {
      if ((runner as unknown as { running: ReadonlyMap<string, unknown> }).running.has(queryId)) throw new Error(`the runner still holds ${queryId}`);
    },
    { timeout: 15_000, interval: 2 },
  );

function waitForBus(bus: Bus, pick: (e: EventEnvelope) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const off = bus.subscribe((m) => {
      if (m.kind === 'event' && pick(m.event)) {
        off();
        resolve();
      }
    });
  });
}
