/**
 * Profile queries on the DuckDB worker thread, on a connection of their own: a wide profile never
 * waits behind a person's query, nor makes the grid's pages wait behind it. Main runs one profile
 * query at a time (profileService.ts), so one connection is enough; a cancel interrupts it.
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { interruptJob, jobSettled, startedJob, type InterruptibleJob } from '../query/jobInterrupt.worker';

let connection: Promise<DuckDBConnection> | undefined;
/** The profile query running now, so a cancel interrupts exactly it. */
let current: { readonly profileId: string; readonly job: InterruptibleJob } | undefined;
/** Cancels that arrived before their query started (the messages cross on the way). */
const early = new Set<string>();
const EARLY_LIMIT = 1000;

const interrupted = () => new AppErrorException(appError(randomUUID(), 'INTERRUPTED', 'The profile was cancelled.'));

/** Runs one profile query and answers its first row as text (every cell of a profile query is VARCHAR); `params` are a filter's values. */
export async function runProfile(instance: DuckDBInstance, profileId: string, sql: string, params?: readonly string[]): Promise<ReadonlyArray<string | null>> {
  const c = await (connection ??= instance.connect());
  if (early.delete(profileId)) throw interrupted();
  const job = startedJob(c);
  const mine = { profileId, job };
  current = mine;
  try {
    // a filter's values are bound, never spliced into the SQL
    const reader = params && params.length > 0 ? await c.runAndReadAll(sql, [...params]) : await c.runAndReadAll(sql);
    const row = reader.getRowsJS()[0] ?? [];
    return row.map((cell) => (cell === null || cell === undefined ? null : String(cell)));
  } catch (e) {
    if (job.interrupted) throw interrupted();
    throw e;
  } finally {
    // before the next profile query can start on this connection
    jobSettled(job);
    if (current === mine) current = undefined;
  }
}

/** Interrupts the profile query `profileId` if it runs (until it stops: jobInterrupt.worker.ts); else remembers it so it never starts. */
export function cancelProfile(profileId: string): void {
  if (current?.profileId === profileId) return interruptJob(current.job);
  if (early.size >= EARLY_LIMIT) early.clear();
  early.add(profileId);
}

/** On the way out: whatever profile runs stops, so the thread can exit. */
export function interruptProfiles(): void {
  if (current) interruptJob(current.job);
}
