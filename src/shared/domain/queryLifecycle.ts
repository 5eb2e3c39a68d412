import { z } from 'zod';
import type { SessionEvent } from '../contracts/events';

/**
 * The one lifecycle of a query, used by the session decider, the views, the query runner and the
 * UI alike: Pending → Executing → Completed | Failed | Cancelled. A query is Pending from the
 * stored QueryStarted until the runner has it on a DuckDB connection (ExecutionBegan).
 */
export type QueryPhase = 'Pending' | 'Executing' | 'Completed' | 'Failed' | 'Cancelled';
export type InFlightPhase = Extract<QueryPhase, 'Pending' | 'Executing'>;
export type SettledPhase = Exclude<QueryPhase, InFlightPhase>;

/** A settled phase as stored JSON carries it (a fork's history holds only settled queries). */
export const settledPhaseSchema = z.enum(['Completed', 'Failed', 'Cancelled'] as const satisfies readonly SettledPhase[]);

/** Still running or about to: one such query per session at most. */
export const isInFlight = (phase: QueryPhase | undefined): phase is InFlightPhase => phase === 'Pending' || phase === 'Executing';

/** Over for good: nothing about it will change again. */
export const isSettled = (phase: QueryPhase | undefined): phase is SettledPhase => phase !== undefined && !isInFlight(phase);

// Selectors for one phase each, so that what a phase means is read here, not by comparing its name
// (a session's latest query may also be 'Idle': these take any phase-like string).

/** Stored, not yet on a DuckDB connection: it waits in the queue or for its prerequisite. */
export const isPending = (phase: string | undefined): phase is 'Pending' => phase === 'Pending';

/** Running on a connection: its rows arrive as it runs. */
export const isExecuting = (phase: string | undefined): phase is 'Executing' => phase === 'Executing';

/** Completed: it has a result (rows, or none for a statement without a result set) that pages, views and charts read. */
export const isCompleted = (phase: string | undefined): phase is 'Completed' => phase === 'Completed';

/** Failed or cancelled: settled with no result of its own. */
export const endedWithoutResult = (phase: string | undefined): phase is 'Failed' | 'Cancelled' => phase === 'Failed' || phase === 'Cancelled';

/** Events that move a query along its lifecycle (a view or an export names a query but only changes how it is shown or where it went). */
type QueryEventType = Exclude<Extract<SessionEvent, { payload: { queryId: string } }>, { type: 'ResultViewSet' | 'ResultExported' | 'ChartSet' | 'PivotSet' }>['type'];

/** The phase a query event moves its query to. */
export const phaseAfter: { readonly [T in QueryEventType]: QueryPhase } = {
  QueryStarted: 'Pending',
  ExecutionBegan: 'Executing',
  QueryCompleted: 'Completed',
  QueryFailed: 'Failed',
  QueryCancelled: 'Cancelled',
};

/** Whether a session whose latest query is in `phase` may start another (one query in flight per session). */
export const canStartQuery = (phase: QueryPhase | undefined): boolean => !isInFlight(phase);

/**
 * How long a query that failed or was cancelled ran, from its start to its end as the log stamped
 * them (a completed query's own duration is DuckDB's, in its event): what older logs, without a
 * measured duration, fall back to (endedRunMs).
 */
export function elapsedMs(startedAt: string, endedAt: string): number | undefined {
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  // a stamp that does not read (a hand-made or foreign log) gives no duration rather than NaN, which no event holds
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

/**
 * Whether a completed query's result is no result set (its last statement a CREATE, SET, ATTACH…):
 * main completes those with no columns, while every query that returns rows, even none, has some.
 * Older logs recorded DuckDB's own `Count` or `Success` column for them; those stay results.
 */
export const withoutResultSet = (columns: readonly unknown[] | undefined): boolean => columns?.length === 0;

/** What a QueryFailed or QueryCancelled says of its query's run. */
interface RunEnd {
  readonly durationMs?: number | undefined;
  readonly error?: { readonly code: string } | undefined;
}

/**
 * How long a failed or cancelled query ran, as the history panel and the `sextant.queries` table
 * both say it: main's measure when the end carries one. An INTERRUPTED end without one was found
 * at the next start: its stamp came after however long Sextant was down, so the duration is
 * unknown (undefined) rather than that gap. Other ends of older logs: start to end as stamped.
 */
export function endedRunMs(startedAt: string, endedAt: string, end: RunEnd): number | undefined {
  if (end.durationMs !== undefined) return end.durationMs;
  if (end.error?.code === 'INTERRUPTED') return undefined;
  return elapsedMs(startedAt, endedAt);
}
