/**
 * How a cancel stops a side job (a profile, a chart, a preview) on the DuckDB worker thread.
 * DuckDB drops an interrupt that lands while no query runs on the connection: between two of the
 * job's calls, or while its call still waits for one of libuv's threads (a loaded machine, or other
 * jobs, fill them). So the interrupt is repeated until the job settles, and the job checks the flag
 * between its calls.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** How often an interrupt is sent again while the job has not stopped. */
const REINTERRUPT_MS = 5;

/** A job running on a connection of its own (known once it has one). */
export interface InterruptibleJob {
  connection: DuckDBConnection | undefined;
  interrupted: boolean;
  /** Re-sends the interrupt until the job settles. */
  repeat?: ReturnType<typeof setInterval>;
}

export function startedJob(connection?: DuckDBConnection): InterruptibleJob {
  return { connection, interrupted: false };
}

/** Marks the job cancelled and interrupts its connection, again and again until `jobSettled`. */
export function interruptJob(job: InterruptibleJob): void {
  if (job.interrupted) return;
  job.interrupted = true;
  job.connection?.interrupt();
  job.repeat = setInterval(() => job.connection?.interrupt(), REINTERRUPT_MS);
}

/** The job's calls have returned: no interrupt may reach the connection's next query. */
export function jobSettled(job: InterruptibleJob): void {
  clearInterval(job.repeat);
  job.repeat = undefined;
}
