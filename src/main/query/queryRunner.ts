import type { CommandMeta, SessionCommand } from '../../shared/contracts/commands';
import { appError, fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import type { Column, EventEnvelope } from '../../shared/contracts/events';
import type { SessionView } from '../../shared/views/appView';
import type { Page, PageView } from '../../shared/contracts/protocol';
import type { QueryProgress } from '../../shared/contracts/frames';
import { sessionTopic } from '../../shared/contracts/topics';
import { isCompleted } from '../../shared/domain/queryLifecycle';
import type { CommandHandler } from '../commands/commandHandler';
import { systemMeta } from '../commands/systemMeta';
import { newErrorId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import type { Bus } from '../streams/bus';
import { lastQuery, queryEntry } from '../streams/lazyHistory';
import type { Projections } from '../streams/projections';
import { isReordered } from './pageView';
import { ResultCache } from './resultCache';
import { isResultTable, queryIdOfTable, ResultIndex } from './resultIndex';
import { readResultPage } from './resultPages';
import { LatestProgress, producingHooks, waitingFields, type ProgressFields } from './resultProgress';
import { rerunResult } from './resultRerun';
import { producing, type KeptRows, type ResultEntry } from './resultState';
import { ResultViews } from './resultViews';
import { resultTableName } from './sql';
import type { QueryWorker } from './queryWorker';
import type { RunHooks } from './workerThread';
import { readInputs } from './readInputs';
import { failureInWords } from './notHereSentence';
import type { DatasetAvailability } from '../catalog/datasetAvailability';
import { armQueryTimeout } from './queryTimeout';
import { issueSystem, noteCancel, ranMs, unrecordedFailure, type Run } from './queryRun';
import { completion, failure, QueryEnds, type EndCommand } from './queryEnds';

export interface QueryRunnerOptions {
  /** A query running longer than this is stopped and fails with TIMEOUT. Unset: no limit. */
  readonly timeoutMs?: number;
  /** Disk the kept results may use in DuckDB before the oldest are dropped (they re-run on demand). */
  readonly resultCacheBytes?: number;
  /** DuckDB's database file, whose size the result cache budget bounds. */
  readonly databaseFile?: string;
  /** The first and longest pause before an end the store refused is tried again (queryEnds.ts); tests lengthen them. */
  readonly endRetryMs?: { readonly first: number; readonly max: number };
  /** What DuckDB reads of the catalog, which the catalog keeps: a failed re-run waits for it to change. */
  readonly datasets: DatasetAvailability;
}

type CancelQuery = Extract<SessionCommand, { type: 'CancelQuery' }>;

const noop = (): void => undefined;

/**
 * Reacts to persisted QueryStarted events (spawn-after-persist), runs the SQL on the query worker
 * and records what happened through the command handler, as the system, each event caused by the
 * QueryStarted and carrying its correlation id. Keeps the running queries (a CancelQuery
 * interrupts DuckDB at once, beside its append; a timeout stops it with TIMEOUT) and the results,
 * and serves pages of every result, also while its query still runs.
 */
export class QueryRunner {
  private readonly running = new Map<string, Run>();
  /** Replaced at start, once DuckDB has said which result tables it keeps. */
  private results = new ResultIndex(new Set());
  private readonly cache: ResultCache;
  private readonly views: ResultViews;
  private unsubscribe: (() => void) | undefined;
  /** Result tables of the queries `failInterrupted` failed: dropped at start, never kept. */
  private readonly interrupted = new Set<string>();
  /** Records the queries' ends, again while the store refuses them (queryEnds.ts). */
  private readonly ends: QueryEnds;
  /** The latest progress of each query run or ended here, for a window that subscribes before it ends. */
  private readonly latest = new LatestProgress();
  /** Told each result's progress frame (a re-run on demand sends them as it goes and when it ends): a chart of it waits on them. */
  readonly progressed = new Set<(queryId: string) => void>();
  private stopped = false;

  constructor(
    private readonly handler: CommandHandler,
    private readonly bus: Bus,
    private readonly queryWorker: QueryWorker,
    private readonly projections: Projections,
    private readonly log: Logger,
    private readonly options: QueryRunnerOptions,
  ) {
    this.cache = new ResultCache(queryWorker, log, options.resultCacheBytes, options.databaseFile && `${options.databaseFile}.wal`);
    this.views = new ResultViews(queryWorker, this.cache);
    this.ends = new QueryEnds(handler, log, (command, refusal) => this.publishWaiting(command, refusal), options.endRetryMs?.first, options.endRetryMs?.max);
  }

  /**
   * Fails what a crash or a stop left in flight. Needs no DuckDB, so a start does it before it
   * serves: the first frames already show those queries failed (a store that refuses the write gets
   * it again later, as every end), and a StartQuery or CancelQuery cannot meet one that is only
   * waiting to be failed. Reads each session's last query, not its history.
   */
  async failInterrupted(): Promise<void> {
    const failed = await this.ends.failInterrupted(Object.values(this.projections.current.view.sessions), (queryId) => this.latest.forget(queryId));
    for (const queryId of failed) this.interrupted.add(resultTableName(queryId));
  }

  /**
   * Indexes the results DuckDB still keeps, then reacts to new events. Runs behind the first frames
   * (core/readiness.ts holds pages and commands until it is done). A history restored from a
   * snapshot stays unread until a page, an export or one of its events needs it (ResultIndex).
   */
  async start(): Promise<void> {
    const kept = await this.cache.existingTables();
    if (this.stopped) return;
    this.results = new ResultIndex(kept);
    for (const session of Object.values(this.projections.current.view.sessions)) this.results.addSession(session);
    // Kept results stay, oldest first for eviction (query ids are UUIDv7), found by name, no history read.
    // Sorted/filtered copies go (made again on demand), as do the tables of queries a crash left running.
    const wanted = new Map<string, string>();
    for (const table of kept) {
      if (!isResultTable(table) || this.interrupted.has(table)) continue;
      const queryId = queryIdOfTable(table) ?? this.results.queryOfTable(table);
      if (queryId !== undefined) wanted.set(queryId, table);
    }
    for (const [queryId, table] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) this.cache.noteCompleted(queryId, table);
    // Tables of queries that never completed (a crash mid-run) are not results: free their space.
    await this.cache.dropAllBut(kept, new Set(wanted.values()));
    if (this.stopped) return;
    this.unsubscribe = this.bus.subscribe((m) => {
      if (m.kind !== 'event') return;
      // Something was stored, so the store takes writes again: an end it refused is tried now.
      this.ends.wake();
      // An imported query ran elsewhere: its result is re-run on demand, like an evicted one.
      if (!m.imported) this.onEvent(m.event);
    });
    void this.cache.enforce();
  }

  /**
   * The latest progress of each query still in flight (its ticks, or why its end waits for the
   * store): what a window that subscribes now is sent once it is live, as it would have been live.
   */
  currentProgress(): QueryProgress[] {
    return this.latest.current(this.projections.current.view);
  }

  /** A session a session import appended: its results are indexed as the start's sessions are (none kept here). */
  adoptImportedSession(session: SessionView): void {
    this.results.addSession(session);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.ends.stop();
    for (const { jobId } of this.running.values()) this.queryWorker.cancel(jobId);
  }

  /**
   * A person's CancelQuery. DuckDB is interrupted at once, beside the durable append of
   * QueryCancelled rather than after it: the command is queued on the session first, so whatever
   * the interrupted run reports later lands behind it and the query ends exactly once.
   */
  cancel(command: CancelQuery, meta: CommandMeta): Promise<Result<EventEnvelope[]>> {
    const entry = [...this.running.entries()].find(([, run]) => run.sessionId === command.sessionId);
    // The interrupt is posted before anything else runs on main: until it lands, DuckDB keeps
    // every core busy. The worker's answer is a later message, so it still lands behind the queued command.
    if (entry) this.queryWorker.cancel(entry[1].jobId);
    const stored = this.handler.handle(entry ? { ...command, durationMs: ranMs(entry[1]) } : command, meta);
    if (entry) noteCancel(entry[1], entry[0], stored);
    return stored;
  }

  /**
   * Resolves once DuckDB has returned from the query's run, at once if it has none: what "DuckDB
   * has stopped" means after a cancel (the rollback of its partial table may still follow).
   */
  whenStopped(queryId: string): Promise<void> {
    return this.running.get(queryId)?.stopped ?? Promise.resolve();
  }

  /**
   * Rows [offset, offset + limit) of a result, column-major, as DuckDB's own text. Never waits:
   * while the query runs it answers with what exists (`complete` false, `totalRows` the rows so
   * far); progress frames say when more are ready. A result no longer kept is re-run.
   */
  async fetchPage(queryId: string, offset: number, limit: number, view?: PageView): Promise<Result<Page>> {
    const entry = this.results.get(queryId);
    if (!entry) return fail(appError(newErrorId(), 'RESULT_NOT_FOUND', 'That result is not available.', { details: { queryId } }));
    if (entry.rows.kind === 'evicted') this.rerun(entry);
    return isReordered(view) ? this.views.page(entry, offset, limit, view) : readResultPage(this.queryWorker, entry, offset, limit);
  }

  /**
   * What an export reads: the kept table of a complete result, or of its sorted/filtered view, with
   * its columns and rows. An evicted result starts re-running and is refused until it is back.
   */
  async exportSource(queryId: string, view?: PageView): Promise<Result<{ sessionId: string; table: string; columns: readonly Column[]; rows: number }>> {
    const kept = this.keptEntry(queryId);
    if (!kept.ok) return kept;
    const { entry, rows } = kept.value;
    if (!isReordered(view)) return ok({ sessionId: entry.sessionId, table: entry.table, columns: rows.columns, rows: rows.rowCount });
    const made = await this.views.viewTable(entry, view);
    return made.ok ? ok({ sessionId: entry.sessionId, table: made.value.table, columns: rows.columns, rows: made.value.rows }) : made;
  }

  /**
   * A complete result's table and rows, for work that reads it whole (column profiles). The `rows`
   * object is replaced whenever the result is dropped or re-run, so what is keyed on it dies with it.
   */
  keptResult(queryId: string): Result<{ readonly table: string; readonly rows: KeptRows }> {
    const kept = this.keptEntry(queryId);
    return kept.ok ? ok({ table: kept.value.entry.table, rows: kept.value.rows }) : kept;
  }

  /** A complete result's entry; an evicted one starts re-running and is refused until it is back. */
  private keptEntry(queryId: string): Result<{ entry: ResultEntry; rows: KeptRows }> {
    const entry = this.results.get(queryId);
    if (!entry) return fail(appError(newErrorId(), 'RESULT_NOT_FOUND', 'That result is not available.', { details: { queryId } }));
    if (entry.rows.kind === 'evicted') this.rerun(entry);
    const rows = entry.rows;
    if (rows.kind === 'none') return fail(rows.error);
    if (rows.kind !== 'kept') return fail(appError(newErrorId(), 'RESULT_INCOMPLETE', 'The result is not complete yet; try again when the query has finished.'));
    return ok({ entry, rows });
  }

  private onEvent(e: EventEnvelope): void {
    switch (e.type) {
      case 'QueryStarted': {
        const entry: ResultEntry = {
          queryId: e.payload.queryId,
          sessionId: e.aggregateId,
          sql: e.payload.sql,
          table: resultTableName(e.payload.queryId),
          rows: producing(),
          views: new Map(),
        };
        this.results.set(entry.queryId, entry);
        return void this.execute(entry, e);
      }
      case 'QueryCancelled': {
        const entry = this.results.get(e.payload.queryId, e.aggregateId);
        if (entry) entry.rows = { kind: 'none', error: appError(newErrorId(), 'RESULT_NOT_FOUND', 'The query was cancelled; it has no result.') };
        // Closing a session cancels its query through the decider: interrupt it here. After a CancelQuery it is already interrupted.
        const run = this.running.get(e.payload.queryId);
        if (run && !run.cancel) this.queryWorker.cancel(run.jobId);
        return;
      }
      case 'QueryCompleted': {
        const entry = this.results.get(e.payload.queryId, e.aggregateId);
        if (entry) entry.rows = { kind: 'kept', columns: e.payload.columns, rowCount: e.payload.rowCount };
        if (e.payload.columns.length > 0) this.cache.noteCompleted(e.payload.queryId, resultTableName(e.payload.queryId)); // no columns: no table, nothing to evict and re-run (a CREATE, a DROP)
        void this.cache.enforce().then((evicted) => this.evicted(evicted));
        return;
      }
      case 'QueryFailed': {
        const entry = this.results.get(e.payload.queryId, e.aggregateId);
        if (entry) entry.rows = { kind: 'none', error: e.payload.error };
        return;
      }
      default:
        return;
    }
  }

  private evicted(queryIds: readonly string[]): void {
    for (const queryId of queryIds) {
      // A session not indexed yet learns of it when it is (its table is no longer kept).
      this.results.dropped(resultTableName(queryId));
      const entry = this.results.peek(queryId);
      if (entry?.rows.kind !== 'kept') continue;
      entry.rows = { kind: 'evicted', columns: entry.rows.columns, rowCount: entry.rows.rowCount };
      this.views.dropAll(entry);
    }
  }

  private async execute(entry: ResultEntry, cause: EventEnvelope): Promise<void> {
    const { sessionId, queryId } = entry;
    let began: Promise<unknown> = Promise.resolve();
    // Which datasets it reads: the tables are parsed once its first rows are out (or it ended), the
    // datasets are those of the view it started in. Parsed beside its start, the parse took the
    // worker's turn from the run (~0.6–1 ms before a group-by's first page, alternated).
    const startedIn = this.projections.current.view;
    let parsed: ReturnType<typeof readInputs> | undefined;
    const inputs = (): ReturnType<typeof readInputs> => (parsed ??= readInputs(this.queryWorker, startedIn, cause, this.log));
    const base = producingHooks(
      entry,
      (p) => this.latest.set(this.publish(entry, p)),
      () => {
        began = issueSystem(this.handler, this.log, cause, { type: 'BeginExecution', sessionId, queryId });
      },
    );
    const hooks: RunHooks = {
      ...base,
      onHead: (head) => (base.onHead(head), void inputs()),
      onRows: (rows) => (base.onRows(rows), void inputs()),
    };
    const { jobId, done } = this.queryWorker.run(entry.sql, entry.table, hooks);
    const run: Run = { jobId, sessionId, stopped: done.then(noop, noop), startedMs: performance.now() };
    this.running.set(queryId, run);
    const timeout = armQueryTimeout(this.options.timeoutMs, () => this.queryWorker.cancel(jobId));
    try {
      // DuckDB is done: a time limit no longer applies while its end waits for the store.
      const outcome = await done.finally(timeout.clear);
      await began;
      const read = await inputs();
      const completed = completion(sessionId, queryId, outcome, read);
      const refused = await this.ends.record(completed, systemMeta(cause));
      // A completion no event can hold (its columns past the payload limit) still ends the query: failed, with why.
      if (refused) await this.ends.record(failure(sessionId, queryId, refused, completed.durationMs, read), systemMeta(cause));
      // Cancelled or closed before the completion was stored: the rows are no result. After a stop the next start drops them.
      // The phase is the view's (the handler folds what it stores before it answers), read without loading a restored history.
      const phase = queryEntry(this.projections.current.view.sessions[sessionId], queryId)?.phase;
      if (!isCompleted(phase) && outcome.hasTable && !this.stopped) await this.cache.drop(entry.table);
    } catch (e) {
      const ran = ranMs(run); // now, not once the failure is stored
      await began;
      const stopped = timeout.error() ?? (await unrecordedFailure(e as AppError, run));
      const error = stopped && (await failureInWords(stopped, entry.sql, this.queryWorker, this.options.datasets, this.projections.current.view));
      if (error) {
        // Logged with its id, like every failure, so the id the status bar shows is found in the log (and in Copy Diagnostics).
        logAppError(this.log, error.code === 'WORKER_CRASHED' ? 'error' : 'warn', error, { correlationId: cause.metadata.correlationId, sessionId, queryId });
        await this.ends.record(failure(sessionId, queryId, error, ran, await inputs()), systemMeta(cause));
      }
      if (error?.code === 'WORKER_CRASHED') await this.cache.drop(entry.table);
    } finally {
      timeout.clear();
      this.running.delete(queryId);
      this.latest.forget(queryId);
    }
  }

  /** A completed result whose table is gone: its SQL runs again into the same table. */
  private rerun(entry: ResultEntry): void {
    const { queryWorker, cache, views, log, options } = this;
    rerunResult(entry, { queryWorker, cache, views, log, datasets: options.datasets, publish: (e, p) => this.publish(e, p) });
  }

  /** Progress of a result on its session's topic: transient, never stored. */
  private publish({ sessionId, queryId }: Pick<ResultEntry, 'sessionId' | 'queryId'>, p: ProgressFields): QueryProgress {
    const progress: QueryProgress = { kind: 'query', topic: sessionTopic(sessionId), sessionId, queryId, ...p };
    this.bus.publishProgress(progress);
    for (const tell of this.progressed) tell(queryId);
    return progress;
  }

  /** The store refused a query's end, to be tried again: its progress says the end waits, and why. */
  private publishWaiting(command: EndCommand, refusal: AppError): void {
    const session = this.projections.current.view.sessions[command.sessionId];
    const last = session && lastQuery(session);
    const startedAt = last?.queryId === command.queryId ? last.startedAt : undefined;
    this.latest.set(this.publish(command, waitingFields(this.results.peek(command.queryId)?.rows, command, refusal, startedAt)));
  }
}
