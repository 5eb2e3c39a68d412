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
      config: { dbPath: join(dir.path(), 'w.duckdb'), duckdb: { memory_limit: '1GB' }, progressIntervalMs: 200, flushIntervalMs: 250 },
    }));

  it('a thread whose event loop hangs: what it owed fails WORKER_UNRESPONSIVE, logged with that id, new work is refused with it, and the same thread serves again once its loop runs', async () => {
    const { log, errors } = recordingLogger();
    const worker = open(log);
    expect(await worker.request({ type: 'read', sql: 'select 1 as one' })).toEqual([{ one: 1 }]);

    const started = Date.now();
    const hang = hangQueryWorker({ pool: worker }, HANG_MS);
    // Sent behind the hang: the thread does not read them until its loop runs again.
    const [page, query] = await Promise.all([failure(worker.request({ type: 'read', sql: 'select 42 as answer' })), failure(worker.run('select 7 as seven', `${RESULTS_SCHEMA}.hung`, noHooks).done)]);
    // The limit and a tick's slack: well before the hang ends.
    expect(Date.now() - started).toBeLessThan(HANG_MS);
    expect(page?.code).toBe('WORKER_UNRESPONSIVE');
    expect(page?.message).toMatch(/stopped responding/);
    expect(query).toEqual(page);
    expect(await hang).toEqual(page);
    const logged = errors.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l['code'] === 'WORKER_UNRESPONSIVE');
    expect(logged.map((l) => [l['errorId'], l['msg']])).toEqual([[page?.id, page?.message]]);
    // Refused at once while hung, with the same error: no spinner.
    expect(await failure(worker.request({ type: 'read', sql: 'select 1 as one' }))).toEqual(page);

    // The loop runs again: the same thread (nothing replaced, nothing terminated) answers.
    await until(async () => (await failure(worker.request({ type: 'read', sql: 'select 1 as one' }))) === undefined, HANG_MS + 10_000);
    expect(worker.threadGeneration).toBe(1);
    expect(await worker.request({ type: 'read', sql: 'select 42 as answer' })).toEqual([{ answer: 42 }]);
    expect((await worker.run('select 7 as seven', `${RESULTS_SCHEMA}.after`, noHooks).done).rowCount).toBe(1);
  });

  it('a thread busy with a long query, its event loop free, is never taken for hung', async () => {
    const { log, errors } = recordingLogger();
    const worker = open(log);
    let began = 0;
    const { jobId, done } = worker.run('select count(*) from range(3000000000) t(x) where x % 7 = 3', `${RESULTS_SCHEMA}.long`, { ...noHooks, onBegan: () => (began = Date.now()) });
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
