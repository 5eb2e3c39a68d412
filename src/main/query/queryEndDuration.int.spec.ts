import type Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import type { CommandMeta } from '../../shared/contracts/commands';
import { appError, type AppError } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import { DatasetAvailability } from '../catalog/datasetAvailability';
import { newId } from '../platform/ids';
import { silentLogger } from '../platform/logger';
import { QueryRunner } from './queryRunner';
import type { QueryWorker } from './queryWorker';
import type { RunHooks } from './workerThread';
import type { RunOutcome } from './workerProtocol';
import { handlerOnTempStore } from '../../../test/support/handlerOnTempStore';

/** A pool whose runs fail, or stop on a cancel, when the test says. */
class FailingPool {
  private readonly runs = new Map<number, (e: AppError) => void>();
  private next = 0;

  run(_sql: string, _table: string, hooks: RunHooks): { jobId: number; done: Promise<RunOutcome> } {
    const jobId = ++this.next;
    queueMicrotask(() => hooks.onBegan());
    return { jobId, done: new Promise<RunOutcome>((_, reject) => this.runs.set(jobId, reject)) };
  }

  fail(jobId: number): void {
    this.runs.get(jobId)?.(appError(newId(), 'SQL_ERROR', 'Conversion Error: no'));
  }

  cancel(jobId: number): void {
    this.runs.get(jobId)?.(appError(newId(), 'INTERRUPTED', 'INTERRUPT Error: Interrupted!'));
  }

  request(r: { type: string }): Promise<unknown> {
    return Promise.resolve(r.type === 'read' ? [] : null);
  }
}

const meta = (): CommandMeta => ({ commandId: newId(), correlationId: newId(), issuedBy: 'user' });
const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('a failure whose end waited for the store records how long the query ran, not the wait; a cancel records how long it had run (real SQLite)', async () => {
  const { store, bus, projections, handler } = handlerOnTempStore(cleanup);
  const queryWorker = new FailingPool();
  const runner = new QueryRunner(handler, bus, queryWorker as unknown as QueryWorker, projections, silentLogger(), { datasets: new DatasetAvailability(), endRetryMs: { first: 600_000, max: 600_000 } });
  await runner.start();
  cleanup.push(() => runner.stop());
  const stored = (type: string): Promise<EventEnvelope> =>
    new Promise((resolve) => {
      const off = bus.subscribe((m) => {
        if (m.kind === 'event' && m.event.type === type) {
          off();
          resolve(m.event);
        }
      });
    });
  const sessionId = newId();
  await handler.handle({ type: 'OpenSession', sessionId, title: 'S' }, meta());

  // It runs ~100 ms and fails while the store refuses writes; the end is stored 1.5 s later.
  const began = stored('ExecutionBegan');
  await handler.handle({ type: 'StartQuery', sessionId, queryId: newId(), sql: 'select 1' }, meta());
  await began;
  await sleep(100);
  const db = (store as unknown as { db: Database.Database }).db;
  db.pragma('query_only = ON');
  const waiting = new Promise<void>((resolve) => {
    const off = bus.subscribe((m) => {
      if (m.kind === 'progress' && m.progress.kind === 'query' && m.progress.waitingToSave) {
        off();
        resolve();
      }
    });
  });
  queryWorker.fail(1);
  await waiting;
  await sleep(1500);
  db.pragma('query_only = OFF');
  const failed = stored('QueryFailed');
  expect((await handler.handle({ type: 'SaveDraft', sessionId, sql: 'select 2' }, meta())).ok).toBe(true);
  const end = (await failed) as Extract<EventEnvelope, { type: 'QueryFailed' }>;
  const startedAt = projections.current.view.sessions[sessionId]!.history[0]!.startedAt;
  expect(Date.parse(end.occurredAt) - Date.parse(startedAt)).toBeGreaterThanOrEqual(1500);
  expect(end.payload.durationMs).toBeGreaterThanOrEqual(90);
  expect(end.payload.durationMs).toBeLessThan(1000);
  expect(projections.current.view.sessions[sessionId]!.history[0]!.durationMs).toBe(end.payload.durationMs);

  // A person's cancel after ~200 ms: the event says how long it had run.
  const running = stored('ExecutionBegan');
  await handler.handle({ type: 'StartQuery', sessionId, queryId: newId(), sql: 'select 3' }, meta());
  await running;
  await sleep(200);
  const cancelled = stored('QueryCancelled');
  expect((await runner.cancel({ type: 'CancelQuery', sessionId, reason: 'cancelled by user' }, meta())).ok).toBe(true);
  const cancel = (await cancelled) as Extract<EventEnvelope, { type: 'QueryCancelled' }>;
  expect(cancel.payload.durationMs).toBeGreaterThanOrEqual(190);
  expect(cancel.payload.durationMs).toBeLessThan(1500);
});
