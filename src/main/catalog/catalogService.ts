import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { DatasetCommand } from '../../shared/contracts/commands';
import { appError, fail as failed, ok, toAppError, type Result } from '../../shared/contracts/errors';
import type { DatasetFormat, DatasetReadAs, EventEnvelope } from '../../shared/contracts/events';
import { datasetName, isGlob } from '../../shared/domain/datasetName';
import type { CommandHandler } from '../commands/commandHandler';
import { systemMeta } from '../commands/systemMeta';
import { newErrorId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { RegisterSpec } from '../query/workerProtocol';
import type { QueryWorker } from '../query/queryWorker';
import type { Bus } from '../streams/bus';
import type { Projections } from '../streams/projections';
import { relocatedSample } from './sampleDatasets';
import { explainReadFailure, shownSource } from './sourceChecks';
import { exists, fileNotHere, presencePath, type DatasetAvailability } from './datasetAvailability';
import { folderHoldsFiles } from './emptiedFolder';
import { specOf } from './sourceLocator';
import { locateAndFingerprint, locateSettled, locateUnwritten, withCopy, type LocateDeps } from './locateAndFingerprint';
import { sameContent } from '../../shared/contracts/fingerprint';
import { countText } from '../../shared/text/counts';
import { followEncoding } from './windows1252Copy';
import { removeCopies } from './datasetCopies';
import { tooWideToRecord } from './tooWideToRecord';
import { followContent, namesTaken, registeredPayload } from './registration';
import { isLoading, isReady } from '../../shared/domain/datasetLifecycle';

/** A refusal answered, not thrown, with an id minted here. */
const refuse = (code: Parameters<typeof appError>[1], message: string): Result<never> => failed(appError(newErrorId(), code, message));

/**
 * Reacts to persisted DatasetRequested events: finds the source (downloading a URL into the data
 * dir's cache first), makes it queryable in DuckDB under its catalog name (docs/contracts.md), reads its columns,
 * and registers or fails the dataset as the system. Naming and registering run one at a time, so
 * two sources never get the same name; downloads run beside them.
 */
export class CatalogService {
  private chain: Promise<void> = Promise.resolve();
  private readonly inFlight = new Set<Promise<void>>();
  /** How each registered dataset is made queryable, by dataset id: what removal undoes. */
  private readonly specs = new Map<string, RegisterSpec>();
  /** Datasets being added, by id: a removal meanwhile calls their download off (`forget`). */
  private readonly adding = new Map<string, AbortController>();
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly handler: CommandHandler,
    private readonly bus: Bus,
    private readonly queryWorker: QueryWorker,
    private readonly projections: Projections,
    private readonly log: Logger,
    private readonly dataDir: string,
    /** Which datasets DuckDB reads on this machine, written here: what a result's re-run asks (datasetAvailability.ts). */
    private readonly available: DatasetAvailability,
  ) {}

  /**
   * Recreates registered datasets in DuckDB (attachments do not survive a restart), resumes
   * unfinished requests, then listens. Runs behind the first frames (core/readiness.ts holds what
   * needs the views until it is done); a core closing meanwhile stops it between datasets.
   */
  async start(): Promise<void> {
    for (const ds of Object.values(this.projections.current.view.datasets)) {
      if (this.stopped) return;
      if (isReady(ds.status) && ds.name && ds.format) {
        const spec = specOf(ds.name, ds.format, ds.location ?? relocatedSample(ds.source) ?? ds.source);
        this.specs.set(ds.id, spec);
        // A local copy (download, converted Arrow file) that is gone is made again, in the background.
        if (ds.location && !isGlob(ds.location) && !existsSync(ds.location)) this.track(this.restore(ds.id, ds.name, ds.source, ds.format, ds.download?.sha256));
        else await this.recreate(ds.id, spec);
      } else if (isLoading(ds.status)) {
        this.track(this.register(ds.id, ds.source, undefined));
      }
    }
    if (this.stopped) return;
    // An attachment lives in DuckDB's instance, not its file: a thread that replaced a crashed one attaches them again.
    this.queryWorker.onReplaced(async () => {
      await Promise.all([...this.specs].filter(([, s]) => s.kind === 'attach').map(([id, s]) => this.recreate(id, s, true)));
    });
    this.unsubscribe = this.bus.subscribe((m) => {
      // An imported dataset was registered elsewhere: made queryable under its name as at a start, never inspected again.
      if (m.kind === 'event' && m.imported) return m.event.aggregateType === 'Dataset' ? this.track(this.followUndo(m.event.aggregateId)) : undefined;
      if (m.kind === 'event' && m.event.type === 'DatasetRequested') this.track(this.register(m.event.aggregateId, m.event.payload.source, m.event));
      if (m.kind === 'event' && m.event.type === 'DatasetRemoved') this.track(this.forget(m.event.aggregateId));
      if (m.kind === 'event' && m.event.aggregateType === 'Dataset' && (m.event.type === 'ActionUndone' || m.event.type === 'ActionRedone')) this.track(this.followUndo(m.event.aggregateId, true));
    });
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
  }

  /** Takes a view or attachment out of DuckDB (DROP/DETACH IF EXISTS), a failure ignored: the caller goes on either way. */
  private readonly unregisterQuietly = (spec: RegisterSpec): Promise<unknown> => this.queryWorker.request({ type: 'unregister', spec }).catch(() => undefined);

  /**
   * Makes a registered dataset queryable under its name again. One whose file is not on this
   * machine (imported from another, or moved since) is marked so, until it is located.
   */
  private async recreate(datasetId: string, spec: RegisterSpec, afterCrash = false): Promise<void> {
    try {
      await this.queryWorker.request({ type: 'register', spec });
      this.available[afterCrash ? 'reattached' : 'registered'](datasetId);
    } catch (e) {
      if (this.stopped) return; // the core is closing: the worker refused it for that
      const error = toAppError(e, newErrorId(), 'DATASET_UNREADABLE');
      this.log.warn({ errorId: error.id, dataset: spec.name }, `dataset not recreated: ${error.message}`);
      const ds = this.projections.current.view.datasets[datasetId];
      if (ds?.name && (await fileNotHere(ds, explainReadFailure(error, ds.source)))) this.available.markNotHere(ds);
    }
  }

  /**
   * Follows the files DuckDB reads going and coming back while Sextant runs (the input watcher asks,
   * at its look): a ready dataset whose file is gone is marked not here, as a start would mark it;
   * one marked so whose file is back at its path is made queryable again under its name, and no
   * longer marked. A folder is followed by the folder itself and the files its glob reads (one
   * emptied of them is not here either); a URL's copy or a pattern's files are not followed (`presencePath`).
   */
  async checkAvailability(): Promise<void> {
    for (const ds of Object.values(this.projections.current.view.datasets)) {
      const spec = this.specs.get(ds.id);
      if (this.stopped) return;
      const path = spec && presencePath(ds.source, spec.location);
      if (!isReady(ds.status) || !spec || path === undefined) continue;
      // a folder is there when it holds files its glob reads: one emptied of them is not
      const here = (await exists(path)) && (path === spec.location || (await folderHoldsFiles(this.queryWorker, spec.location)));
      if (!here && !this.available.isNotHere(ds.id)) {
        this.log.info({ dataset: ds.name, location: spec.location }, 'dataset file gone: marked not here');
        this.available.markNotHere(ds);
        // An attachment holds its file open and would go on answering from the deleted file until the
        // next start: detached now (after the mark, so a query meeting it says "not on this machine").
        if (spec.kind === 'attach') {
          await this.serially(async () => {
            if (this.specs.get(ds.id) === spec && this.available.isNotHere(ds.id)) await this.unregisterQuietly(spec);
          });
        }
      } else if (here && this.available.isNotHere(ds.id)) {
        this.log.info({ dataset: ds.name, location: spec.location }, 'dataset file back: registered again');
        // in turn with the catalog's other work, and only if still this dataset's (not removed or located meanwhile);
        // detached first, as a Locate does: an attachment kept from before would hold the old file
        await this.serially(async () => {
          if (this.specs.get(ds.id) !== spec || !isReady(this.projections.current.view.datasets[ds.id]?.status)) return;
          if (spec.kind === 'attach') await this.unregisterQuietly(spec);
          await this.recreate(ds.id, spec);
        });
      }
    }
  }

  /** Whether the dataset is marked not on this machine: the input watcher leaves its fingerprint alone meanwhile. */
  isNotHere(datasetId: string): boolean {
    return this.available.isNotHere(datasetId);
  }

  /** Downloads or converts again a registered dataset's local copy, then makes it queryable under its name. */
  private async restore(datasetId: string, name: string, source: string, format: DatasetFormat, sha256: string | undefined): Promise<void> {
    try {
      const located = await locateSettled(this.locating(), datasetId, source, format);
      if (sha256 && located.download && located.download.sha256 !== sha256) {
        this.log.warn({ dataset: name, recorded: sha256, now: located.download.sha256 }, 'the URL now serves different bytes than when the dataset was added');
      }
      await this.recreate(datasetId, specOf(name, format, located.location));
    } catch (e) {
      const error = toAppError(e, newErrorId());
      this.log.warn({ errorId: error.id, dataset: name }, `dataset's local copy not restored: ${error.message}`);
    }
  }

  /**
   * The ready datasets whose file is not on this machine, once what registers datasets now has
   * settled (a start's, an import's, a Locate's): the catalog marks them and offers "Locate…".
   * Asked, not stored: a stored fact would travel in exports and mark them elsewhere.
   */
  async notHere(): Promise<Result<{ datasetIds: string[] }>> {
    await this.idle();
    await this.serially(() => Promise.resolve());
    const datasets = this.projections.current.view.datasets;
    return ok({ datasetIds: this.available.missing().flatMap((d) => (isReady(datasets[d.id]?.status) ? [d.id] : [])) });
  }

  /** Resolves when every registration started so far has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /**
   * Adds a requested dataset. Removed meanwhile (its download hanging, say), it is called off: the
   * download stops and deletes what it wrote, and nothing is registered or failed.
   */
  private async register(datasetId: string, source: string, cause: EventEnvelope | undefined): Promise<void> {
    this.adding.get(datasetId)?.abort();
    const adding = new AbortController();
    this.adding.set(datasetId, adding);
    const { signal } = adding;
    try {
      // A person's add or Try again (a request event) asks a URL's server; a start resuming one still loading takes its copy, offline.
      const { located, fingerprint } = await locateAndFingerprint({ ...this.locating(signal), fresh: cause !== undefined }, datasetId, source);
      await this.serially(async () => {
        if (signal.aborted) return;
        const format = located.format;
        const taken = await namesTaken(this.projections.current.view, this.queryWorker, format);
        const name = datasetName(located.named ?? source, taken, located.pattern === true);
        const spec = specOf(name, format, located.location);
        const registered = await this.queryWorker.request({ type: 'register', spec });
        // removed while DuckDB registered it: its view goes again, nothing is recorded
        if (signal.aborted) return void (await this.unregisterQuietly(spec));
        this.specs.set(datasetId, spec);
        this.available.registered(datasetId);
        const payload = registeredPayload(name, source, located, registered, fingerprint);
        const stored = await this.system(cause, { type: 'RegisterDataset', datasetId, ...payload });
        // Too many columns to record (30,000 of them): without this it said "loading…" for good, its view in DuckDB all the same.
        if (!stored.ok && stored.error.code === 'PAYLOAD_TOO_LARGE') {
          await this.unregisterQuietly(spec);
          this.specs.delete(datasetId);
          this.available.forget(datasetId);
          const error = tooWideToRecord(stored.error, source, payload);
          this.log.warn({ errorId: error.id, code: error.code, source: shownSource(source) }, error.message);
          await this.system(cause, { type: 'FailDataset', datasetId, source, error });
        }
      });
    } catch (e) {
      if (signal.aborted) return this.log.info({ source: shownSource(source) }, 'dataset removed while being added: called off');
      // the core is closing (its worker ended under the read): not the source's fault; still loading, the next start adds it
      if (this.stopped) return this.log.info({ source: shownSource(source) }, 'dataset being added when the app closed: added at the next start');
      const error = explainReadFailure(toAppError(e, newErrorId(), 'DATASET_UNREADABLE'), source);
      this.log.warn({ errorId: error.id, code: error.code, source: shownSource(source) }, error.message);
      await this.system(cause, { type: 'FailDataset', datasetId, source, error });
    } finally {
      if (this.adding.get(datasetId) === adding) this.adding.delete(datasetId);
    }
  }

  /**
   * Registers a dataset again where a person located its file on this machine, after a session
   * import listed it as not found (docs/share.md, "Session import"). The file must hold the content
   * recorded when the dataset was added (`sameContent` of the fingerprints), else it is refused
   * with DATASET_MISMATCH and nothing changes; it keeps its name, so the session's SQL reads it.
   */
  async relocate(datasetId: string, path: string): Promise<Result<{ readonly name: string; readonly source: string }>> {
    const ds = this.projections.current.view.datasets[datasetId];
    if (!ds || !isReady(ds.status) || !ds.name || !ds.format) return refuse('DATASET_NOT_FOUND', 'There is no such dataset to locate.');
    const { name, format, fingerprint: recorded } = ds;
    if (!isAbsolute(path) || (isGlob(path) && !existsSync(path))) return refuse('INVALID_COMMAND', `Give the full path of the file “${name}” was read from (like /data/${name}.csv).`);
    if (!recorded) {
      return refuse('DATASET_MISMATCH', `“${name}” was added without a fingerprint, so Sextant cannot check that ${path} is its file. Nothing was changed; add the file through the catalog instead.`);
    }
    try {
      // compared before its copy is made: a refused file must not overwrite the one the view reads
      const found = await locateUnwritten(this.locating(), datasetId, path);
      const now = found.fingerprint;
      if (found.located.format !== format || !now || !sameContent(recorded, now)) {
        const refused = refuse('DATASET_MISMATCH', `${path} is not the file “${name}” was read from: its content differs from the fingerprint recorded when it was added (${countText(recorded.bytes, 'byte')}${recorded.sha256 ? `, SHA-256 ${recorded.sha256.slice(0, 12)}…` : ''}). Nothing was changed.`);
        if (!refused.ok) this.log.warn({ errorId: refused.error.id, dataset: name, path }, refused.error.message);
        return refused;
      }
      const { located } = await withCopy(this.locating(), datasetId, found);
      return await this.serially(async () => {
        const spec = specOf(name, format, located.location);
        // An attached file keeps its attachment under the name: detached first, so the located file is what is attached.
        if (spec.kind === 'attach') await this.queryWorker.request({ type: 'unregister', spec });
        const registered = await this.queryWorker.request({ type: 'register', spec });
        this.specs.set(datasetId, spec);
        // the location always said: the view keeps an earlier registration's otherwise
        const payload = { ...registeredPayload(name, path, located, registered, now), format, location: located.location };
        const result = await this.handler.handle({ type: 'RelocateDataset', datasetId, ...payload }, systemMeta(undefined));
        if (!result.ok) return failed(result.error);
        this.available.registered(datasetId); // a result that failed for want of it is tried again
        return ok({ name, source: path });
      });
    } catch (e) {
      const error = explainReadFailure(toAppError(e, newErrorId(), 'DATASET_UNREADABLE'), path);
      this.log.warn({ errorId: error.id, code: error.code, path }, error.message);
      return failed(error);
    }
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.then(() => undefined, () => undefined);
    return run;
  }

  /** What finding a source needs (locateAndFingerprint.ts); `signal` calls a download off. */
  private locating(signal?: AbortSignal): LocateDeps {
    return { queryWorker: this.queryWorker, bus: this.bus, dataDir: this.dataDir, log: this.log, ...(signal ? { signal } : {}) };
  }

  /** A removed dataset stops being queryable: its view dropped, its database detached, its UTF-8 copy deleted; one being added is called off. */
  private async forget(datasetId: string): Promise<void> {
    this.adding.get(datasetId)?.abort();
    this.adding.delete(datasetId);
    this.available.forget(datasetId);
    const spec = this.specs.get(datasetId);
    if (!spec) return;
    this.specs.delete(datasetId);
    const warn = (what: string) => (e: unknown) => this.log.warn({ errorId: toAppError(e, newErrorId()).id, dataset: spec.name }, what);
    await this.queryWorker.request({ type: 'unregister', spec }).catch(warn('dataset not removed from DuckDB'));
    await removeCopies(this.dataDir, datasetId).catch(warn('dataset copy not deleted'));
  }

  /**
   * The input watcher's ask when a CSV or TSV file's content changed: its encoding followed both ways
   * (followEncoding: Windows-1252 read through a copy made again, UTF-8 read itself); how it is read
   * now when that changed.
   */
  followEncoding(datasetId: string): Promise<DatasetReadAs | undefined> {
    return this.serially(async () => {
      const anew = await followEncoding({ queryWorker: this.queryWorker, log: this.log, dataDir: this.dataDir }, this.projections.current.view.datasets[datasetId], this.specs.get(datasetId));
      if (anew) this.specs.set(datasetId, anew.spec);
      return anew?.readAs;
    });
  }

  /** The input watcher's ask when an Arrow or DuckDB file's content changed (registration.ts's followContent). */
  followContent(datasetId: string): Promise<boolean> {
    return this.serially(() => followContent(this.locating(), this.projections.current.view.datasets[datasetId], this.specs.get(datasetId)));
  }

  /**
   * An undone removal makes the dataset queryable again under its name, or, removed while being
   * added, adds it again (`resume`: an undo here, not an import); a redone one forgets it again.
   */
  private async followUndo(datasetId: string, resume = false): Promise<void> {
    const ds = this.projections.current.view.datasets[datasetId];
    if (!ds) return this.forget(datasetId);
    if (resume && isLoading(ds.status) && !this.adding.has(datasetId)) return this.register(datasetId, ds.source, undefined);
    if (!isReady(ds.status) || !ds.name || !ds.format || this.specs.has(datasetId)) return;
    const spec = specOf(ds.name, ds.format, ds.location ?? relocatedSample(ds.source) ?? ds.source);
    this.specs.set(datasetId, spec);
    // a local copy deleted with the removal (a Windows-1252 file's) is made again
    if (ds.location && !isGlob(ds.location) && !existsSync(ds.location)) return this.restore(ds.id, ds.name, ds.source, ds.format, ds.download?.sha256);
    await this.recreate(datasetId, spec);
  }

  private async system(cause: EventEnvelope | undefined, command: DatasetCommand): Promise<Result<unknown>> {
    const result = await this.handler.handle(command, systemMeta(cause));
    if (!result.ok) this.log.warn({ errorId: result.error.id, command: command.type }, result.error.message);
    return result;
  }
}
