import type { TestCore } from './testCore';

/**
 * SQL that the test worker entry (duckdbTestWorker.ts) answers by throwing an uncaught
 * exception, as a bug in the worker would. The shipped worker has no such hook: it would just run it.
 */
const CRASH_SQL = "select 'sextant test: crash the worker'";

/** True for the request that crashes the test worker; runs inside the worker thread. */
export const injectsCrash = (request: unknown): boolean =>
  typeof request === 'object' && request !== null && (request as { type?: unknown }).type === 'exec' && (request as { sql?: unknown }).sql === CRASH_SQL;

/**
 * Crashes the DuckDB worker thread for real: its crash handler runs (interrupt, settle, exit with an
 * error), everything it owed fails with WORKER_CRASHED and a fresh thread takes its place.
 */
export function crashQueryWorker(core: Pick<TestCore, 'pool'>): void {
  core.pool.request({ type: 'exec', sql: CRASH_SQL }).catch(() => undefined);
}
