import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { commandTarget, type ClientCommand, type CommandAck, type CommandMeta } from '../../shared/contracts/commands';
import { appError, fail, ok, toAppError, type AppError, type Result } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import type { Progress } from '../../shared/contracts/frames';
import type { AppView } from '../../shared/views/appView';
import { CatalogService } from '../catalog/catalogService';
import { DatasetAvailability } from '../catalog/datasetAvailability';
import { DEFAULT_INPUT_WATCH_MS, InputWatcher } from '../catalog/inputWatcher';
import { sampleDatasetPaths } from '../catalog/sampleDatasets';
import { toDomainCommand } from '../commands/clientCommands';
import { workspaceNames } from '../catalog/workspaceNames';
import { ExportDownloads } from '../explore/exportDownloads';
import { ExportService } from '../explore/exportService';
import { CommandHandler } from '../commands/commandHandler';
import { ProfileService } from '../explore/profileService';
import { ChartService } from '../chart/chartService';
import { HistoryFeed } from '../history/historyFeed';
import { profileSources } from '../explore/profileSource';
import { PivotService } from '../pivot/pivotService';
import { DEFAULT_PREVIEW_BUDGET_MS, PreviewService } from '../instant/previewService';
import { collectDiagnostics, type Diagnostics, type RuntimeVersions } from '../platform/diagnostics';
import { usableDataDir } from '../platform/dataDir';
import { newErrorId, newId } from '../platform/ids';
import { createLogger, logAppError, type Logger } from '../platform/logger';
import { duckdbFile } from '../query/databaseFile';
import { duckdbSettings } from '../query/duckdbSettings';
import { QueryRunner } from '../query/queryRunner';
import { QueryWorker } from '../query/queryWorker';
import { openEventStore, type EventStore } from '../store/eventStore';
import { Bus } from '../streams/bus';
import { Projections } from '../streams/projections';
import { restoreProjections } from '../streams/viewSnapshotRestore';
import { defaultSnapshotPolicy, ViewSnapshotWriter } from '../streams/viewSnapshotWriter';
import { openFiles, type OpenedFile } from './openFiles';
import { defaultFlowLimits, type FlowLimits } from '../streams/outbox';
import { defaultStreamLimits, StreamManager } from '../streams/streamManager';
import type { ServerChannel } from '../transports/serverChannel';
import { forkCommand, inForkWords } from '../time/forkCommand';
import { SessionImporter } from '../share/sessionImport';
import { SessionCheckpoints } from '../time/sessionCheckpoints';
import { SessionExportService } from '../share/sessionExportService';
import { TimeTravel } from '../time/timeTravel';
import { serveConnection, type ClientConnection, type HostCapabilities } from './clientConnection';
import { Readiness } from './readiness';
import { needsDuckDb } from './duckdbSide';
import { DEFAULT_PROGRESS_INTERVAL_MS, DEFAULT_RESULT_CACHE_BYTES, type AppCoreOptions } from './appCoreOptions';
import type { CoreParts } from './coreParts';

/**
 * The main-process core, free of Electron: the Electron shell and the web host both wrap it.
 * It owns the event store, bus, projections, command handler, streams, query runner and catalog,
 * and shows its hosts a narrow front: dispatch, connect, what the menu reads (the view and its
 * changes), diagnostics, close.
 */
export class AppCore {
  private constructor(
    readonly dataDir: string,
    readonly log: Logger,
    private readonly store: EventStore,
    private readonly bus: Bus,
    private readonly projections: Projections,
    private readonly handler: CommandHandler,
    private readonly streams: StreamManager,
    private readonly queryWorker: QueryWorker,
    private readonly runner: QueryRunner,
    private readonly catalog: CatalogService,
    private readonly flowLimits: FlowLimits,
    private readonly exports: ExportService,
    /** Finished exports waiting for a browser to fetch them (the web host serves them). */
    readonly downloads: ExportDownloads,
    private readonly profiles: ProfileService,
    private readonly previews: PreviewService,
    private readonly time: TimeTravel,
    private readonly snapshots: ViewSnapshotWriter,
    private readonly charts: ChartService,
    private readonly sessionExports: SessionExportService,
    private readonly inputs: InputWatcher,
    private readonly history: HistoryFeed,
  ) {}

