import type { TestCore } from './testCore';

/**
 * SQL that the test worker entry (duckdbTestWorker.ts) answers by throwing an uncaught
 * exception, as a bug in the worker would. The shipped worker has no such hook: it would just run it.
 */
const CRASH_SQL = "select 'sextant test: crash the worker'";

/** SQL that the test worker answers by blocking its JavaScript thread for the milliseconds it names, as a stuck loop would. */
const HANG_SQL = /^select 'sextant test: hang the worker for (\d+) ms'$/;

const execSql = (request: unknown): unknown =>
  typeof request === 'object' && request !== null && (request as { type?: unknown }).type === 'exec' ? (request as { sql?: unknown }).sql : undefined;

/** True for the request that crashes the test worker; runs inside the worker thread. */
export const injectsCrash = (request: unknown): boolean => execSql(request) === CRASH_SQL;

/** How long the request hangs the test worker for, if it is the one that does; runs inside the worker thread. */
export function injectedHangMs(request: unknown): number | undefined {
  const sql = execSql(request);
  const ms = typeof sql === 'string' ? HANG_SQL.exec(sql)?.[1] : undefined;
  return ms === undefined ? undefined : Number(ms);
}

/**
 * Crashes the DuckDB worker thread for real: its crash handler runs (interrupt, settle, exit with an
 * error), everything it owed fails with WORKER_CRASHED and a fresh thread takes its place.
 */
export function crashQueryWorker(core: Pick<TestCore, 'queryWorker'>): void {
  core.queryWorker.request({ type: 'exec', sql: CRASH_SQL }).catch(() => undefined);
}

/**
 * Blocks the DuckDB worker thread's event loop for `ms`: nothing it receives meanwhile is answered,
 * heartbeats included; then it runs on. Resolves with how the hang request itself ended.
 */
export function hangQueryWorker(core: Pick<TestCore, 'queryWorker'>, ms: number): Promise<unknown> {
  return core.queryWorker.request({ type: 'exec', sql: `select 'sextant test: hang the worker for ${ms} ms'` }).then(
    () => undefined,
    (e: unknown) => e,
  );
}
