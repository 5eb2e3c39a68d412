import { stat } from 'node:fs/promises';
import { toAppError } from '../../shared/contracts/errors';
import { looksChanged, sameContent, type DatasetFingerprint } from '../../shared/contracts/fingerprint';
import type { Column, DatasetFormat, DatasetReadAs } from '../../shared/contracts/events';
import { isGlob } from '../../shared/domain/datasetName';
import type { DatasetView } from '../../shared/views/appView';
import type { CommandHandler } from '../commands/commandHandler';
import { systemMeta } from '../commands/systemMeta';
import { newErrorId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { QueryWorker } from '../query/queryWorker';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import type { FingerprintTarget } from '../query/workerProtocol';
import type { Projections } from '../streams/projections';
import { fingerprintTarget } from './fingerprintTarget';
import { isReady } from '../../shared/domain/datasetLifecycle';

/** How often the watcher looks at the registered files when nothing asks it to sooner. */
export const DEFAULT_INPUT_WATCH_MS = 2000;

/**
 * Notices when a registered dataset's file(s) change on disk (docs/share.md, "Provenance"), and,
 * given the catalog, when a file goes missing or comes back (docs/query-engine.md, "Catalog"). A look
 * is cheap (a stat, or for a folder the worker's file list) and runs off the hot path, on a timer and
 * when a host asks (a window gained focus); only a size or time that differs from the fingerprint
 * makes the worker hash again, and a new fingerprint is recorded as DatasetChanged, with the columns
 * DuckDB describes now when the content differs. A dataset whose file is not here is left to the
 * catalog's availability, not recorded as changed.
 */
export class InputWatcher {
  private timer: ReturnType<typeof setInterval> | undefined;
  private looking: Promise<void> | undefined;

  constructor(
    private readonly handler: CommandHandler,
    private readonly queryWorker: QueryWorker,
    private readonly projections: Projections,
    private readonly log: Logger,
    private readonly intervalMs: number = DEFAULT_INPUT_WATCH_MS,
    /** Follows files gone and back (CatalogService.checkAvailability), at each look before the fingerprints. */
    private readonly availability?: {
      checkAvailability(): Promise<void>;
      isNotHere?(datasetId: string): boolean;
      followEncoding?(datasetId: string): Promise<DatasetReadAs | undefined>;
      followContent?(datasetId: string): Promise<boolean>;
    },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One look at every watched dataset; a look already under way is joined, never doubled. */
  check(): Promise<void> {
    this.looking ??= this.lookAll().finally(() => (this.looking = undefined));
    return this.looking;
  }

  private async lookAll(): Promise<void> {
    await this.availability?.checkAvailability().catch((e: unknown) => this.log.warn({ errorId: toAppError(e, newErrorId()).id }, 'datasets not checked for files gone or back'));
    for (const ds of Object.values(this.projections.current.view.datasets)) {
      if (!isReady(ds.status) || !ds.fingerprint || !ds.format || this.availability?.isNotHere?.(ds.id)) continue;
      try {
        await this.look(ds, ds.format, ds.fingerprint);
      } catch (e) {
        // A file gone or unreadable for a moment is looked at again next time; queries say why they fail.
        this.log.debug({ errorId: toAppError(e, newErrorId()).id, dataset: ds.name }, 'dataset not looked at');
      }
    }
  }

  private async look(ds: DatasetView, format: DatasetFormat, recorded: DatasetFingerprint): Promise<void> {
    const { target, watched } = fingerprintTarget(ds.source, format, ds.location, ds.reading);
    if (!watched) return;
    const now = isGlob(target.path)
      ? await this.queryWorker.request({ type: 'fingerprint', target: { ...target, content: false } }).then((f) => ({ bytes: f.bytes, modifiedMs: f.modifiedMs, ...(f.files ? { listSha256: f.files.listSha256 } : {}) }))
      : await stat(target.path).then((s) => ({ bytes: s.size, modifiedMs: Math.floor(s.mtimeMs) }));
    if (!looksChanged(recorded, now)) return;
    const fresh = await this.fingerprintNow(target, ds);
    const changed = !sameContent(recorded, fresh);
    // One CSV or TSV file (no file list: not a folder or pattern) is read as its encoding says now, whichever
    // way it went (a Windows-1252 file through a UTF-8 copy, made again first so the columns are the new
    // file's; a UTF-8 one itself), which the change records (readAs). The fingerprint just taken scanned
    // its bytes: the catalog's question reads nothing again.
    const single = (format === 'csv' || format === 'tsv') && !fresh.files;
    const readAs = changed && single ? await this.availability?.followEncoding?.(ds.id) : undefined;
    // An Arrow file is read through a copy, a database file attached: made again, attached again (CatalogService.followContent).
    const followed = changed && (format === 'arrow' || format === 'duckdb') && (await this.availability?.followContent?.(ds.id)) === true;
    const columns = changed && (format !== 'arrow' || followed) ? await this.columnsNow(ds, format) : undefined;
    const result = await this.handler.handle({ type: 'MarkDatasetChanged', datasetId: ds.id, fingerprint: fresh, ...(columns ? { columns } : {}), ...(readAs ? { readAs } : {}) }, systemMeta(undefined));
    if (!result.ok) this.log.warn({ errorId: result.error.id, dataset: ds.name }, result.error.message);
    else if (changed) this.log.info({ dataset: ds.name }, 'dataset changed on disk');
  }

  /**
   * The fingerprint now. A Parquet file whose footer no longer reads (bytes replaced, cut short)
   * still has bytes to hash: fingerprinted without its footer, so it is recorded as changed rather
   * than never looked at.
   */
  private async fingerprintNow(target: FingerprintTarget, ds: DatasetView): Promise<DatasetFingerprint> {
    try {
      return await this.queryWorker.request({ type: 'fingerprint', target });
    } catch (e) {
      if (!target.parquet) throw e;
      this.log.info({ errorId: toAppError(e, newErrorId()).id, dataset: ds.name }, 'Parquet footer unreadable: fingerprinted by its bytes');
      return await this.queryWorker.request({ type: 'fingerprint', target: { ...target, parquet: false } });
    }
  }

  /**
   * Its columns as DuckDB describes its view now (a DESCRIBE binds the reader again: cheap, no rows
   * read); undefined when DuckDB cannot read it, and for a database file (columns per table) or an
   * Arrow file whose copy was not made again.
   */
  private async columnsNow(ds: DatasetView, format: DatasetFormat): Promise<Column[] | undefined> {
    if (!ds.name || format === 'duckdb') return undefined;
    try {
      const rows = await this.queryWorker.request({ type: 'read', sql: `DESCRIBE ${quoteIdent(ds.name)}` });
      return rows.map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
    } catch (e) {
      this.log.info({ errorId: toAppError(e, newErrorId()).id, dataset: ds.name }, 'changed dataset not described: its columns are kept');
      return undefined;
    }
  }
}