  /** Session imports (share/sessionImport.ts), through the store's import append. */
  private importer: SessionImporter | undefined;
  private get imports(): SessionImporter {
    return (this.importer ??= new SessionImporter({
      store: this.store,
      projections: this.projections,
      bus: this.bus,
      log: this.log,
      adoptSession: (session) => this.runner.adoptImportedSession(session),
      locate: (datasetId, path) => this.catalog.relocate(datasetId, path),
      namesInUse: async () => new Set(await workspaceNames(this.queryWorker)),
    }));
  }

  /** Pivots of results (pivot/pivotService.ts), made on first use. */
  private pivotService: PivotService | undefined;
  private get pivots(): PivotService {
    return (this.pivotService ??= new PivotService(this.queryWorker, this.runner, () => this.projections.current.view, this.log));
  }

  static async start(options: AppCoreOptions): Promise<AppCore> {
    return (await AppCore.startWithParts(options)).core;
  }

  /** `start`, also handing back the collaborators: for tests that drive or inspect them directly. */
  static async startWithParts(options: AppCoreOptions): Promise<{ core: AppCore; parts: CoreParts }> {
    const dataDir = usableDataDir(options.dataDir); // refused before a logger is made there: the refusal is all that is said
    const log = options.log ?? createLogger(dataDir);
    const store = openEventStore(join(dataDir, 'events.sqlite'), { log });
    const openedAtSeq = store.lastSeq(); // before this start appends anything
    const bus = new Bus((e) => log.error({ err: e }, 'bus listener failed'));
    const projections = new Projections();
    // From the newest snapshot plus the events after it; the whole log only when there is none.
    const restored = restoreProjections(store, store.viewSnapshots(), projections, log);
    const handler = new CommandHandler(store, bus, log, { projections });
    const dbPath = duckdbFile(dataDir);
    const queryWorker = new QueryWorker({
      workerPath: options.workerPath,
      execArgv: options.workerExecArgv ?? [],
      ...(options.maxConcurrentQueries ? { maxConcurrentQueries: options.maxConcurrentQueries } : {}),
      log,
      config: {
        dbPath,
        protectedDir: dataDir,
        duckdb: duckdbSettings(join(dataDir, 'duckdb', 'tmp'), options.memoryLimit),
        progressIntervalMs: options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
        flushIntervalMs: 250,
      },
    });
    const datasets = new DatasetAvailability(bus);
    const runner = new QueryRunner(handler, bus, queryWorker, projections, log, {
      ...(options.queryTimeoutMs !== undefined ? { timeoutMs: options.queryTimeoutMs } : {}),
      resultCacheBytes: options.resultCacheBytes ?? DEFAULT_RESULT_CACHE_BYTES,
      databaseFile: dbPath,
      datasets, // the catalog keeps it; a failed re-run waits for it to change
    });
    const catalog = new CatalogService(handler, bus, queryWorker, projections, log, dataDir, datasets);
    await runner.failInterrupted();
    const inputs = new InputWatcher(handler, queryWorker, projections, log, options.inputWatchMs ?? DEFAULT_INPUT_WATCH_MS, catalog);
    // a subscription going live gets the progress that holds: queries' and whether DuckDB is down (`core` exists by the first subscribe)
    const streams = new StreamManager(store, bus, projections, log, { ...defaultStreamLimits, ...options.streamLimits }, {}, (): Progress[] => [...runner.currentProgress(), ...core.readiness.signs()]);
    const flowLimits = { ...defaultFlowLimits, ...options.flowLimits };
    // Downloads of a previous run were never fetched: nothing can ask for them any more.
    const downloadDir = join(dataDir, 'exports');
    rmSync(downloadDir, { recursive: true, force: true });
    const downloads = new ExportDownloads();
    const exports = new ExportService({ queryWorker, runner, handler, bus, projections, log, downloads, downloadDir, dataDir });
    const profiles = new ProfileService(queryWorker, profileSources(runner, () => projections.current.view), log);
    const sessionOpen = (id: string) => projections.current.view.sessions[id]?.closed === false;
    const previews = new PreviewService(queryWorker, { budgetMs: options.previewBudgetMs ?? DEFAULT_PREVIEW_BUDGET_MS, sessionOpen, log });
    const time = new TimeTravel(store, SessionCheckpoints.besideLog(join(dataDir, 'checkpoints.sqlite'), openedAtSeq, log), log);
    time.follow(bus, projections);
    const snapshots = new ViewSnapshotWriter(store.viewSnapshots(), projections, bus, log, restored, { ...defaultSnapshotPolicy, ...options.snapshotPolicy });
    const charts = new ChartService(queryWorker, runner, () => projections.current.view, log);
    bus.subscribe((m) => m.kind === 'event' && charts.onEvent(m.event));
    const sessionExports = new SessionExportService({ store, queryWorker, runner, profiles, projections, downloads, downloadDir, dataDir, log });
    // The `sextant` schema of the person's own history (docs/share.md), filled on first use.
    const history = new HistoryFeed(queryWorker, store, bus, log);
    queryWorker.setSqlPrerequisite(history.prerequisite);
    history.start();
    const core = new AppCore(dataDir, log, store, bus, projections, handler, streams, queryWorker, runner, catalog, flowLimits, exports, downloads, profiles, previews, time, snapshots, charts, sessionExports, inputs, history);
    // A first start opens a session before it serves, so the first frames show one; the samples are
    // offered once the catalog listens.
    if (openedAtSeq === 0) await core.handle({ type: 'OpenSession' }, 'system');
    core.bringUpDuckDb(openedAtSeq === 0 ? (options.samples ?? sampleDatasetPaths()) : []);
    log.info({ dataDir, seq: store.lastSeq(), view: restored.from, folded: restored.folded }, 'core serving');
    return { core, parts: { store, bus, projections, handler, streams, queryWorker, runner, catalog, exports, downloads, profiles, previews, time, snapshots, charts, sessionExports, imports: core.imports, inputs, history } };
  }

