import type { SessionCommand } from '../../shared/contracts/commands';
import type { AppError, Result } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import type { CommandHandler } from '../commands/commandHandler';
import { systemMeta } from '../commands/systemMeta';
import type { Logger } from '../platform/logger';

/** A query on the query worker, and how it ended if a person cancelled it. */
export interface Run {
  readonly jobId: number;
  readonly sessionId: string;
  /** Set when a CancelQuery interrupted it ahead of its append: resolves true once QueryCancelled is stored, false if the cancel was refused. */
  cancel?: Promise<boolean>;
  /** Settles when the worker reports that DuckDB has returned from the run (its undo may follow). */
  readonly stopped: Promise<void>;
  /** `performance.now()` when it was handed to the worker. */
  readonly startedMs: number;
}

/** How long `run` has run so far, in ms to a tenth, as QueryCompleted's duration is: what a failure or a cancel records of it. */
export const ranMs = (run: Pick<Run, 'startedMs'>): number => Math.round((performance.now() - run.startedMs) * 10) / 10;

/**
 * Notes a CancelQuery on its run. A second cancel while the first interrupt is on its way is
 * refused (the query is already Cancelled): the run still ended by a cancel if any of them was stored.
 */
export function noteCancel(run: Run, queryId: string, stored: Promise<Result<EventEnvelope[]>>): void {
  const recorded = stored.then((r) => r.ok && r.value.some((e) => e.type === 'QueryCancelled' && e.payload.queryId === queryId));
  const earlier = run.cancel;
  run.cancel = earlier ? Promise.all([earlier, recorded]).then(([a, b]) => a || b) : recorded;
}

/**
 * The failure to record for a run that did not complete, or none. An interruption is not a
 * failure when a cancel is stored for it (QueryCancelled, or a stop that the next start records).
 * But a CancelQuery interrupts before its append: if that append is refused, the query must
 * still end, so it fails with the interruption.
 */
export async function unrecordedFailure(error: AppError, run: Run): Promise<AppError | undefined> {
  if (error.code !== 'INTERRUPTED') return error;
  if (!run.cancel || (await run.cancel)) return undefined;
  return { ...error, message: 'The query was stopped, but its cancel could not be recorded.' };
}

/** Issues a system command of a run, caused by `cause`. A rejection here (the person cancelled first) is expected, not an error. */
export async function issueSystem(handler: Pick<CommandHandler, 'handle'>, log: Logger, cause: EventEnvelope | undefined, command: Extract<SessionCommand, { queryId: string }>): Promise<void> {
  const result = await handler.handle(command, systemMeta(cause));
  if (!result.ok && result.error.code !== 'QUERY_MISMATCH') {
    log.error({ errorId: result.error.id, sessionId: command.sessionId, queryId: command.queryId, command: command.type }, result.error.message);
  }
}
