import { chartSql } from '../../shared/chart/chartSql';
import { sentMarks } from '../../shared/chart/chartMarks';
import { chartProblem, type SingleChartSpec } from '../../shared/chart/chartSpec';
import type { ChartData } from '../../shared/chart/chartData';
import { appError, fail, ok, toAppError, type AppError, type Result } from '../../shared/contracts/errors';
import type { ExportTarget } from '../../shared/contracts/protocol';
import { pageViewOf } from '../../shared/domain/resultView';
import { sessionExportExtension, type SessionExportFormat } from '../../shared/share/sessionExportFormat';
import type { DatasetView, HistoryEntry, SessionView } from '../../shared/views/appView';
import { abandonDelivery, checkWritable, completeDelivery, deliveryFor, type ChooseExportPath, type ResolvedTarget } from '../explore/exportDelivery';
import type { ExportDownloads } from '../explore/exportDownloads';
import { exportFailure } from '../explore/exportFailure';
import { exportFileName } from '../explore/exportFileName';
import type { ProfileService } from '../explore/profileService';
import { newErrorId, newId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import type { QueryRunner } from '../query/queryRunner';
import type { QueryWorker } from '../query/queryWorker';
import type { EventStore } from '../store/eventStore';
import type { Projections } from '../streams/projections';
import { datasetsRead, datasetsUsed } from './datasetsRead';
import { writeEventLog } from './eventLogWriter';
import { FileSink } from './fileSink';
import { NOTEBOOK_ROWS, writeMarkdown } from './markdownWriter';
import { notebookPivot } from './notebookPivot';
import { NOTEBOOK_PROFILE_COLUMNS, type NotebookProfile } from './profileSummary';
import { registrationSql } from './registrationSql';
import { writeSqlScript } from './sqlScriptWriter';

/** A finished session export: its bytes, what it holds (statements, queries or event lines) and where it went. */
export interface SessionExportOutcome {
  readonly exportId: string;
  readonly format: SessionExportFormat;
  readonly bytes: number;
  /** Statements (SQL script), queries (notebook) or event lines (event log). */
  readonly items: number;
  /** The file's path, or 'download'. */
  readonly target: string;
  readonly download?: { readonly url: string; readonly fileName: string };
}

/**
 * Exports of a whole session (docs/share.md, "Session export"): as a SQL script, a Markdown
 * notebook or its event log. Delivered as result exports are (explore/exportDelivery.ts): to the
 * path the desktop's save dialog picked, or as a one-time download for a browser; written to a temp
 * file beside the target and renamed into place once complete, so a failure leaves no file.
 */
export class SessionExportService {
  constructor(
    private readonly deps: {
      readonly store: Pick<EventStore, 'logLines' | 'readAggregate' | 'aggregateVersion'>;
      readonly queryWorker: Pick<QueryWorker, 'request'>;
      readonly runner: Pick<QueryRunner, 'fetchPage' | 'keptResult'>;
      readonly profiles: Pick<ProfileService, 'profile'>;
      readonly projections: Pick<Projections, 'current'>;
      readonly downloads: Pick<ExportDownloads, 'add' | 'discard'>;
      readonly downloadDir: string;
      /** Sextant's data folder, which no export may be written into. */
      readonly dataDir: string;
      readonly log: Logger;
    },
  ) {}

  /** The name offered: the session's title, sanitised as result exports' names are, and the format's extension. */
  suggestedName(session: SessionView, format: SessionExportFormat): string {
    return `${exportFileName(session.title, '', 'csv').replace(/\.csv$/, '')}${sessionExportExtension[format]}`;
  }

  /** Writes the export; answers once it is in place (no outcome when the person dismissed the save dialog). */
  async export(sessionId: string, format: SessionExportFormat, target: ExportTarget | ResolvedTarget, choose?: ChooseExportPath): Promise<Result<{ outcome?: SessionExportOutcome }>> {
    const session = this.deps.projections.current.view.sessions[sessionId];
    if (!session) return fail(appError(newErrorId(), 'SESSION_NOT_FOUND', 'There is no such session to export.', { details: { sessionId } }));
    const exportId = newId();
    const placed = await deliveryFor({
      exportId,
      target,
      choose,
      suggestedName: () => this.suggestedName(session, format),
      extension: sessionExportExtension[format],
      downloadDir: this.deps.downloadDir,
      dataDir: this.deps.dataDir,
    });
    if (!placed.ok) return placed;
    const delivery = placed.value;
    if (!delivery) return ok({});
    let sink: FileSink | undefined;
    try {
      await checkWritable(delivery);
      sink = new FileSink(delivery.temp);
      const items = await this.write(session, format, sink);
      await sink.close();
      const delivered = await completeDelivery(delivery, this.deps.downloads, format);
      this.deps.log.info({ exportId, sessionId, format, items, bytes: delivered.bytes }, 'session exported');
      return ok({ outcome: { exportId, format, items, ...delivered } });
    } catch (thrown) {
      sink?.destroy();
      await abandonDelivery(delivery);
      const error: AppError = exportFailure(toAppError(thrown, newErrorId()), delivery.path);
      logAppError(this.deps.log, 'warn', error, { sessionId, format });
      return fail(error);
    }
  }

  /**
   * The connection that asked for an export is gone (a page reloaded or closed): a download it never
   * fetched is deleted, since nobody is left to fetch it. A file written to a chosen path stays.
   */
  abandon(exportId: string): void {
    void this.deps.downloads.discard(exportId);
  }

  private async write(session: SessionView, format: SessionExportFormat, sink: FileSink): Promise<number> {
    const view = this.deps.projections.current.view;
    const catalog = [...Object.values(view.datasets), ...Object.values(view.removedDatasets ?? {})].filter((d) => d.name !== undefined);
    const statements = session.history.map((h) => h.sql);
    const exportedAt = new Date().toISOString();
    /** The datasets the session attached or read, in catalog order. */
    const depended = (read: readonly DatasetView[]): DatasetView[] => {
      const ids = new Set([...session.datasetIds, ...read.map((d) => d.id)]);
      return catalog.filter((d) => ids.has(d.id)).sort((a, b) => a.requestedSeq - b.requestedSeq);
    };
    if (format === 'eventLog') {
      // The log needs only which datasets, not which statement read each: the cheaper question.
      const datasets = depended(await datasetsUsed(this.deps.queryWorker, statements, catalog));
      return writeEventLog(this.deps.store, { sessionId: session.id, title: session.title, datasetIds: datasets.map((d) => d.id), exportedAt }, sink);
    }
    const read = await datasetsRead(this.deps.queryWorker, statements, catalog);
    const datasets = depended([...read.values()].flat());
    switch (format) {
      case 'sql': {
        const registered = await registrationSql(this.deps.queryWorker, datasets);
        return writeSqlScript({ session, exportedAt, read, datasets: datasets.map((dataset) => ({ dataset, sql: registered.get(dataset.id) })) }, sink);
      }
      case 'markdown':
        return writeMarkdown(
          {
            session,
            exportedAt,
            datasets,
            read,
            preview: (h) => this.deps.runner.fetchPage(h.queryId, 0, NOTEBOOK_ROWS, h.view ? pageViewOf(h.view) : undefined),
            chart: (h, spec) => this.chartData(h, spec),
            profile: (h) => this.profile(h),
            // as many rows as a result's preview: the notebook caps every table alike
            pivot: (h, spec) => notebookPivot(this.deps.queryWorker, this.deps.runner, h, spec, NOTEBOOK_ROWS),
          },
          sink,
        );
    }
  }

  /** A result's chart marks, on a chart connection of its own: the person's chart in flight is left alone. */
  private async chartData(h: HistoryEntry, spec: SingleChartSpec): Promise<Result<ChartData>> {
    const kept = this.deps.runner.keptResult(h.queryId);
    if (!kept.ok) return kept;
    const { table, rows } = kept.value;
    const problem = chartProblem(spec, rows.columns);
    if (problem) return fail(appError(newErrorId(), 'INVALID_COMMAND', problem));
    const query = chartSql(spec, table, rows.columns.map((c, i) => ({ name: c.name, type: c.type, ref: `c${i}` })), { rows: rows.rowCount });
    try {
      const marks = await this.deps.queryWorker.request({ type: 'chart', chartId: newId(), sql: query.sql });
      // As the window's chart: at most MAX_CHART_MARKS, no rest flag that no mark sets (chartMarks.ts).
      return ok({ queryId: h.queryId, spec, ...sentMarks(query.columns, marks) });
    } catch (e) {
      return fail(toAppError(e, newErrorId()));
    }
  }

  /**
   * The profiles of a result's first NOTEBOOK_PROFILE_COLUMNS columns, from the profile service: its
   * queries, its sample above a million rows, and its cache (a result profiled in the window costs nothing).
   */
  private async profile(h: HistoryEntry): Promise<Result<NotebookProfile>> {
    const columnCount = h.columns?.length ?? 0;
    const wanted = Array.from({ length: Math.min(columnCount, NOTEBOOK_PROFILE_COLUMNS) }, (_, i) => i);
    const answer = await this.deps.profiles.profile({ kind: 'result', queryId: h.queryId }, wanted);
    if (!answer.ok) return answer;
    const { rows, sample, columns } = answer.value;
    return ok({ rows, ...(sample ? { sample } : {}), columns: columns.map((c) => c.profile), columnCount });
  }
}