  /** Held until DuckDB's side is up (see `bringUpDuckDb`); set once, right after construction. */
  private readiness!: Readiness;
  private closing = false;
  /**
   * DuckDB's side of a start, behind the first frames: the worker thread opens the database while
   * the runner lists the results it keeps and the catalog recreates the datasets' views (side by
   * side); then the input watcher starts and a first start offers the samples. Until it is done the
   * readiness gate holds every request that needs it; if it fails, they are refused with its error.
   */
  private bringUpDuckDb(samples: readonly string[]): void {
    const started = performance.now();
    const bringUp = async (): Promise<void> => {
      const [runner, catalog] = await Promise.allSettled([this.runner.start(), this.catalog.start()]);
      for (const step of [runner, catalog]) if (step.status === 'rejected') throw step.reason;
      if (this.closing) throw new Error('closing');
      this.inputs.start();
      for (const source of samples) {
        if (this.closing) throw new Error('closing');
        await this.handle({ type: 'AddDataset', source }, 'system');
      }
    };
    this.readiness = new Readiness(bringUp(), (failure) => this.startFailure(failure));
    // a failure is told to every window at once, before anything it would refuse is asked
    void this.readiness.outcome().then((r) => (r.ok ? this.log.info({ ms: Math.round(performance.now() - started) }, 'DuckDB ready') : this.readiness.signs().forEach((s) => this.bus.publishProgress(s))));
  }

