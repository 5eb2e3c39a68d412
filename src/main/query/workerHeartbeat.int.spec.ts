import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/contracts/errors';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { workerFromSource } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { hangQueryWorker } from '../../../test/support/workerFaults';
import { QueryWorker } from './queryWorker';
import { RESULTS_SCHEMA } from './sql';

/** Short enough for a test, long enough for a thread to load under a busy test run's load. */
const LIMIT_MS = 1_000;
/** How long the test hangs the thread's loop: several limits. */
const HANG_MS = 4 * LIMIT_MS;

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

    const started = Date.now();
    const hang = hangQueryWorker({ queryWorker: worker }, HANG_MS);
    // Sent behind the hang: the thread reads them once its loop runs again.
    const page = worker.request({ type: 'read', sql: 'select 42 as answer' });
    const query = worker.run('select 7 as seven', `${RESULTS_SCHEMA}.hung`, noHooks).done;
    const reported = (): Record<string, unknown>[] => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l['code'] === 'WORKER_UNRESPONSIVE');
    await until(async () => reported().length > 0, HANG_MS);
    // Seen within the limit and a tick, well before the hang ends; nothing was failed or refused.
    expect(Date.now() - started).toBeLessThan(HANG_MS);
    expect(reported()).toHaveLength(1);
    expect(reported()[0]).toMatchObject({ errorId: expect.stringMatching(/^[0-9a-f-]{36}$/), msg: expect.stringMatching(/has not responded/) });

    // The loop runs again: everything sent meanwhile completes on the same thread, and the log says so.
    expect(await page).toEqual([{ answer: 42 }]);
    expect((await query).rowCount).toBe(1);
    expect(await hang).toBeUndefined();
    expect(worker.threadGeneration).toBe(1);
    expect(reported()).toHaveLength(1);
    expect(lines.some((line) => line.includes('the query worker answers again'))).toBe(true);
  });

  it('a thread busy with a long query, its event loop free, is never taken for hung', async () => {
    const { log, errors } = recordingLogger();
    const worker = open(log);
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
