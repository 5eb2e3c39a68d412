import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/contracts/errors';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { workerFromSource } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { hangQueryWorker } from '../../../test/support/workerFaults';
import { QueryWorker } from './queryWorker';
import { RESULTS_SCHEMA } from './sql';
import { HEARTBEAT_LIMIT_MS } from './workerHeartbeat';

/** Short enough for a test, long enough for a started thread's loop to answer under a busy test run's load. */
const LIMIT_MS = 1_000;
/**
 * The most a hang may last if the test never releases it, and how long the test waits for its report:
 * the watchdog's own timing is the unit spec's (fake timers); here a report within this is the
 * test's limit at work, not the default's (HEARTBEAT_LIMIT_MS, 30 s).
 */
const HANG_CAP_MS = 15 * LIMIT_MS;

/** Polls `ok` every 100 ms until it holds, or fails after `ms`. */
async function until(ok: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const noHooks = { onBegan: () => {}, onProgress: () => {}, onColumns: () => {}, onHead: () => {}, onRows: () => {} };

/** Settles with the AppError the promise rejects with, or undefined. */
const failure = (p: Promise<unknown>): Promise<AppError | undefined> =>
  p.then(
    () => undefined,
    (e: AppError) => e,
  );

describe("QueryWorker's watchdog", () => {
  const dir = useTempDataDir<QueryWorker>();
  const open = (log = recordingLogger().log): QueryWorker =>
    dir.keep(new QueryWorker({
      ...workerFromSource,
      log,
      heartbeatLimitMs: LIMIT_MS,
      config: { dbPath: join(dir.path(), 'w.duckdb'), protectedDir: dir.path(), duckdb: { memory_limit: '1GB' }, progressIntervalMs: 200, flushIntervalMs: 250 },
    }));

  it('a thread whose event loop hangs is reported in the log, with an id, while what waits for it goes on waiting and completes once the loop runs', async () => {
    const { log, errors: lines } = recordingLogger('info');
    const worker = open(log);
    expect(await worker.request({ type: 'read', sql: 'select 1 as one' })).toEqual([{ one: 1 }]);
    // Only what follows the thread's start: loading DuckDB under load can itself outlast the test's short limit.
    const since = lines.length;
    const after = (): string[] => lines.slice(since);

    const started = Date.now();
    const hang = hangQueryWorker({ queryWorker: worker }, HANG_CAP_MS);
    // Sent behind the hang: the thread reads them once its loop runs again.
    let settled = false;
    const page = worker.request({ type: 'read', sql: 'select 42 as answer' }).finally(() => (settled = true));
    const query = worker.run('select 7 as seven', `${RESULTS_SCHEMA}.hung`, noHooks).done;
    const reported = (): Record<string, unknown>[] => after().map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l['code'] === 'WORKER_UNRESPONSIVE');
    // The hang lasts until the report is seen, however long a loaded machine takes to see it.
    await until(async () => reported().length > 0, HANG_CAP_MS);
    // Seen under the test's limit, far below the default's; nothing was failed or refused, what waits still waits.
    expect(Date.now() - started).toBeLessThan(HEARTBEAT_LIMIT_MS / 2);
    expect(reported()).toHaveLength(1);
    expect(reported()[0]).toMatchObject({ errorId: expect.stringMatching(/^[0-9a-f-]{36}$/), msg: expect.stringMatching(/has not responded for 1 s/), details: { heartbeatLimitMs: LIMIT_MS } });
    expect(settled).toBe(false);

    // The loop runs again: everything sent meanwhile completes on the same thread, and the log says so.
    hang.release();
    expect(await page).toEqual([{ answer: 42 }]);
    expect((await query).rowCount).toBe(1);
    expect(await hang.ended).toBeUndefined();
    expect(worker.threadGeneration).toBe(1);
    expect(reported()).toHaveLength(1);
    expect(after().some((line) => line.includes('the query worker answers again'))).toBe(true);
  });

  it('a thread busy with a long query, its event loop free, is never taken for hung', async () => {
    const { log, errors } = recordingLogger();
    const worker = open(log);
    // Started first: loading DuckDB under load can itself outlast the test's short limit, and this test is about a query.
    expect(await worker.request({ type: 'read', sql: 'select 1 as one' })).toEqual([{ one: 1 }]);
    errors.length = 0;
    let began = 0;
    const { jobId, done } = worker.run('select count(*) from range(1000000000000) t(x) where x % 7 = 3', `${RESULTS_SCHEMA}.long`, { ...noHooks, onBegan: () => (began = Date.now()) });
    const ended = failure(done);
    // Many limits long, with pages and reads alongside, as a person would scroll.
    for (let i = 0; i < 3; i++) {
      const waited = new Promise((r) => setTimeout(r, LIMIT_MS * 1.5));
      expect(await Promise.race([ended.then(() => 'ended early'), waited.then(() => 'running')])).toBe('running');
      expect(await worker.request({ type: 'read', sql: 'select 42 as answer' })).toEqual([{ answer: 42 }]);
    }
    expect(began).toBeGreaterThan(0);
    worker.cancel(jobId);
    expect((await ended)?.code).toBe('INTERRUPTED');
    expect(worker.threadGeneration).toBe(1);
    expect(errors).toEqual([]);
  });
});