  /** Why DuckDB's side did not come up, logged once with the id every refusal carries. */
  private startFailure(failure: unknown): AppError {
    if (this.closing) return appError(newErrorId(), 'INTERRUPTED', 'Sextant is shutting down.');
    const error = toAppError(failure, newErrorId(), 'WORKER_CRASHED');
    logAppError(this.log, 'error', error, { step: 'start' });
    return error;
  }

  /** Resolves once DuckDB's side of the start is up (ok) or failed (its error, which every request that needed it is refused with). The core serves before that: hosts may report a failure. */
  whenReady(): Promise<Result<void>> {
    return this.readiness.outcome();
  }

  /** A command from a window or a host: held while DuckDB's side starts; after a failed start, refused if it needs that side (duckdbSide.ts) or the core is closing, else handled. */
  dispatch(clientCommand: ClientCommand, issuedBy: CommandMeta['issuedBy'] = 'user'): Promise<Result<CommandAck>> {
    const handle = () => this.handle(clientCommand, issuedBy);
    return needsDuckDb(clientCommand) ? this.readiness.hold(handle) : this.readiness.afterStart(handle, () => this.closing);
  }

  private async handle(clientCommand: ClientCommand, issuedBy: CommandMeta['issuedBy'] = 'user'): Promise<Result<CommandAck>> {
    // A fork needs the original as it was, read from the log (time/forkCommand.ts).
    const forked = clientCommand.type === 'ForkSession' ? await forkCommand(clientCommand, this.time, newId, this.projections.current.view.sessions[clientCommand.sessionId]?.title) : undefined;
    if (forked && !forked.ok) return fail(forked.error);
    const { command, queryId } = forked ? { command: forked.value, queryId: undefined } : toDomainCommand(clientCommand as Exclude<ClientCommand, { type: 'ForkSession' }>, this.projections.current.view, newId);
    const commandId = newId();
    const meta: CommandMeta = { commandId, correlationId: commandId, issuedBy };
    // A cancel stops DuckDB at once, beside its durable append (docs/query-engine.md).
    const result = command.type === 'CancelQuery' ? await this.runner.cancel(command, meta) : await this.handler.handle(command, meta);
    if (!result.ok) return fail(command.type === 'ForkSession' ? inForkWords(result.error, command) : result.error);
    const { aggregateId } = commandTarget(command);
    const version = result.value.at(-1)?.aggregateSeq;
    return ok({ aggregateId, lastSeq: result.value.at(-1)?.globalSeq ?? this.store.lastSeq(), ...(queryId ? { queryId } : {}), ...(version !== undefined ? { version } : {}) });
  }

