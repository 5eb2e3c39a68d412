import { mkdirSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';
import { commandTarget, type ClientCommand, type CommandAck, type CommandMeta } from '../../shared/contracts/commands';
import { fail, ok, toAppError, type Result } from '../../shared/contracts/errors';
import { CatalogService } from '../catalog/catalogService';
import { sampleDatasetPaths } from '../catalog/sampleDatasets';
import { toDomainCommand } from '../commands/clientCommands';
import { CommandHandler } from '../commands/commandHandler';
import { newErrorId, newId } from '../platform/ids';
import { createLogger, type Logger } from '../platform/logger';
import { QueryRunner } from '../query/queryRunner';
import { WorkerPool } from '../query/workerPool';
import { openEventStore, type EventStore } from '../store/eventStore';
import { Bus } from '../streams/bus';
import { Projections } from '../streams/projections';
import { StreamManager, type FrameSink } from '../streams/streamManager';
import { ClientConnection } from './clientConnection';

export interface AppCoreOptions {
  readonly dataDir: string;
  /** The DuckDB worker entry: out/main/duckdbWorker.js when built, the .ts source under tsx in tests. */
  readonly workerPath: string;
  readonly workerExecArgv?: readonly string[];
  readonly workers?: number;
  readonly memoryLimit?: string;
  readonly log?: Logger;
  /** Datasets to offer on first start; defaults to the vega-datasets samples. */
  readonly samples?: readonly string[];
}

/**
 * The main-process core, free of Electron: the Electron shell and the web host both wrap it.
 * Owns the event store, bus, projections, command handler, streams, query runner and catalog.
 */
export class AppCore {
  private constructor(
    readonly dataDir: string,
    readonly log: Logger,
    readonly store: EventStore,
    readonly bus: Bus,
    readonly projections: Projections,
    readonly handler: CommandHandler,
    readonly streams: StreamManager,
    readonly pool: WorkerPool,
    readonly runner: QueryRunner,
    readonly catalog: CatalogService,
  ) {}

  static async start(options: AppCoreOptions): Promise<AppCore> {
    const { dataDir } = options;
    mkdirSync(join(dataDir, 'duckdb', 'tmp'), { recursive: true });
    const log = options.log ?? createLogger(dataDir);
    const store = openEventStore(join(dataDir, 'events.sqlite'), { log });
    const firstStart = store.lastSeq() === 0;
    const bus = new Bus((e) => log.error({ err: e }, 'bus listener failed'));
    const projections = new Projections();
    projections.rebuild(store);
    bus.subscribe((m) => m.kind === 'event' && projections.apply(m.event)); // first, so streams see a current view
    const handler = new CommandHandler(store, bus, log);
    const pool = new WorkerPool({
      workerPath: options.workerPath,
      execArgv: options.workerExecArgv ?? [],
      size: options.workers ?? Math.max(1, availableParallelism() - 1),
      log,
      config: {
        dbPath: join(dataDir, 'duckdb', 'sextant.duckdb'),
        duckdb: { memory_limit: options.memoryLimit ?? defaultMemoryLimit(), temp_directory: join(dataDir, 'duckdb', 'tmp') },
        progressIntervalMs: 200,
      },
    });
    const runner = new QueryRunner(handler, bus, pool, projections, log);
    const catalog = new CatalogService(handler, bus, pool, projections, log);
    await runner.start();
    await catalog.start();
    const core = new AppCore(dataDir, log, store, bus, projections, handler, new StreamManager(store, bus, projections), pool, runner, catalog);
    if (firstStart) await core.seed(options.samples ?? sampleDatasetPaths());
    log.info({ dataDir, seq: store.lastSeq() }, 'core started');
    return core;
  }

  /** A first start opens a session and offers the sample datasets. */
  private async seed(samples: readonly string[]): Promise<void> {
    await this.dispatch({ type: 'OpenSession' }, 'system');
    for (const source of samples) await this.dispatch({ type: 'AddDataset', source }, 'system');
  }

  async dispatch(clientCommand: ClientCommand, issuedBy: CommandMeta['issuedBy'] = 'user'): Promise<Result<CommandAck>> {
    const { command, queryId } = toDomainCommand(clientCommand, this.projections.current.view, newId);
    const commandId = newId();
    const result = await this.handler.handle(command, { commandId, correlationId: commandId, issuedBy });
    if (!result.ok) return fail(result.error);
    const { aggregateId } = commandTarget(command);
    return ok({ aggregateId, lastSeq: result.value.at(-1)?.globalSeq ?? this.store.lastSeq(), ...(queryId ? { queryId } : {}) });
  }

  connect(sink: FrameSink): ClientConnection {
    return new ClientConnection(this, sink);
  }

  async close(): Promise<void> {
    this.runner.stop();
    this.catalog.stop();
    await this.pool.close().catch((e: unknown) => this.log.warn({ errorId: toAppError(e, newErrorId()).id }, 'pool close failed'));
    this.store.close();
    this.log.info('core stopped');
    this.log.flush();
  }
}

/** Half the machine's memory for DuckDB; beyond it, work spills to temp_directory instead of failing. */
function defaultMemoryLimit(): string {
  return `${Math.max(1, Math.floor((totalmem() / 2 ** 30) * 0.5))}GB`;
}
