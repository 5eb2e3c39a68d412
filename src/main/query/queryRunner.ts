import type { SessionCommand } from '../../shared/contracts/commands';
import { appError, fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import type { Column, EventEnvelope } from '../../shared/contracts/events';
import { isInFlight } from '../../shared/domain/queryLifecycle';
import type { QueryProgress } from '../../shared/contracts/frames';
import type { Page, PageView } from '../../shared/contracts/protocol';
import { sessionTopic } from '../../shared/contracts/topics';
import type { CommandHandler } from '../commands/commandHandler';
import { systemMeta } from '../commands/systemMeta';
import { newErrorId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import type { Bus } from '../streams/bus';
import type { Projections } from '../streams/projections';
import { badColumn, isReordered, viewTableName, viewTableSql } from './pageView';
import { ResultCache } from './resultCache';
import { resultTableName } from './sql';
import type { QueryWorker } from './queryWorker';

export interface QueryRunnerOptions {
  /** A query running longer than this is stopped and fails with TIMEOUT. Unset: no limit. */
  readonly timeoutMs?: number;
  /** Disk the kept results may use in DuckDB before the oldest are dropped (they re-run on demand). */
  readonly resultCacheBytes?: number;
  /** How long fetchPage waits for a running query to produce the rows it asks for. */
  readonly pageWaitMs?: number;
  /** DuckDB's database file, whose size the result cache budget bounds. */
  readonly databaseFile?: string;
}

/** Where a query's result stands, as far as paging it is concerned. */
type ResultState =
  /** Running (the query itself, or a re-run of a result that was not kept): rows arrive as committed. */
  | {
      readonly phase: 'running';
      readonly columns?: readonly Column[];
      readonly rowsAvailable: number;
      /** The first rows as text, sent with the first commit: the first page is answered from here. */
      readonly head?: Page['values'];
    }
  | { readonly phase: 'complete'; readonly columns: readonly Column[]; readonly rowCount: number }
  /** Completed once, but its table is gone (evicted, or a new DuckDB file): the next fetchPage re-runs it. */
  | { readonly phase: 'missing'; readonly columns: readonly Column[] }
  | { readonly phase: 'failed'; readonly error: AppError };

interface ResultEntry {
  readonly queryId: string;
  /** Sorted/filtered copies of this result, by table name, most recently used last. */
  readonly views: Map<string, Promise<number>>;
  readonly sessionId: string;
  readonly sql: string;
  readonly table: string;
  state: ResultState;
  /** Resolved whenever `state` changes, so a waiting fetchPage can look again. */
  readonly waiters: Set<() => void>;
}

const DEFAULT_PAGE_WAIT_MS = 5_000;
/** Sorted/filtered copies kept per result (a person flips between a few orders, not dozens). */
const VIEWS_PER_RESULT = 4;

/**
 * Reacts to persisted QueryStarted events (spawn-after-persist), runs the SQL on the worker pool
 * and records what happened through the command handler, as the system. Keeps the registry of
 * running queries (a persisted QueryCancelled interrupts DuckDB; a timeout stops it with TIMEOUT)
 * and serves pages of every result, also while its query still runs.
 */
export class QueryRunner {
  private readonly running = new Map<string, { jobId: number }>();
  private readonly results = new Map<string, ResultEntry>();
  private readonly cache: ResultCache;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly handler: CommandHandler,
    private readonly bus: Bus,
    private readonly pool: QueryWorker,
    private readonly projections: Projections,
    private readonly log: Logger,
    private readonly options: QueryRunnerOptions = {},
  ) {
    this.cache = new ResultCache(pool, log, options.resultCacheBytes, options.databaseFile && `${options.databaseFile}.wal`);
  }

  /** Fails what a crash left in flight, indexes the results still kept, then reacts to new events. */
  async start(): Promise<void> {
    const kept = await this.cache.existingTables();
    const wanted = new Set<string>();
    for (const session of Object.values(this.projections.current.view.sessions)) {
      for (const h of session.history) {
        if (h.phase !== 'Completed') continue;
        const table = resultTableName(h.queryId);
        const columns = h.columns ?? [];
        const present = columns.length === 0 || kept.has(table);
        if (present) wanted.add(table);
        this.results.set(h.queryId, {
          queryId: h.queryId,
          sessionId: session.id,
          sql: h.sql,
          table,
          state: present ? { phase: 'complete', columns, rowCount: columns.length === 0 ? 0 : (h.rowCount ?? 0) } : { phase: 'missing', columns },
          waiters: new Set(),
          views: new Map(),
        });
        this.cache.noteCompleted(h.queryId, table);
      }
      const last = session.history.at(-1);
      if (last && isInFlight(last.phase)) {
        await this.system(session.id, last.queryId, undefined, {
          type: 'FailQuery',
          sessionId: session.id,
          queryId: last.queryId,
          error: appError(newErrorId(), 'INTERRUPTED', 'Sextant stopped while this query was running.'),
        });
      }
    }
    // Tables of queries that never completed (a crash mid-run) are not results: free their space.
    await this.cache.dropAllBut(kept, wanted);
    this.unsubscribe = this.bus.subscribe((m) => {
      if (m.kind === 'event') this.onEvent(m.event);
    });
    void this.cache.enforce();
  }

  stop(): void {
    this.unsubscribe?.();
    for (const { jobId } of this.running.values()) this.pool.cancel(jobId);
  }

  /**
   * Rows [offset, offset + limit) of a result, column-major, as DuckDB's own text. While the query
   * runs, waits (at most pageWaitMs) until its first requested row is committed, then answers with
   * what exists: `complete` false and `totalRows` the rows so far. A result no longer kept is re-run.
   */
  async fetchPage(queryId: string, offset: number, limit: number, view?: PageView): Promise<Result<Page>> {
    const entry = this.results.get(queryId);
    if (!entry) return fail(appError(newErrorId(), 'RESULT_NOT_FOUND', 'That result is not available.', { details: { queryId } }));
    if (isReordered(view)) return this.fetchViewPage(entry, offset, limit, view);
    if (entry.state.phase === 'missing') this.rerun(entry, entry.state.columns);
    if (entry.state.phase === 'running' && entry.state.rowsAvailable <= offset) await this.waitForRows(entry, offset);
    const state = entry.state;
    switch (state.phase) {
      case 'failed':
        return fail(state.error);
      case 'missing': // evicted while we waited: the next call re-runs it
      case 'running':
      case 'complete': {
        const columns = state.columns ?? [];
        const complete = state.phase === 'complete';
        const totalRows = state.phase === 'complete' ? state.rowCount : state.phase === 'running' ? state.rowsAvailable : 0;
        const base = { queryId, offset, totalRows, complete, columns };
        const end = Math.min(totalRows, offset + limit);
        if (end <= offset || columns.length === 0) return ok({ ...base, values: columns.map(() => []) });
        const head = state.phase === 'running' ? state.head : undefined;
        if (head && end <= (head[0]?.length ?? 0)) return ok({ ...base, values: head.map((col) => col.slice(offset, end)) });
        try {
          const values = await this.pool.request({ type: 'page', resultTable: entry.table, columnCount: columns.length, offset, limit: end - offset });
          return ok({ ...base, values });
        } catch (e) {
          const error = e as AppError;
          // Dropped between our look and the read (evicted): say so; the next fetch re-runs it.
          if (/does not exist/.test(error.message) && entry.state.phase === 'complete') this.setState(entry, { phase: 'missing', columns });
          return fail(error);
        }
      }
    }
  }

  /**
   * A page of a sorted/filtered view of a complete result. The view is materialised once in DuckDB
   * (ordered, so its rowids are its order) and kept beside the result, a few per result; later pages
   * are rowid range reads like any other.
   */
  private async fetchViewPage(entry: ResultEntry, offset: number, limit: number, view: PageView): Promise<Result<Page>> {
    if (entry.state.phase === 'missing') this.rerun(entry, entry.state.columns);
    const state = entry.state;
    if (state.phase === 'failed') return fail(state.error);
    if (state.phase !== 'complete') {
      return fail(appError(newErrorId(), 'RESULT_INCOMPLETE', 'Sorting and filtering need the whole result; try again when the query has finished.'));
    }
    const bad = badColumn(view, state.columns.length);
    if (bad !== undefined) return fail(appError(newErrorId(), 'INVALID_COMMAND', `The result has no column ${bad}.`, { details: { columns: state.columns.length } }));
    const table = viewTableName(entry.queryId, view);
    let made = entry.views.get(table);
    if (!made) {
      made = this.pool
        .request({ type: 'exec', sql: viewTableSql(entry.table, table, state.columns, view) })
        .then(() => this.pool.request({ type: 'read', sql: `SELECT count(*)::BIGINT AS n FROM ${table}` }))
        .then((rows) => Number(rows[0]?.['n'] ?? 0));
      made.catch(() => entry.views.delete(table));
    }
    entry.views.delete(table);
    entry.views.set(table, made);
    this.trimViews(entry);
    try {
      const totalRows = await made;
      const base = { queryId: entry.queryId, offset, totalRows, complete: true, columns: state.columns };
      const end = Math.min(totalRows, offset + limit);
      if (end <= offset) return ok({ ...base, values: state.columns.map(() => []) });
      const values = await this.pool.request({ type: 'page', resultTable: table, columnCount: state.columns.length, offset, limit: end - offset });
      return ok({ ...base, values });
    } catch (e) {
      return fail(e as AppError);
    }
  }

  /** Keeps the most recently used views of a result; older ones are dropped from DuckDB. */
  private trimViews(entry: ResultEntry): void {
    while (entry.views.size > VIEWS_PER_RESULT) {
      const [oldest] = entry.views.keys();
      entry.views.delete(oldest!);
      void this.cache.drop(oldest!);
    }
  }

  private dropViews(entry: ResultEntry): void {
    for (const table of entry.views.keys()) void this.cache.drop(table);
    entry.views.clear();
  }

  private waitForRows(entry: ResultEntry, offset: number): Promise<void> {
    const deadline = Date.now() + (this.options.pageWaitMs ?? DEFAULT_PAGE_WAIT_MS);
    return new Promise((resolve) => {
      const check = (): void => {
        const s = entry.state;
        if (s.phase !== 'running' || s.rowsAvailable > offset || Date.now() >= deadline) {
          entry.waiters.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(check, Math.max(0, deadline - Date.now()));
      entry.waiters.add(check);
    });
  }

  private setState(entry: ResultEntry, state: ResultState): void {
    entry.state = state;
    for (const w of [...entry.waiters]) w();
  }

  private onEvent(e: EventEnvelope): void {
    switch (e.type) {
      case 'QueryStarted': {
        const entry: ResultEntry = {
          queryId: e.payload.queryId,
          sessionId: e.aggregateId,
          sql: e.payload.sql,
          table: resultTableName(e.payload.queryId),
          state: { phase: 'running', rowsAvailable: 0 },
          waiters: new Set(),
          views: new Map(),
        };
        this.results.set(entry.queryId, entry);
        return void this.execute(entry, e);
      }
      case 'QueryCancelled': {
        const entry = this.results.get(e.payload.queryId);
        if (entry) this.setState(entry, { phase: 'failed', error: appError(newErrorId(), 'RESULT_NOT_FOUND', 'The query was cancelled; it has no result.') });
        const run = this.running.get(e.payload.queryId);
        if (run) this.pool.cancel(run.jobId);
        return;
      }
      case 'QueryCompleted': {
        const entry = this.results.get(e.payload.queryId);
        if (entry) this.setState(entry, { phase: 'complete', columns: e.payload.columns, rowCount: e.payload.rowCount });
        this.cache.noteCompleted(e.payload.queryId, resultTableName(e.payload.queryId));
        void this.cache.enforce().then((evicted) => {
          for (const queryId of evicted) {
            const ev = this.results.get(queryId);
            if (ev?.state.phase === 'complete') {
              this.setState(ev, { phase: 'missing', columns: ev.state.columns });
              this.dropViews(ev);
            }
          }
        });
        return;
      }
      case 'QueryFailed': {
        const entry = this.results.get(e.payload.queryId);
        if (entry) this.setState(entry, { phase: 'failed', error: e.payload.error });
        return;
      }
      default:
        return;
    }
  }

  private async execute(entry: ResultEntry, cause: EventEnvelope): Promise<void> {
    const { sessionId, queryId } = entry;
    let began: Promise<unknown> = Promise.resolve();
    let timedOut: AppError | undefined;
    const progress = (p: Omit<QueryProgress, 'kind' | 'topic' | 'sessionId' | 'queryId'>): void =>
      this.bus.publishProgress({ kind: 'query', topic: sessionTopic(sessionId), sessionId, queryId, ...p });
    const started = performance.now();
    const { jobId, done } = this.pool.run(entry.sql, entry.table, {
      onBegan: () => {
        began = this.system(sessionId, queryId, cause, { type: 'BeginExecution', sessionId, queryId });
      },
      onProgress: (p) => {
        const rowsAvailable = entry.state.phase === 'running' ? entry.state.rowsAvailable : undefined;
        progress({ ...p, ...(rowsAvailable ? { rowsAvailable } : {}) });
      },
      onColumns: (columns) => {
        if (entry.state.phase === 'running') this.setState(entry, { ...entry.state, columns });
      },
      onHead: (head) => {
        if (entry.state.phase !== 'running') return;
        const rowsAvailable = Math.max(entry.state.rowsAvailable, head[0]?.length ?? 0);
        this.setState(entry, { ...entry.state, rowsAvailable, head });
        progress({ elapsedMs: Math.round(performance.now() - started), rowsAvailable });
      },
      onRows: (rowsAvailable) => {
        if (entry.state.phase !== 'running') return;
        this.setState(entry, { ...entry.state, rowsAvailable: Math.max(entry.state.rowsAvailable, rowsAvailable) });
        // Tell the client at once that rows exist: the first page must not wait for a progress tick.
        progress({ elapsedMs: Math.round(performance.now() - started), rowsAvailable });
      },
    });
    this.running.set(queryId, { jobId });
    const timer =
      this.options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = appError(newErrorId(), 'TIMEOUT', `The query ran longer than ${formatLimit(this.options.timeoutMs ?? 0)} and was stopped.`);
            this.pool.cancel(jobId);
          }, this.options.timeoutMs);
    try {
      const outcome = await done;
      await began;
      await this.system(sessionId, queryId, cause, {
        type: 'CompleteQuery',
        sessionId,
        queryId,
        rowCount: outcome.rowCount,
        columns: outcome.columns,
        durationMs: Math.round(outcome.durationMs * 10) / 10,
      });
      // Cancelled at the last moment: the session refused the completion, so the rows are no result.
      if (entry.state.phase !== 'complete' && outcome.hasTable) await this.cache.drop(entry.table);
    } catch (e) {
      await began;
      const error = timedOut ?? (e as AppError);
      // A cancel is already stored as QueryCancelled; the interruption it caused is not a failure.
      if (error.code !== 'INTERRUPTED') {
        // Logged with its id, like every failure, so the id the status bar shows is found in the log (and in Copy Diagnostics).
        logAppError(this.log, error.code === 'WORKER_CRASHED' ? 'error' : 'warn', error, { correlationId: cause?.metadata.correlationId, sessionId, queryId });
        await this.system(sessionId, queryId, cause, { type: 'FailQuery', sessionId, queryId, error });
      }
      if (error.code === 'WORKER_CRASHED') await this.cache.drop(entry.table);
    } finally {
      clearTimeout(timer);
      this.running.delete(queryId);
    }
  }

  /** A completed result whose table is gone: run its SQL again into the same table, with no new events. */
  private rerun(entry: ResultEntry, columns: readonly Column[]): void {
    this.dropViews(entry); // sorted/filtered copies of the old rows
    this.setState(entry, { phase: 'running', columns, rowsAvailable: 0 });
    this.log.info({ queryId: entry.queryId }, 're-running a result that was not kept');
    const { done } = this.pool.run(entry.sql, entry.table, {
      onBegan: () => {},
      onProgress: () => {},
      onColumns: (cols) => entry.state.phase === 'running' && this.setState(entry, { ...entry.state, columns: cols }),
      onHead: (head) =>
        entry.state.phase === 'running' && this.setState(entry, { ...entry.state, head, rowsAvailable: Math.max(entry.state.rowsAvailable, head[0]?.length ?? 0) }),
      onRows: (rowsAvailable) =>
        entry.state.phase === 'running' && this.setState(entry, { ...entry.state, rowsAvailable: Math.max(entry.state.rowsAvailable, rowsAvailable) }),
    });
    done.then(
      (outcome) => {
        this.setState(entry, { phase: 'complete', columns: outcome.columns, rowCount: outcome.rowCount });
        this.cache.noteCompleted(entry.queryId, entry.table);
      },
      (e: unknown) => {
        const error = e as AppError;
        this.log.warn({ errorId: error.id, queryId: entry.queryId }, `re-running a result failed: ${error.message}`);
        this.setState(entry, {
          phase: 'failed',
          error: { ...error, code: 'RESULT_NOT_FOUND', message: `This result was not kept, and running its SQL again failed: ${error.message}` },
        });
      },
    );
  }

  /** Issues a system command. A rejection here (the person cancelled first) is expected, not an error. */
  private async system(sessionId: string, queryId: string, cause: EventEnvelope | undefined, command: SessionCommand): Promise<void> {
    const result = await this.handler.handle(command, systemMeta(cause));
    if (!result.ok && result.error.code !== 'QUERY_MISMATCH') {
      this.log.error({ errorId: result.error.id, sessionId, queryId, command: command.type }, result.error.message);
    }
  }
}

function formatLimit(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
