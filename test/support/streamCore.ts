import { join } from 'node:path';
import { commandTarget, type ClientCommand, type Command, type CommandAck } from '../../src/shared/contracts/commands';
import { appError, fail, ok, type Result } from '../../src/shared/contracts/errors';
import type { EventEnvelope } from '../../src/shared/contracts/events';
import { toDomainCommand } from '../../src/main/commands/clientCommands';
import { CommandHandler } from '../../src/main/commands/commandHandler';
import type { ClientConnection, ConnectionServices } from '../../src/main/core/clientConnection';
import { newErrorId, newId } from '../../src/main/platform/ids';
import { silentLogger, type Logger } from '../../src/main/platform/logger';
import { openEventStore, type EventStore } from '../../src/main/store/eventStore';
import { Bus } from '../../src/main/streams/bus';
import { defaultFlowLimits, type FlowLimits } from '../../src/main/streams/outbox';
import { Projections } from '../../src/main/streams/projections';
import { defaultStreamLimits, StreamManager, type StreamLimits } from '../../src/main/streams/streamManager';
import { serveChannel } from '../../src/main/transports/serveChannel';
import type { ServerChannel } from '../../src/main/transports/serverChannel';

/**
 * The event-sourced half of the core, without DuckDB: the real store (a file in `dir`), bus,
 * projections, command handler and stream manager, wired as AppCore wires them. Stream tests and
 * benchmarks use it to run many cores quickly; it has no query engine, so pages are never found.
 */
export class StreamCore {
  readonly log: Logger = silentLogger();
  readonly store: EventStore;
  readonly bus: Bus;
  readonly projections = new Projections();
  readonly handler: CommandHandler;
  readonly streams: StreamManager;
  readonly services: ConnectionServices;
  /** Errors thrown by bus listeners (the bus isolates them); a test expects none. */
  readonly listenerErrors: unknown[] = [];

  constructor(
    dir: string,
    options: { streamLimits?: Partial<StreamLimits>; flowLimits?: Partial<FlowLimits> } = {},
    private readonly flowLimits: FlowLimits = { ...defaultFlowLimits, ...options.flowLimits },
  ) {
    this.store = openEventStore(join(dir, 'events.sqlite'));
    this.bus = new Bus((e) => this.listenerErrors.push(e));
    this.projections.rebuild(this.store);
    this.handler = new CommandHandler(this.store, this.bus, this.log, { projections: this.projections });
    this.streams = new StreamManager(this.store, this.bus, this.projections, this.log, { ...defaultStreamLimits, ...options.streamLimits });
    this.services = {
      streams: this.streams,
      log: this.log,
      dispatch: (command) => this.dispatch(command),
      fetchPage: async (queryId) => fail(appError(newErrorId(), 'RESULT_NOT_FOUND', 'This core has no query engine.', { details: { queryId } })),
    };
  }

  /** What AppCore.dispatch does: mint ids, decide, append, publish. */
  async dispatch(clientCommand: ClientCommand): Promise<Result<CommandAck>> {
    const { command, queryId } = toDomainCommand(clientCommand, this.projections.current.view, newId);
    const result = await this.execute(command);
    if (!result.ok) return fail(result.error);
    return ok({ aggregateId: commandTarget(command).aggregateId, lastSeq: result.value.at(-1)?.globalSeq ?? this.store.lastSeq(), ...(queryId ? { queryId } : {}) });
  }

  /** A domain command as the system would issue it (the query runner's, the catalog's). */
  execute(command: Command): Promise<Result<EventEnvelope[]>> {
    const commandId = newId();
    return this.handler.handle(command, { commandId, correlationId: commandId, issuedBy: 'system' });
  }

  connect(channel: ServerChannel): ClientConnection {
    return serveChannel(this.services, channel, this.flowLimits);
  }

  close(): void {
    this.streams.close();
    this.store.close();
  }
}
