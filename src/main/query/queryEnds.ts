import type { CommandMeta, SessionCommand } from '../../shared/contracts/commands';
import { appError, type AppError, type Result } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import type { QueryInput } from '../../shared/contracts/fingerprint';
import { isInFlight } from '../../shared/domain/queryLifecycle';
import type { SessionView } from '../../shared/views/appView';
import type { CommandHandler } from '../commands/commandHandler';
import { systemMeta } from '../commands/systemMeta';
import { lastQuery } from '../streams/lazyHistory';
import { newErrorId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import type { RunOutcome } from './workerProtocol';

/** The commands by which the runner ends a query. */
export type EndCommand = Extract<SessionCommand, { type: 'CompleteQuery' | 'FailQuery' }>;

/**
 * A refusal by the store itself (a full disk, a file turned read-only, a failing disk; or other
 * writers the handler gave up racing): nothing was stored, and the same command may be stored once
 * that is over. Every other refusal is about the command, and asking again changes nothing.
 */
export const isStoreRefusal = (error: AppError): boolean => error.code.startsWith('STORE_') || error.code === 'VERSION_CONFLICT';

/**
 * A refusal of a query's end saying the query has already ended some other way: a cancel or a
 * close was stored first (QUERY_MISMATCH), or the session is closed. Nothing is left to record.
 */
export const isEndedElsewhere = (error: AppError): boolean => error.code === 'QUERY_MISMATCH' || error.code === 'SESSION_CLOSED';

/** Told of each refusal of `command` by the store that will be tried again: the end waits for the store. */
export type EndWaiting = (command: EndCommand, refusal: AppError) => void;

/** The end of a query Sextant stopped while it ran: what the next start records (failInterrupted), with no duration: Sextant was down for an unknown part of it. */
export const interruptedEnd = (sessionId: string, queryId: string): Extract<EndCommand, { type: 'FailQuery' }> => ({
  type: 'FailQuery',
  sessionId,
  queryId,
  error: appError(newErrorId(), 'INTERRUPTED', 'Sextant stopped while this query was running.'),
});

/** The failure of a query that ran `durationMs`, measured when it failed (its end may be stored later: a full disk), its SQL naming `inputs`. */
export const failure = (sessionId: string, queryId: string, error: AppError, durationMs: number, inputs?: QueryInput[]): Extract<EndCommand, { type: 'FailQuery' }> => ({
  type: 'FailQuery',
  sessionId,
  queryId,
  error,
  durationMs,
  ...(inputs ? { inputs } : {}),
});

/** The end of a query DuckDB ran to its end, reading `inputs` (unknown: none recorded). */
export const completion = (sessionId: string, queryId: string, outcome: RunOutcome, inputs: QueryInput[] | undefined): Extract<EndCommand, { type: 'CompleteQuery' }> => ({
  type: 'CompleteQuery',
  sessionId,
  queryId,
  rowCount: outcome.rowCount,
  columns: outcome.columns,
  durationMs: Math.round(outcome.durationMs * 10) / 10,
  ...(inputs ? { inputs } : {}),
});

/** The first pause before a refused end is tried again, and the longest: a full disk is not freed in a second, nor should the log fill with attempts. */
export const END_RETRY_FIRST_MS = 1000;
export const END_RETRY_MAX_MS = 30_000;

/**
 * Records the ends of queries (QueryCompleted, QueryFailed) as the system. The store refusing one
 * (a full disk, a file turned read-only) must not leave its query in flight in the log, running for
 * good with every next query refused: the same command, under the same command id, is issued again
 * until it is stored, the query has ended some other way (a person's cancel or a close was stored
 * first, so the decider refuses it), or Sextant stops (the next start ends the query INTERRUPTED).
 * The decider alone says whether an end may still be stored, so a query ends exactly once; nothing
 * here decides a phase.
 *
 * The pauses between attempts double from `firstMs` up to `maxMs`, and are cut short as soon as
 * anything is stored (`wake`): a stored event says the store takes writes again, so a person who
 * freed space and goes on typing (a saved draft) sees their query end at once.
 *
 * Each refusal that will be tried again is told to `waiting` (after its log line, with the same
 * error id), for the runner to say in the query's progress why the query has not ended.
 */
export class QueryEnds {
  private readonly pausing = new Set<(again: boolean) => void>();
  private stopped = false;

  constructor(
    private readonly handler: Pick<CommandHandler, 'handle'>,
    private readonly log: Logger,
    private readonly waiting: EndWaiting = () => {},
    private readonly firstMs = END_RETRY_FIRST_MS,
    private readonly maxMs = END_RETRY_MAX_MS,
  ) {}

  /**
   * Issues `command` (or takes `first`, the answer to an attempt already made) until it is stored
   * or cannot be. Resolves with a refusal no retry can change (about the command itself, such as a
   * completion past the payload limit), for the caller to fail the query with; else undefined.
   */
  async record(command: EndCommand, meta: CommandMeta, first?: Result<EventEnvelope[]>): Promise<AppError | undefined> {
    let result = first ?? (await this.handler.handle(command, meta));
    for (let attempt = 0; !result.ok; attempt++) {
      if (isEndedElsewhere(result.error)) return undefined;
      const { sessionId, queryId, type } = command;
      // The handler logged the refusal with its id; this line says the query is still waiting for its end.
      this.log.error({ errorId: result.error.id, code: result.error.code, sessionId, queryId, command: type, attempt }, `the end of query ${queryId} was not stored: ${result.error.message}`);
      if (!isStoreRefusal(result.error)) return result.error;
      if (!this.stopped) this.waiting(command, result.error);
      if (!(await this.pause(attempt))) return undefined;
      result = await this.handler.handle(command, meta);
    }
    return undefined;
  }

  /**
   * Fails what a crash or a stop left in flight: each session's last query still Pending or
   * Executing ends INTERRUPTED. The first attempt is awaited; a store that still refuses it (the
   * disk still full) must not hold the start, so the attempts go on behind it, and `settled` is told
   * when they end. Returns the queries failed.
   */
  async failInterrupted(sessions: Iterable<SessionView>, settled: (queryId: string) => void): Promise<string[]> {
    const failed: string[] = [];
    for (const session of sessions) {
      const last = lastQuery(session);
      if (!last || !isInFlight(last.phase)) continue;
      failed.push(last.queryId);
      const command = interruptedEnd(session.id, last.queryId);
      // the status bar shows this end's error id: it is found in the log as every other failure's is
      logAppError(this.log, 'warn', command.error, { sessionId: session.id, queryId: last.queryId });
      const meta = systemMeta(undefined);
      const first = await this.handler.handle(command, meta);
      void this.record(command, meta, first).finally(() => settled(last.queryId));
    }
    return failed;
  }

  /** Something was stored: every end waiting for the store is tried now. */
  wake(): void {
    for (const end of [...this.pausing]) end(true);
  }

  /** No more attempts: what is still in flight is settled by the next start. */
  stop(): void {
    this.stopped = true;
    for (const end of [...this.pausing]) end(false);
  }

  /** Resolves true when attempt `attempt + 1` is due, false once stopped. */
  private pause(attempt: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    const ms = Math.min(this.maxMs, this.firstMs * 2 ** Math.min(attempt, 30));
    return new Promise((resolve) => {
      const end = (again: boolean): void => {
        clearTimeout(timer);
        this.pausing.delete(end);
        resolve(again);
      };
      const timer = setTimeout(() => end(true), ms);
      this.pausing.add(end);
    });
  }
}
