import type { CommandMeta, SessionCommand } from '../../shared/contracts/commands';
import { appError, fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import type { Column, EventEnvelope } from '../../shared/contracts/events';
import type { Page } from '../../shared/contracts/protocol';
import { sessionTopic } from '../../shared/contracts/topics';
import type { CommandHandler } from '../commands/commandHandler';
import { newErrorId, newId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { Bus } from '../streams/bus';
import type { Projections } from '../streams/projections';
import { resultTableName } from './sql';
import type { WorkerPool } from './workerPool';

interface StoredResult {
  readonly table: string;
  readonly columns: readonly Column[];
  readonly rowCount: number;
}

/**
 * Reacts to persisted QueryStarted events (spawn-after-persist), runs the SQL on the worker pool
 * and records what happened through the command handler, as the system. Keeps the registry of
 * running queries so a persisted QueryCancelled interrupts DuckDB.
 */
export class QueryRunner {
  private readonly running = new Map<string, { jobId: number }>();
  private readonly results = new Map<string, StoredResult>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly handler: CommandHandler,
    private readonly bus: Bus,
    private readonly pool: WorkerPool,
    private readonly projections: Projections,
    private readonly log: Logger,
  ) {}

  /** Fails what a crash left in flight, indexes stored results, then reacts to new events. */
  async start(): Promise<void> {
    for (const session of Object.values(this.projections.current.view.sessions)) {
      for (const h of session.history) {
        if (h.status === 'completed' && h.columns && h.columns.length > 0) this.remember(h.queryId, h.columns, h.rowCount ?? 0);
      }
      const last = session.history.at(-1);
      if (last && (last.status === 'pending' || last.status === 'running')) {
        await this.system(session.id, last.queryId, undefined, {
          type: 'FailQuery',
          sessionId: session.id,
          queryId: last.queryId,
          error: appError(newErrorId(), 'INTERRUPTED', 'Sextant stopped while this query was running.'),
        });
      }
    }
    this.unsubscribe = this.bus.subscribe((m) => {
      if (m.kind === 'event') this.onEvent(m.event);
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  async fetchPage(queryId: string, offset: number, limit: number): Promise<Result<Page>> {
    const stored = this.results.get(queryId);
    if (!stored) return fail(appError(newErrorId(), 'RESULT_NOT_FOUND', 'That result is not available.', { details: { queryId } }));
    const end = Math.min(stored.rowCount, offset + limit);
    const base = { queryId, offset, totalRows: stored.rowCount, complete: true, columns: stored.columns };
    if (end <= offset) return ok({ ...base, values: stored.columns.map(() => []) });
    try {
      const values = await this.pool.request({ type: 'page', resultTable: stored.table, columnCount: stored.columns.length, offset, limit: end - offset });
      return ok({ ...base, values });
    } catch (e) {
      return fail(e as AppError);
    }
  }

  private onEvent(e: EventEnvelope): void {
    switch (e.type) {
      case 'QueryStarted':
        return void this.execute(e.aggregateId, e.payload.queryId, e.payload.sql, e);
      case 'QueryCancelled': {
        const run = this.running.get(e.payload.queryId);
        if (run) this.pool.cancel(run.jobId);
        return;
      }
      case 'QueryCompleted':
        if (e.payload.columns.length > 0) this.remember(e.payload.queryId, e.payload.columns, e.payload.rowCount);
        return;
      default:
        return;
    }
  }

  private async execute(sessionId: string, queryId: string, sql: string, cause: EventEnvelope): Promise<void> {
    let began: Promise<unknown> = Promise.resolve();
    const { jobId, done } = this.pool.run(sql, resultTableName(queryId), {
      onBegan: () => {
        began = this.system(sessionId, queryId, cause, { type: 'BeginExecution', sessionId, queryId });
      },
      onProgress: (p) => this.bus.publishProgress({ topic: sessionTopic(sessionId), sessionId, queryId, ...p }),
    });
    this.running.set(queryId, { jobId });
    try {
      const outcome = await done;
      await began;
      await this.system(sessionId, queryId, cause, {
        type: 'CompleteQuery',
        sessionId,
        queryId,
        rowCount: outcome.rowCount,
        columns: outcome.columns,
        durationMs: Math.round(outcome.durationMs * 10) / 10,
      });
    } catch (e) {
      await began;
      const error = e as AppError;
      // A cancel is already stored as QueryCancelled; the interruption it caused is not a failure.
      if (error.code !== 'INTERRUPTED') await this.system(sessionId, queryId, cause, { type: 'FailQuery', sessionId, queryId, error });
    } finally {
      this.running.delete(queryId);
    }
  }

  private remember(queryId: string, columns: readonly Column[], rowCount: number): void {
    this.results.set(queryId, { table: resultTableName(queryId), columns, rowCount });
  }

  /** Issues a system command. A rejection here (the person cancelled first) is expected, not an error. */
  private async system(sessionId: string, queryId: string, cause: EventEnvelope | undefined, command: SessionCommand): Promise<void> {
    const meta: CommandMeta = {
      commandId: newId(),
      correlationId: cause?.metadata.correlationId ?? newId(),
      issuedBy: 'system',
      ...(cause ? { causationId: cause.eventId } : {}),
    };
    const result = await this.handler.handle(command, meta);
    if (!result.ok && result.error.code !== 'QUERY_MISMATCH') {
      this.log.error({ errorId: result.error.id, sessionId, queryId, command: command.type }, result.error.message);
    }
  }
}
