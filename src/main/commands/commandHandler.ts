import { commandTarget, type Command, type CommandMeta } from '../../shared/contracts/commands';
import { appError, fail, ok, toAppError, type AppError, type Result } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import { isRejection } from '../../shared/domain/decider';
import type { Logger } from '../platform/logger';
import { newErrorId } from '../platform/ids';
import type { Bus } from '../streams/bus';
import { VersionConflict, type EventStore } from '../store/eventStore';
import { aggregates } from './aggregates';

/** Bounded retries for commands the system issues (the query runner, the catalog service). */
const SYSTEM_RETRIES = 3;

/**
 * load aggregate → decide → append(expectedVersion) → publish. A person's command fails fast on a
 * version conflict (the UI says "this session changed, try again"); a system command reloads and
 * retries a bounded number of times.
 */
export class CommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async handle(command: Command, meta: CommandMeta): Promise<Result<EventEnvelope[]>> {
    const attempts = meta.issuedBy === 'system' ? 1 + SYSTEM_RETRIES : 1;
    for (let attempt = 1; ; attempt++) {
      const result = this.attempt(command, meta);
      if (result.ok || result.error.code !== 'VERSION_CONFLICT' || attempt >= attempts) {
        if (!result.ok) this.logFailure(command, meta, result.error, attempt);
        return result;
      }
    }
  }

  private attempt(command: Command, meta: CommandMeta): Result<EventEnvelope[]> {
    const { aggregateType, aggregateId } = commandTarget(command);
    const kind = aggregates[aggregateType];
    try {
      const history = this.store.readAggregate(aggregateType, aggregateId);
      const version = history.at(-1)?.aggregateSeq ?? 0;
      const decision = kind.decide(command, history);
      if (isRejection(decision)) {
        return fail(appError(newErrorId(), decision.code, decision.message, decision.details ? { details: decision.details } : {}));
      }
      const occurredAt = this.clock().toISOString();
      const metadata = { commandId: meta.commandId, correlationId: meta.correlationId, issuedBy: meta.issuedBy, ...(meta.causationId ? { causationId: meta.causationId } : {}) };
      const stored = this.store.append(
        aggregateType,
        aggregateId,
        version,
        decision.map((event) => ({ event, topic: kind.topic(aggregateId), metadata, occurredAt })),
      );
      this.bus.publishEvents(stored);
      return ok(stored);
    } catch (e) {
      if (e instanceof VersionConflict) {
        return fail(
          appError(newErrorId(), 'VERSION_CONFLICT', 'This session changed while you were acting on it; try again.', {
            details: { expected: e.expected, actual: e.actual },
          }),
        );
      }
      return fail(toAppError(e, newErrorId(), 'STORE_WRITE_FAILED'));
    }
  }

  private logFailure(command: Command, meta: CommandMeta, error: AppError, attempts: number): void {
    const level = error.code === 'STORE_WRITE_FAILED' || error.code === 'INTERNAL' ? 'error' : 'warn';
    this.log[level](
      { errorId: error.id, code: error.code, correlationId: meta.correlationId, commandId: meta.commandId, command: command.type, attempts, stack: error.stack },
      error.message,
    );
  }
}
