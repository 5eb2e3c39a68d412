import { commandIssues, commandTarget, expectedVersionOf, type Command, type CommandMeta } from '../../shared/contracts/commands';
import { appError, fail, ok, toAppError, validationIssues, type AppError, type Result } from '../../shared/contracts/errors';
import type { AggregateType, DomainEvent, EventEnvelope, EventMetadata } from '../../shared/contracts/events';
import { isRejection } from '../../shared/domain/decider';
import { newErrorId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import type { Bus } from '../streams/bus';
import type { Projections } from '../streams/projections';
import { VersionConflict, type EventStore } from '../store/eventStore';
import { AggregateCache, type LoadedAggregate } from './aggregateCache';
import { aggregates, type AggregateKind } from './aggregates';

/** Bounded retries for commands the system issues (the query runner, the catalog service). */
export const SYSTEM_RETRIES = 3;

export interface CommandHandlerOptions {
  readonly clock?: () => Date;
  readonly errorId?: () => string;
  /** Aggregates whose folded state is kept between commands; 0 refolds every time. */
  readonly cacheSize?: number;
  /**
   * Main's view, folded with what is appended before it is published: every bus listener then
   * reads a view that already holds the event it is hearing about, whatever order listeners
   * subscribed in. AppCore always passes its own.
   */
  readonly projections?: Pick<Projections, 'apply'>;
}

/** How many events a window may be behind and still have its edit checked against them (docs/workbench.md). */
export const MAX_EVENTS_SINCE_SEEN = 10_000;

/**
 * check command → load aggregate → decide → check events → append(expectedVersion) → project → publish.
 *
 * One handler runs the commands of one aggregate one after another, in arrival order: a window
 * that saves a draft and starts a query in the same instant must not have one refused because of
 * the other. Between handlers (anything else writing the store) nothing is serialized: loading is
 * asynchronous, both may load version v and decide, and the store's expectedVersion check lets
 * exactly one append at v. The other gets VERSION_CONFLICT: a person's command fails fast ("This
 * session changed, try again."), because what they saw is no longer what is there; a system
 * command (query runner, catalog) reloads and decides again, up to SYSTEM_RETRIES times, then
 * fails with an error id.
 */
export class CommandHandler {
  private readonly clock: () => Date;
  private readonly errorId: () => string;
  private readonly cache: AggregateCache | undefined;
  private readonly projections: Pick<Projections, 'apply'> | undefined;
  /** The last queued command per aggregate key: the next one on that aggregate waits for it. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: EventStore,
    private readonly bus: Bus,
    private readonly log: Logger,
    options: CommandHandlerOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.errorId = options.errorId ?? newErrorId;
    const cacheSize = options.cacheSize ?? 1000;
    this.cache = cacheSize > 0 ? new AggregateCache(cacheSize) : undefined;
    this.projections = options.projections;
  }

  handle(command: Command, meta: CommandMeta): Promise<Result<EventEnvelope[]>> {
    const key = aggregateKey(command);
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.handleNow(command, meta));
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  private async handleNow(command: Command, meta: CommandMeta): Promise<Result<EventEnvelope[]>> {
    const attempts = meta.issuedBy === 'system' ? 1 + SYSTEM_RETRIES : 1;
    for (let attempt = 1; ; attempt++) {
      const result = await this.attempt(command, meta, attempt, attempts);
      if (result.ok || result.error.code !== 'VERSION_CONFLICT' || attempt >= attempts) {
        if (!result.ok) this.logFailure(command, meta, result.error, attempt);
        return result;
      }
    }
  }

  private async attempt(command: Command, meta: CommandMeta, attempt: number, attempts: number): Promise<Result<EventEnvelope[]>> {
    let kind: AggregateKind | undefined;
    let key = '';
    try {
      const issues = commandIssues(command);
      if (issues.length > 0) {
        return fail(appError(this.errorId(), 'INVALID_COMMAND', 'A malformed command was refused; nothing was stored.', { details: { issues } }));
      }
      const { aggregateType, aggregateId } = commandTarget(command);
      kind = aggregates[aggregateType];
      key = `${aggregateType}/${aggregateId}`;
      const loaded = await this.load(aggregateType, aggregateId, key, kind);
      const stale = this.staleEdit(command, aggregateType, aggregateId, loaded.version, kind);
      if (stale) return fail(stale);
      const decision = kind.decide(command, loaded.state);
      if (isRejection(decision)) {
        return fail(appError(this.errorId(), decision.code, decision.message, decision.details ? { details: decision.details } : {}));
      }
      if (decision.length === 0) return ok([]);
      const events = this.check(decision, kind);
      if (!events.ok) return events;
      const metadata: EventMetadata = {
        commandId: meta.commandId,
        correlationId: meta.correlationId,
        issuedBy: meta.issuedBy,
        ...(meta.causationId ? { causationId: meta.causationId } : {}),
      };
      const occurredAt = this.clock().toISOString();
      const topic = kind.topic(aggregateId);
      const stored = this.store.append(
        aggregateType,
        aggregateId,
        loaded.version,
        events.value.map((event) => ({ event, topic, metadata, occurredAt })),
      );
      this.cache?.set(key, { state: events.value.reduce(kind.evolve, loaded.state), version: stored[stored.length - 1]!.aggregateSeq, atWrite: this.store.writes });
      this.project(stored);
      this.bus.publishEvents(stored);
      return ok(stored);
    } catch (e) {
      if (e instanceof VersionConflict && kind) {
        this.cache?.delete(key);
        const gaveUp = meta.issuedBy === 'system' && attempt >= attempts;
        const message = gaveUp ? `The ${kind.noun} kept changing; gave up after ${attempts} attempts.` : kind.conflictMessage;
        return fail(appError(this.errorId(), 'VERSION_CONFLICT', message, { details: { expected: e.expected, actual: e.actual, attempts: attempt } }));
      }
      // A store failure arrives as an AppErrorException and keeps its id; anything else is a bug.
      return fail(toAppError(e, this.errorId(), 'INTERNAL'));
    }
  }

  /**
   * A command that names the version its window decided on is refused when it would overwrite
   * something recorded since (the aggregate's rule says what), or when it names a version the log
   * never had. Nothing is appended; the window's stream brings it the newer state.
   */
  private staleEdit(command: Command, aggregateType: AggregateType, aggregateId: string, version: number, kind: AggregateKind): AppError | undefined {
    const expected = expectedVersionOf(command);
    if (expected === undefined || expected === version || !kind.overwritesLater) return undefined;
    // Further behind than this, the edit is refused unread: a client names the version, and a read of
    // a whole long session on main would stall every window.
    if (expected < version && version - expected <= MAX_EVENTS_SINCE_SEEN) {
      const later = this.store.readAggregate(aggregateType, aggregateId, expected);
      const actionAt = (seq: number) => this.store.aggregateViewEvents(aggregateType, aggregateId, seq - 1, Number.MAX_SAFE_INTEGER, 1)[0];
      if (!kind.overwritesLater(command, later, actionAt)) return undefined;
    }
    return appError(this.errorId(), 'VERSION_CONFLICT', kind.staleMessage ?? kind.conflictMessage, { details: { expected, actual: version, stale: true } });
  }

  /** The events are stored whatever happens here: a fold that throws is a bug to log, not a failed command. */
  private project(stored: readonly EventEnvelope[]): void {
    try {
      this.projections?.apply(stored);
    } catch (e) {
      logAppError(this.log, 'error', toAppError(e, this.errorId(), 'INTERNAL'), { globalSeq: stored[0]?.globalSeq });
    }
  }

  /**
   * State and version of one aggregate: the cached fold (if any) plus whatever the store holds
   * after it. Asynchronous on purpose: callers await it, so commands interleave here, and the
   * append's expectedVersion, not the event loop, is what keeps them from overwriting each other.
   */
  private async load(aggregateType: AggregateType, aggregateId: string, key: string, kind: AggregateKind): Promise<LoadedAggregate> {
    const cached = this.cache?.get(key);
    // Nothing was written since the cached state was current: reading would find nothing after it.
    if (cached?.atWrite !== undefined && cached.atWrite === this.store.writes) return cached;
    const base = cached ?? { state: kind.initialState, version: 0 };
    const atWrite = this.store.writes;
    const newer = this.store.readAggregate(aggregateType, aggregateId, base.version);
    let state = base.state;
    for (const e of newer) state = kind.evolve(state, e);
    const loaded = { state, version: newer.at(-1)?.aggregateSeq ?? base.version, atWrite };
    this.cache?.set(key, loaded);
    return loaded;
  }

  /**
   * Parses every decided event with its contract before append, whoever issued the command: a
   * system command with a bad field (a negative row count, a NaN duration) is refused here, with
   * nothing written, instead of becoming an event every later replay trips over.
   */
  private check(events: readonly DomainEvent[], kind: AggregateKind): Result<DomainEvent[]> {
    const out: DomainEvent[] = [];
    for (const event of events) {
      const parsed = kind.eventSchema.safeParse(event);
      if (!parsed.success) {
        return fail(
          appError(this.errorId(), 'INVALID_COMMAND', `The command would record a malformed ${String(event.type)} event; nothing was stored.`, {
            details: { issues: validationIssues(parsed.error) },
          }),
        );
      }
      out.push(parsed.data);
    }
    return ok(out);
  }

  private logFailure(command: Command, meta: CommandMeta, error: AppError, attempts: number): void {
    const serious = error.code === 'INTERNAL' || error.code.startsWith('STORE_') || (error.code === 'VERSION_CONFLICT' && meta.issuedBy === 'system');
    logAppError(this.log, serious ? 'error' : 'warn', error, {
      correlationId: meta.correlationId,
      commandId: meta.commandId,
      ...(meta.causationId ? { causationId: meta.causationId } : {}),
      issuedBy: meta.issuedBy,
      command: String((command as { type?: unknown } | null)?.type ?? 'unknown'),
      attempts,
    });
  }
}

/** Which aggregate a command addresses, as a key; a malformed command gets a key of its own. */
function aggregateKey(command: Command): string {
  try {
    const { aggregateType, aggregateId } = commandTarget(command);
    return `${aggregateType}/${String(aggregateId)}`;
  } catch {
    return 'malformed';
  }
}
