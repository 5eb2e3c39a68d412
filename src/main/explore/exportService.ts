import { stat } from 'node:fs/promises';
import { appError, fail, ok, toAppError, type AppError, type Result } from '../../shared/contracts/errors';
import type { ExportProgress } from '../../shared/contracts/frames';
import type { ExportOutcome, ExportTarget, PageView } from '../../shared/contracts/protocol';
import { sessionTopic } from '../../shared/contracts/topics';
import { exportExtension, type ExportFormat } from '../../shared/explore/exportFormat';
import type { Command } from '../../shared/contracts/commands';
import type { CommandHandler } from '../commands/commandHandler';
import { systemMeta } from '../commands/systemMeta';
import { newErrorId, newId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import type { QueryRunner } from '../query/queryRunner';
import type { QueryWorker } from '../query/queryWorker';
import type { Bus } from '../streams/bus';
import type { Projections } from '../streams/projections';
import { abandonDelivery, checkWritable, completeDelivery, deliveryFor, type ChooseExportPath, type Delivery, type ResolvedTarget } from './exportDelivery';
import type { ExportDownloads } from './exportDownloads';
import { exportFailure } from './exportFailure';
import { exportFileName } from './exportFileName';
import { exportSql } from './exportSql';

export interface ExportRequest {
  readonly sessionId: string;
  readonly queryId: string;
  readonly format: ExportFormat;
  readonly view?: PageView;
}

interface RunningExport {
  readonly exportId: string;
  jobId?: number;
  cancelled: boolean;
  /** Set once finished: late progress (a stat still in flight) must not follow the end. */
  finished: boolean;
  outcome?: Promise<Result<ExportOutcome>>;
}

/** Finished exports whose outcome is still kept for `exportOutcome` (the newest ones). */
const KEPT_OUTCOMES = 64;

/**
 * Exports of complete results (docs/explore.md, export). The rows are the kept result table, or
 * the sorted/filtered view table the grid pages, written by DuckDB's COPY on the worker to a temp
 * file beside the target and renamed into place only once complete: a cancel, a full disk or an
 * unwritable folder leaves no file behind. A finished export is recorded as ResultExported.
 */
export class ExportService {
  private readonly exports = new Map<string, RunningExport>();

  constructor(
    private readonly deps: {
      readonly queryWorker: QueryWorker;
      readonly runner: QueryRunner;
      readonly handler: CommandHandler;
      readonly bus: Bus;
      readonly projections: Projections;
      readonly log: Logger;
      readonly downloads: ExportDownloads;
      /** Where a browser's downloads wait to be fetched. */
      readonly downloadDir: string;
      /** Sextant's data folder, which no export may be written into. */
      readonly dataDir: string;
    },
  ) {}

  /** The name offered for an export of a session's query: its title and SQL, sanitised. */
  suggestedName(sessionId: string, queryId: string, format: ExportFormat): string {
    const session = this.deps.projections.current.view.sessions[sessionId];
    const sql = session?.history.find((h) => h.queryId === queryId)?.sql ?? '';
    return exportFileName(session?.title ?? 'Sextant', sql, format);
  }

  /**
   * Starts an export and answers with its id at once (none when the person dismissed the save
   * dialog). The result must be complete; its rows are read as `view` shows them.
   */
  async start(request: ExportRequest, target: ExportTarget | ResolvedTarget, choose?: ChooseExportPath): Promise<Result<{ exportId?: string }>> {
    const source = await this.deps.runner.exportSource(request.queryId, request.view);
    if (!source.ok) return source;
    if (source.value.sessionId !== request.sessionId) {
      return fail(appError(newErrorId(), 'RESULT_NOT_FOUND', 'That result is not one of this session’s.', { details: { queryId: request.queryId } }));
    }
    const exportId = newId();
    const delivery = await deliveryFor({
      exportId,
      target,
      choose,
      suggestedName: () => this.suggestedName(request.sessionId, request.queryId, request.format),
      extension: `.${exportExtension[request.format]}`,
      downloadDir: this.deps.downloadDir,
      dataDir: this.deps.dataDir,
    });
    if (!delivery.ok) return delivery;
    if (!delivery.value) return ok({});
    const running: RunningExport = { exportId, cancelled: false, finished: false };
    running.outcome = this.run(running, request, source.value, delivery.value);
    this.exports.set(exportId, running);
    this.forgetOld();
    return ok({ exportId });
  }

  /** Waits for an export's end: its outcome, or its error (INTERRUPTED when cancelled). */
  outcome(exportId: string): Promise<Result<ExportOutcome>> {
    return this.exports.get(exportId)?.outcome ?? Promise.resolve(fail(notFound(exportId)));
  }

  /** Interrupts a running export; its partial file is removed before its outcome resolves. */
  cancel(exportId: string): Result<{ exportId: string }> {
    const e = this.exports.get(exportId);
    if (!e) return fail(notFound(exportId));
    if (e.finished) return ok({ exportId });
    e.cancelled = true;
    if (e.jobId !== undefined) this.deps.queryWorker.cancel(e.jobId);
    return ok({ exportId });
  }

  private async run(
    e: RunningExport,
    request: ExportRequest,
    source: { table: string; columns: Parameters<typeof exportSql>[1]; rows: number },
    delivery: Delivery,
  ): Promise<Result<ExportOutcome>> {
    const { sessionId, queryId, format } = request;
    const { temp } = delivery;
    const started = performance.now();
    const publish = (fields: Pick<ExportProgress, 'state' | 'bytesWritten'> & Partial<ExportProgress>): void => {
      if (e.finished) return;
      if (fields.state !== 'running') e.finished = true;
      this.deps.bus.publishProgress({
        kind: 'export',
        topic: sessionTopic(sessionId),
        sessionId,
        queryId,
        exportId: e.exportId,
        elapsedMs: Math.round(performance.now() - started),
        ...fields,
      });
    };
    try {
      await checkWritable(delivery);
      if (e.cancelled) throw cancelledError();
      publish({ state: 'running', bytesWritten: 0, rowsEstimate: 0 });
      const job = this.deps.queryWorker.start({ type: 'export', sql: exportSql(source.table, source.columns, format, temp) }, (p) => {
        void stat(temp).then(
          (s) => publish({ state: 'running', bytesWritten: s.size, ...(p.percent !== undefined ? { percent: p.percent, rowsEstimate: Math.round((source.rows * p.percent) / 100) } : {}) }),
          () => undefined,
        );
      });
      e.jobId = job.jobId;
      if (e.cancelled) this.deps.queryWorker.cancel(job.jobId);
      const { rows } = await job.done;
      if (e.cancelled) throw cancelledError();
      let bytes = 0;
      const record = (target: string): void => void this.record({ type: 'RecordExport', sessionId, queryId, format, target, rows, bytes });
      // A browser's file is recorded once the web host has sent it whole: written is not downloaded.
      const delivered = await completeDelivery(delivery, this.deps.downloads, format, () => record('download'));
      bytes = delivered.bytes;
      if (e.cancelled && delivered.download) {
        // abandoned while the file was moved into place: nobody is left to fetch it
        await this.deps.downloads.discard(e.exportId);
        throw cancelledError();
      }
      if (!delivered.download) await this.record({ type: 'RecordExport', sessionId, queryId, format, target: delivered.target, rows, bytes });
      publish({ state: 'done', bytesWritten: bytes, rows, bytes, rowsEstimate: rows, percent: 100 });
      this.deps.log.info({ exportId: e.exportId, sessionId, queryId, format, rows, bytes }, 'result exported');
      return ok({ exportId: e.exportId, rows, ...delivered });
    } catch (thrown) {
      await abandonDelivery(delivery);
      const raw = toAppError(thrown, newErrorId());
      const error: AppError = e.cancelled || raw.code === 'INTERRUPTED' ? { ...raw, code: 'INTERRUPTED', message: 'The export was cancelled; no file was left behind.' } : exportFailure(raw, delivery.path);
      logAppError(this.deps.log, error.code === 'INTERRUPTED' ? 'info' : 'warn', error, { sessionId, queryId });
      publish({ state: error.code === 'INTERRUPTED' ? 'cancelled' : 'failed', bytesWritten: 0, error });
      return fail(error);
    }
  }

  private async record(command: Extract<Command, { type: 'RecordExport' }>): Promise<void> {
    const recorded = await this.deps.handler.handle(command, systemMeta(undefined));
    if (!recorded.ok) logAppError(this.deps.log, 'warn', recorded.error, { sessionId: command.sessionId, queryId: command.queryId });
  }

  /**
   * The connection that started an export is gone (a page reloaded or closed, a window closed):
   * nobody is left to see it end or fetch its file. A running export is cancelled (its partial file
   * removed, nothing recorded); a finished download not yet fetched is deleted. A file already
   * written to a path the person chose stays: it was delivered.
   */
  abandon(exportId: string): void {
    const e = this.exports.get(exportId);
    if (!e) return;
    if (!e.finished) this.cancel(exportId);
    else void this.deps.downloads.discard(exportId);
  }

  /** Keeps the outcomes of the newest exports only; running ones are never forgotten. */
  private forgetOld(): void {
    if (this.exports.size <= KEPT_OUTCOMES) return;
    for (const id of [...this.exports.keys()].slice(0, this.exports.size - KEPT_OUTCOMES)) {
      const e = this.exports.get(id);
      void e?.outcome?.then(() => this.exports.size > KEPT_OUTCOMES && this.exports.delete(id));
    }
  }

  /** Cancels every running export (Sextant is stopping). */
  close(): void {
    for (const id of this.exports.keys()) this.cancel(id);
  }
}

const notFound = (exportId: string): AppError => appError(newErrorId(), 'EXPORT_NOT_FOUND', 'There is no such export.', { details: { exportId } });
const cancelledError = (): AppError => appError(newErrorId(), 'INTERRUPTED', 'The export was cancelled.');