  /**
   * Serves one renderer connection (a window's IPC, a page's WebSocket) until the channel closes.
   * A desktop window passes its save dialog, which exports to a file ask with. Subscriptions, the
   * timeline and cancels are served at once; whatever needs DuckDB's side waits for it (`hold`).
   */
  connect(channel: ServerChannel, host: HostCapabilities = {}): ClientConnection {
    const hold = <T>(work: () => Result<T> | Promise<Result<T>>): Promise<Result<T>> => this.readiness.hold(work);
    return serveConnection(
      {
        ...(host.scope ? { scope: host.scope } : {}),
        view: () => this.view(),
        streams: this.streams,
        log: this.log,
        dispatch: (command) => this.dispatch(command),
        fetchPage: (queryId, offset, limit, view) => hold(() => this.runner.fetchPage(queryId, offset, limit, view)),
        exports: {
          start: (request, target, choose) => hold(() => this.exports.start(request, target, choose)),
          outcome: (exportId) => this.exports.outcome(exportId),
          cancel: (exportId) => this.exports.cancel(exportId),
          abandon: (exportId) => this.exports.abandon(exportId),
        },
        ...(host.chooseExportPath ? { chooseExportPath: host.chooseExportPath } : {}),
        profileColumns: ({ target, columns }, signal) => hold(() => this.profiles.profile(target, columns, signal)),
        previewSql: (request) => hold(() => this.previews.preview(request)),
        cancelPreview: (sessionId) => this.previews.cancel(sessionId),
        timeline: (sessionId, after, queryId) => this.time.timeline(sessionId, after, queryId),
        sessionAt: (sessionId, seq) => this.time.sessionAtText(sessionId, seq),
        charts: { chart: (request, owner) => hold(() => this.charts.chart(request, owner)), cancel: (sessionId, owner) => this.charts.cancel(sessionId, owner), forget: (owner) => this.charts.forget(owner) },
        pivotPage: ({ queryId, spec, offset, limit, filter }) => hold(() => this.pivots.page(queryId, spec, offset, limit, filter)),
        sessionExports: { export: (sessionId, format, target, choose) => hold(() => this.sessionExports.export(sessionId, format, target, choose)), abandon: (id) => this.sessionExports.abandon(id) },
        imports: { importText: (text, options) => hold(() => this.imports.importText(text, options)), importFromFile: (choose, options) => hold(() => this.imports.importFromFile(choose, options)) },
        ...(host.chooseImportPath ? { chooseImportPath: host.chooseImportPath } : {}),
        relocateDataset: (datasetId, path) => hold(() => this.catalog.relocate(datasetId, path)),
        datasetsNotHere: () => hold(() => this.catalog.notHere()),
        ...(host.chooseDatasetPath ? { chooseDatasetPath: host.chooseDatasetPath } : {}),
      },
      channel,
      this.flowLimits,
    );
  }

  /** Opens files given on the command line: each in the catalog and in a session of its own (openFiles.ts), once DuckDB's side is up; none, at once. */
  async openFiles(paths: readonly string[]): Promise<OpenedFile[]> {
    if (paths.length === 0) return [];
    await this.readiness.settled;
    return openFiles(
      {
        dispatch: (command, issuedBy) => this.dispatch(command, issuedBy),
        view: () => this.view(),
        catalogIdle: () => this.catalog.idle(),
        importLog: (path) => this.readiness.hold(() => this.imports.importFromFile(() => Promise.resolve(path))),
      },
      paths,
    );
  }

  /** Looks at the registered files for changes now (a window gained focus); resolves when done. */
  checkInputs(): Promise<void> {
    return this.readiness.settled.then(() => this.inputs.check());
  }

  /** Main's current view of every session and dataset (what the application menu offers). */
  view(): AppView {
    return this.projections.current.view;
  }

  /** Calls `listener` with every stored event once it is in `view()`; returns the unsubscribe. */
  onEvent(listener: (event: EventEnvelope) => void): () => void {
    return this.bus.subscribe((m) => m.kind === 'event' && listener(m.event));
  }

  /** What "Copy diagnostics" reports, with DuckDB's version asked of the running worker. */
  diagnostics(versions: RuntimeVersions): Promise<Diagnostics> {
    const duckdbVersion = () => this.queryWorker.request({ type: 'read', sql: 'SELECT version() AS version' }).then((rows) => String(rows[0]?.['version'] ?? 'unknown'));
    return collectDiagnostics({ dataDir: this.dataDir, duckdbVersion }, versions);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.exports.close();
    this.previews.close();
    this.charts.close();
    this.history.close();
    this.runner.stop();
    this.catalog.stop();
    this.inputs.stop();
    this.streams.close();
    this.time.close();
    await this.queryWorker.close().catch((e: unknown) => this.log.warn({ errorId: toAppError(e, newErrorId()).id }, 'query worker close failed'));
    // A start still under way has lost its worker: it ends now, and nothing of it runs once the store is closed.
    await this.readiness.settled;
    await this.downloads.close().catch(() => undefined);
    await this.snapshots.close();
    this.store.close();
    this.log.info('core stopped');
    this.log.flush();
  }
}

