/**
 * Chart queries on the DuckDB worker thread (docs/charts.md), on a connection of their own so a
 * chart never waits behind a person's query or the grid's pages. Main keeps at most one chart query
 * in flight per session (chartService.ts); a cancel interrupts exactly it.
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { interruptJob, jobSettled, startedJob, type InterruptibleJob } from '../query/jobInterrupt.worker';

/** Connections of finished chart queries, reused; one that was interrupted is closed instead. */
const idle: DuckDBConnection[] = [];
const IDLE_LIMIT = 4;
const running = new Map<string, InterruptibleJob>();
/** Cancels that arrived before their query started (the messages cross on the way). */
const early = new Set<string>();
const EARLY_LIMIT = 1000;

const interrupted = () => new AppErrorException(appError(randomUUID(), 'INTERRUPTED', 'The chart was cancelled.'));

/** Runs one chart query (every column VARCHAR): its rows, row-major, as DuckDB's text. */
export async function runChart(instance: DuckDBInstance, chartId: string, sql: string, params?: readonly string[]): Promise<ReadonlyArray<ReadonlyArray<string | null>>> {
  if (early.delete(chartId)) throw interrupted();
  const job = startedJob();
  running.set(chartId, job);
  let clean = true;
  try {
    const connection = idle.pop() ?? (await instance.connect());
    job.connection = connection;
    if (job.interrupted) {
      clean = false;
      throw interrupted();
    }
    try {
      // a filter's values (linked charts' brushes, the grid's filters) are bound, never spliced into the SQL
      const reader = params && params.length > 0 ? await connection.runAndReadAll(sql, [...params]) : await connection.runAndReadAll(sql);
      return reader.getRowsJS().map((row) => row.map((cell) => (cell === null || cell === undefined ? null : String(cell))));
    } catch (e) {
      clean = false;
      if (job.interrupted) throw interrupted();
      throw e;
    }
  } finally {
    running.delete(chartId);
    jobSettled(job);
    const c = job.connection;
    if (c) {
      if (clean && idle.length < IDLE_LIMIT) idle.push(c);
      else c.closeSync();
    }
  }
}

/** Interrupts the chart query `chartId` if it runs (until it stops: jobInterrupt.worker.ts); else remembers it so it never starts. */
export function cancelChart(chartId: string): void {
  const job = running.get(chartId);
  if (job) return interruptJob(job);
  if (early.size >= EARLY_LIMIT) early.clear();
  early.add(chartId);
}

/** On the way out: whatever chart query runs stops, so the thread can exit. */
export function interruptCharts(): void {
  for (const job of running.values()) interruptJob(job);
}
