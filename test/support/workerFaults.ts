import { randomUUID } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestCore } from './testCore';

/**
 * SQL that the test worker entry (duckdbTestWorker.ts) answers by throwing an uncaught
 * exception, as a bug in the worker would. The shipped worker has no such hook: it would just run it.
 */
const CRASH_SQL = "select 'sextant test: crash the worker'";

/**
 * SQL that the test worker answers by blocking its JavaScript thread, as a stuck loop would, until
 * the file it names exists or for at most the milliseconds it names.
 */
const HANG_SQL = /^select 'sextant test: hang the worker for at most (\d+) ms, until (.+) exists'$/;

const execSql = (request: unknown): unknown =>
  typeof request === 'object' && request !== null && (request as { type?: unknown }).type === 'exec' ? (request as { sql?: unknown }).sql : undefined;

/** True for the request that crashes the test worker; runs inside the worker thread. */
export const injectsCrash = (request: unknown): boolean => execSql(request) === CRASH_SQL;

/**
 * Blocks the thread if the request is the one that hangs it: until its release file exists, at most
 * its milliseconds. Runs inside the worker thread; Atomics.wait burns no CPU between looks.
 */
export function hangIfInjected(request: unknown): void {
  const sql = execSql(request);
  const [, ms, releaseFile] = (typeof sql === 'string' ? HANG_SQL.exec(sql) : null) ?? [];
  if (ms === undefined || releaseFile === undefined) return;
  const deadline = Date.now() + Number(ms);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < deadline && !existsSync(releaseFile)) Atomics.wait(cell, 0, 0, 20);
}

/**
 * Crashes the DuckDB worker thread for real: its crash handler runs (interrupt, settle, exit with an
 * error), everything it owed fails with WORKER_CRASHED and a fresh thread takes its place.
 */
export function crashQueryWorker(core: Pick<TestCore, 'queryWorker'>): void {
  core.queryWorker.request({ type: 'exec', sql: CRASH_SQL }).catch(() => undefined);
}

/** A hang of the worker thread's loop: `release` ends it; `ended` settles with how the hang request itself ended. */
export interface WorkerHang {
  readonly ended: Promise<unknown>;
  release(): void;
}

/**
 * Blocks the DuckDB worker thread's event loop until `release()`, or for at most `atMostMs`: nothing
 * it receives meanwhile is answered, heartbeats included; then it runs on. Released by the test, not
 * by a clock, so a loaded machine cannot end the hang before the test has seen what it waits for.
 */
export function hangQueryWorker(core: Pick<TestCore, 'queryWorker'>, atMostMs: number): WorkerHang {
  const releaseFile = join(tmpdir(), `sextant-hang-${randomUUID()}`);
  const ended = core.queryWorker.request({ type: 'exec', sql: `select 'sextant test: hang the worker for at most ${atMostMs} ms, until ${releaseFile} exists'` }).then(
    () => undefined,
    (e: unknown) => e,
  );
  void ended.then(() => rmSync(releaseFile, { force: true }));
  return { ended, release: () => writeFileSync(releaseFile, '') };
}
