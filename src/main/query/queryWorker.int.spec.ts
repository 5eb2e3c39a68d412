import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { AppErrorException, appError, type AppError } from '../../shared/contracts/errors';
import type { QueuePlace } from '../../shared/contracts/frames';
import { workerFromSource } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { crashQueryWorker } from '../../../test/support/workerFaults';
import { QueryWorker } from './queryWorker';
import { RESULTS_SCHEMA } from './sql';

const LONG_SQL = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';
const noHooks = { onBegan: () => {}, onProgress: () => {}, onColumns: () => {}, onHead: () => {}, onRows: () => {} };

/** A logger whose JSON lines land in an array. */
function capturingLogger(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('QueryWorker', () => {
  const dir = useTempDataDir<QueryWorker>();

  it('a crash fails every job it owed with the error the worker minted, logs that same id, and a fresh thread answers', async () => {
    const { log, lines } = capturingLogger();
    const worker = dir.keep(new QueryWorker({
      ...workerFromSource,
      log,
      config: { dbPath: join(dir.path(), 'w.duckdb'), protectedDir: dir.path(), duckdb: { memory_limit: '1GB' }, progressIntervalMs: 200, flushIntervalMs: 250 },
    }));
    let busy: () => void = () => {};
    const running = new Promise<void>((resolve) => (busy = resolve));
    // Crashed once DuckDB is busy with the query (its first progress report), as a bug mid-query would.
    const { done } = worker.run(LONG_SQL, `${RESULTS_SCHEMA}.crash_test`, { ...noHooks, onProgress: () => busy() });
    const failed = done.then(
      () => undefined,
      (e: AppError) => e,
    );
    await running;
    crashQueryWorker({ queryWorker: worker });

    const error = await failed;
    expect(error?.code).toBe('WORKER_CRASHED');
    expect(error?.message).toMatch(/^A query worker crashed: Injected worker crash/);
    expect(error?.id).toMatch(/^[0-9a-f-]{36}$/);
    // Main logs the death once the thread has exited, after the jobs it failed on its way out.
    const logged = await vi.waitFor(() => {
      const found = lines.filter((l) => l['code'] === 'WORKER_CRASHED');
      expect(found).not.toEqual([]);
      return found;
    }, { timeout: 15_000 });
    expect(logged.map((l) => l['errorId'])).toEqual([error?.id]);
    expect(logged[0]?.['msg']).toBe(error?.message);

    expect(await worker.request({ type: 'read', sql: 'select 42 as answer' })).toEqual([{ answer: 42 }]);
  });

  it('a cancelled query is answered once DuckDB stops, ahead of its rollback: the next query and a close right after it are safe', async () => {
    const worker = dir.keep(new QueryWorker({
      ...workerFromSource,
      log: capturingLogger().log,
      maxConcurrentQueries: 1,
      config: { dbPath: join(dir.path(), 'w.duckdb'), protectedDir: dir.path(), duckdb: { memory_limit: '1GB' }, progressIntervalMs: 20, flushIntervalMs: 250 },
    }));
    const tables = `select table_name from duckdb_tables() where schema_name = '${RESULTS_SCHEMA}' order by 1`;
    for (let i = 0; i < 5; i++) {
      let busy: () => void = () => {};
      const running = new Promise<void>((resolve) => (busy = resolve));
      const { jobId, done } = worker.run(LONG_SQL, `${RESULTS_SCHEMA}.cancelled_${i}`, { ...noHooks, onProgress: () => busy() });
      await running;
      worker.cancel(jobId);
      const error = await done.then(
        () => undefined,
        (e: AppError) => e,
      );
      expect(error?.code).toBe('INTERRUPTED');
      // Sent the moment the cancel is answered, while the cancelled run may still be rolling back.
      const next = await worker.run('select 42 as answer', `${RESULTS_SCHEMA}.next_${i}`, noHooks).done;
      expect(next.rowCount).toBe(1);
    }
    expect(await worker.request({ type: 'read', sql: tables })).toEqual([0, 1, 2, 3, 4].map((i) => ({ table_name: `next_${i}` })));
    // A close right after a cancel waits for the rollback: a thread that exits with a DuckDB call
    // still running would take the whole process down.
    let busy: () => void = () => {};
    const running = new Promise<void>((resolve) => (busy = resolve));
    const { jobId, done } = worker.run(LONG_SQL, `${RESULTS_SCHEMA}.closed`, { ...noHooks, onProgress: () => busy() });
    await running;
    worker.cancel(jobId);
    await done.catch(() => undefined);
    await worker.close();
    dir.closed();
  });

  it('a query started while a replacement thread is restored waits for the restart, says so, and runs once it is done', async () => {
    const worker = dir.keep(new QueryWorker({
      ...workerFromSource,
      log: capturingLogger().log,
      config: { dbPath: join(dir.path(), 'w.duckdb'), protectedDir: dir.path(), duckdb: { memory_limit: '1GB' }, progressIntervalMs: 200, flushIntervalMs: 250 },
    }));
    let restored: () => void = () => {};
    let replaced: () => void = () => {};
    const restarting = new Promise<void>((resolve) => (replaced = resolve));
    worker.onReplaced(() => {
      replaced();
      return new Promise<void>((resolve) => (restored = resolve));
    });
    crashQueryWorker({ queryWorker: worker });
    await restarting;

    const places: QueuePlace[] = [];
    let began = false;
    const { done } = worker.run('select 42 as answer', `${RESULTS_SCHEMA}.after_restart`, { ...noHooks, onBegan: () => (began = true), onQueued: (p) => places.push(p) });
    await new Promise((r) => setTimeout(r, 200));
    // no query runs, so no place behind queries: it waits for the restart
    expect(places).toEqual([{ waitsFor: 'restart' }]);
    expect(began).toBe(false);
    restored();
    expect((await done).rowCount).toBe(1);
    expect(places).toEqual([{ waitsFor: 'restart' }]);
  });

  it('a statement whose prerequisite failed fails with its words and id, not run on what there is; the next one runs', async () => {
    const worker = dir.keep(new QueryWorker({
      ...workerFromSource,
      log: capturingLogger().log,
      config: { dbPath: join(dir.path(), 'w.duckdb'), protectedDir: dir.path(), duckdb: { memory_limit: '1GB' }, progressIntervalMs: 200, flushIntervalMs: 250 },
    }));
    let fails = true;
    worker.setSqlPrerequisite((sql) => (sql.includes('needs_it') ? (fails ? Promise.reject(new AppErrorException(appError('pre-1', 'INTERNAL', 'The history is behind'))) : Promise.resolve()) : undefined));
    let began = false;
    const failed = worker.run('select 1 as needs_it', `${RESULTS_SCHEMA}.pre_failed`, { ...noHooks, onBegan: () => (began = true) });
    await expect(failed.done).rejects.toMatchObject({ id: 'pre-1', code: 'INTERNAL', message: 'The history is behind' });
    expect(began).toBe(false);
    fails = false;
    expect((await worker.run('select 2 as needs_it', `${RESULTS_SCHEMA}.pre_ok`, noHooks).done).rowCount).toBe(1);
  });

  it("a view's count runs on a connection of its own: it answers while a read keeps the admin connection busy", async () => {
    const worker = dir.keep(new QueryWorker({
      ...workerFromSource,
      log: capturingLogger().log,
      config: { dbPath: join(dir.path(), 'w.duckdb'), protectedDir: dir.path(), duckdb: { memory_limit: '1GB' }, progressIntervalMs: 200, flushIntervalMs: 250 },
    }));
    // minutes of work on the admin connection (interrupted by the close), sent first
    const busy = worker.request({ type: 'read', sql: LONG_SQL }).catch(() => 'interrupted');
    // A round trip behind it, on the parser's connection: the thread takes messages in order and
    // libuv's threads take DuckDB calls in order, so once it is answered the read has begun.
    await worker.request({ type: 'parseTree', sql: 'select 1' });
    const counted = worker.request({ type: 'viewCount', sql: 'select count(*) from range(10) t(x) where x > $1::BIGINT', params: ['6'] });
    const queued = new Promise((r) => setTimeout(() => r('still queued after 10 s'), 10_000));
    expect(await Promise.race([counted, busy, queued])).toBe(3);
    await worker.close();
    dir.closed();
  });
});
