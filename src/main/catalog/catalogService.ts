import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { CommandMeta, DatasetCommand } from '../../shared/contracts/commands';
import { appError, toAppError, type AppError } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import { datasetName, formatOf } from '../../shared/domain/datasetName';
import type { CommandHandler } from '../commands/commandHandler';
import { newErrorId, newId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { WorkerPool } from '../query/workerPool';
import type { Bus } from '../streams/bus';
import type { Projections } from '../streams/projections';

/**
 * Reacts to persisted DatasetRequested events: checks the source, creates a DuckDB view under the
 * DESIGN.md name, reads its columns, and registers or fails the dataset as the system.
 * Registrations run one at a time so two sources can never be given the same name.
 */
export class CatalogService {
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly handler: CommandHandler,
    private readonly bus: Bus,
    private readonly pool: WorkerPool,
    private readonly projections: Projections,
    private readonly log: Logger,
  ) {}

  /** Recreates views of registered datasets (the DuckDB file may be new), resumes unfinished requests, then listens. */
  async start(): Promise<void> {
    for (const ds of Object.values(this.projections.current.view.datasets)) {
      if (ds.status === 'ready' && ds.name && ds.format) {
        await this.pool.request({ type: 'register', name: ds.name, source: ds.source, format: ds.format }).catch((e: unknown) => {
          const error = toAppError(e, newErrorId());
          this.log.warn({ errorId: error.id, dataset: ds.name }, `dataset view not recreated: ${error.message}`);
        });
      } else if (ds.status === 'loading') {
        this.enqueue(ds.id, ds.source, undefined);
      }
    }
    this.unsubscribe = this.bus.subscribe((m) => {
      if (m.kind === 'event' && m.event.type === 'DatasetRequested') this.enqueue(m.event.aggregateId, m.event.payload.source, m.event);
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** Resolves when every registration queued so far has finished. */
  idle(): Promise<void> {
    return this.chain;
  }

  private enqueue(datasetId: string, source: string, cause: EventEnvelope | undefined): void {
    this.chain = this.chain.then(() => this.register(datasetId, source, cause));
  }

  private async register(datasetId: string, source: string, cause: EventEnvelope | undefined): Promise<void> {
    const fail = (error: AppError) => this.system(cause, { type: 'FailDataset', datasetId, source, error });
    const path = isAbsolute(source) ? source : resolve(source);
    const format = formatOf(path);
    if (!existsSync(path)) return fail(appError(newErrorId(), 'DATASET_MISSING', `No file at ${path}.`));
    if (!statSync(path).isFile()) return fail(appError(newErrorId(), 'DATASET_UNSUPPORTED', `${path} is not a file.`));
    if (!format) return fail(appError(newErrorId(), 'DATASET_UNSUPPORTED', `Sextant does not know how to read ${path}: use CSV, TSV, Parquet or JSON.`));
    const taken = new Set(Object.values(this.projections.current.view.datasets).flatMap((d) => (d.name ? [d.name] : [])));
    const name = datasetName(path, taken);
    try {
      const columns = await this.pool.request({ type: 'register', name, source: path, format });
      await this.system(cause, { type: 'RegisterDataset', datasetId, name, source: path, format, columns });
    } catch (e) {
      const error = toAppError(e, newErrorId(), 'DATASET_UNREADABLE');
      await fail({ ...error, code: error.code === 'SQL_ERROR' || error.code === 'INTERNAL' ? 'DATASET_UNREADABLE' : error.code, message: `${path} could not be read: ${error.message}` });
    }
  }

  private async system(cause: EventEnvelope | undefined, command: DatasetCommand): Promise<void> {
    const meta: CommandMeta = {
      commandId: newId(),
      correlationId: cause?.metadata.correlationId ?? newId(),
      issuedBy: 'system',
      ...(cause ? { causationId: cause.eventId } : {}),
    };
    const result = await this.handler.handle(command, meta);
    if (!result.ok) this.log.warn({ errorId: result.error.id, command: command.type }, result.error.message);
  }
}
