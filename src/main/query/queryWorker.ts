import { appError, toAppError, type AppError } from '../../shared/contracts/errors';
import { newErrorId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import type { HashProgress } from '../../shared/contracts/fingerprint';
import type { QueuePlace } from '../../shared/contracts/frames';
import type { FingerprintTarget, MovedAside, ReplyOf, RunProgress, WorkerRequest } from './workerProtocol';
import { WorkerThread, type Pending, type RunHooks, type ThreadOptions } from './workerThread';

export interface QueryWorkerOptions extends ThreadOptions {
  /**
   * Queries running at once (each on its own connections); more wait in FIFO order. A running
   * DuckDB call holds one of libuv's 4 threads, so this stays below 4 to keep pages and catalog
   * work responsive while long queries run.
   */
  readonly maxConcurrentQueries?: number;
  readonly log: Logger;
}

type Request = WorkerRequest extends infer R ? (R extends { jobId: number } ? Omit<R, 'jobId'> : never) : never;

interface QueuedRun {
  readonly jobId: number;
  readonly request: Extract<Request, { type: 'run' }>;
  readonly pending: Pending;
  readonly onQueued: (place: QueuePlace) => void;
  /** Set while the statement's prerequisite is under way: later queries may start before it. */
  held: boolean;
  /** The place `onQueued` last told (its position, or 0 for a restart), so an unchanged place is not told again. */
  told?: number;
}

/**
 * What must be done before a statement runs, decided from its text: a promise to wait for, or
 * undefined for nothing (the history schema's fill on first use, src/main/history/historyFeed.ts).
 */
export type SqlPrerequisite = (sql: string) => Promise<void> | undefined;

/** How long the thread gets to stop cleanly (DuckDB's checkpoint of its WAL on close) before it is terminated. */
export const SHUTDOWN_LIMIT_MS = 15_000;

/** Threads dying in a row before they open the database, after which the worker gives up. */
const MAX_STARTUP_FAILURES = 3;

/**
 * Main's side of the one DuckDB worker thread (docs/query-engine.md, the worker). One thread, not a
 * pool: with @duckdb/node-api 1.5, `DuckDBInstance.fromCache` caches per thread, so two threads
 * would open two independent instances of the same file, each blind to the other's tables and both
 * writing it (`duckdbInstanceSharing.int.spec.ts` pins that). Parallelism does not suffer: DuckDB
 * runs each query on every core itself, and the thread gives each running query its own
 * connections, so queries, pages and catalog work proceed side by side.
 *
 * It numbers the jobs, keeps the replies they are owed, starts queries FIFO while fewer than
 * `maxConcurrentQueries` run (pages and catalog work go straight through), and replaces the thread
 * when it dies.
 */
export class QueryWorker {
  /** Undefined only after threads kept dying at startup (see `broken`), or once closed. */
  private thread: WorkerThread | undefined;
  private readonly queue: QueuedRun[] = [];
  private nextJob = 1;
  private closed = false;
  private startupFailures = 0;
  /** Set when threads keep dying before they open the database: every request fails with it. */
  private broken: AppError | undefined;
  private prerequisite: SqlPrerequisite = () => undefined;
  private threadsStarted = 0;
  private readonly restorers: (() => Promise<void>)[] = [];
  /** Set while a replacement thread is given back what its predecessor held in memory: queries wait for it. */
  private restoring: Promise<void> | undefined;

  constructor(private readonly options: QueryWorkerOptions) {
    this.thread = this.spawn();
  }

  /** Counts the threads started: it changes when a dead thread is replaced, and with it anything the thread held in memory. */
  get threadGeneration(): number {
    return this.threadsStarted;
  }

  /**
   * Every statement that carries SQL (queries, previews, charts, reads) waits for what this says
   * first. The worker is the one door to DuckDB, so no path can skip it. Exports (`start`) are not
   * held: they copy result tables, whose rows are already there.
   */
  setSqlPrerequisite(prerequisite: SqlPrerequisite): void {
    this.prerequisite = prerequisite;
  }

  /**
   * What a thread that replaced a dead one must be given before it runs queries, because the dead
   * one held it in memory, not in DuckDB's file (attached databases). Runs on every replacement;
   * queued queries wait for it, pages and catalog requests do not.
   */
  onReplaced(restore: () => Promise<void>): void {
    this.restorers.push(restore);
  }

  /** Runs SQL into a result table. Resolves with its outcome; rejects with an AppError (its id minted where it failed). `readsOnly`: a re-run, which runs only SQL that reads (rerunGuard.worker.ts). */
  run(sql: string, resultTable: string, hooks: RunHooks, readsOnly = false): { jobId: number; done: Promise<ReplyOf['run']> } {
    const jobId = this.nextJob++;
    const prerequisite = this.prerequisite(sql);
    const done = new Promise<ReplyOf['run']>((resolve, reject) => {
      if (this.broken) return reject(this.broken);
      const job: QueuedRun = { jobId, request: { type: 'run', sql, resultTable, ...(readsOnly ? { readsOnly } : {}) }, pending: { resolve: resolve as (v: unknown) => void, reject, hooks }, onQueued: (place) => hooks.onQueued?.(place), held: prerequisite !== undefined };
      this.queue.push(job);
      const release = (): void => {
        job.held = false;
        this.dispatch();
      };
      // A prerequisite that failed fails its statement, with its words and id: run on what there
      // is, a statement over the history would answer from tables missing part of the log.
      prerequisite?.then(release, (e: unknown) => {
        const at = this.queue.indexOf(job);
        if (at === -1) return; // cancelled while it waited
        this.queue.splice(at, 1);
        reject(toAppError(e, newErrorId()));
        this.tellPlaces();
      });
    });
    this.dispatch();
    return { jobId, done };
  }

  /** Interrupts a running job, or drops it from the queue. The job's promise rejects with INTERRUPTED. */
  cancel(jobId: number): void {
    const queued = this.queue.findIndex((q) => q.jobId === jobId);
    if (queued !== -1) {
      const [job] = this.queue.splice(queued, 1);
      job?.pending.reject(appError(newErrorId(), 'INTERRUPTED', 'The query was cancelled before it started.'));
      return this.tellPlaces();
    }
    if (this.thread?.runs.has(jobId) || this.thread?.cancellable.has(jobId)) this.thread.worker.postMessage({ type: 'cancel', jobId } satisfies WorkerRequest);
  }

  /**
   * A cancellable job that is not a query (an export's COPY): sent at once like `request`, with its
   * job id for `cancel` and its progress replies.
   */
  start<T extends 'export'>(request: Extract<Request, { type: T }>, onProgress: (p: RunProgress) => void): { jobId: number; done: Promise<ReplyOf[T]> } {
    const thread = this.available();
    const jobId = this.nextJob++;
    const done = new Promise<ReplyOf[T]>((resolve, reject) => {
      if (!thread) return reject(this.broken ?? appError(newErrorId(), 'WORKER_CRASHED', 'No query worker is running.'));
      const settle = (): boolean => thread.cancellable.delete(jobId);
      const noop = (): void => undefined;
      const hooks: RunHooks = { onBegan: noop, onProgress, onColumns: noop, onHead: noop, onRows: noop };
      thread.cancellable.add(jobId);
      thread.owe({ ...request, jobId }, { resolve: (v) => (settle(), resolve(v as ReplyOf[T])), reject: (e) => (settle(), reject(e)), hooks });
    });
    return { jobId, done };
  }

  /** A page, a catalog change or a small internal read: sent at once, never queued behind queries. */
  request<T extends Exclude<Request['type'], 'run'>>(request: Extract<Request, { type: T }>): Promise<ReplyOf[T]> {
    const sql: unknown = (request as { sql?: unknown }).sql;
    const prerequisite = typeof sql === 'string' ? this.prerequisite(sql) : undefined;
    if (!prerequisite) return this.send(request);
    const send = (): Promise<ReplyOf[T]> => this.send(request);
    return prerequisite.then(send, send);
  }

  /** A dataset's fingerprint, hashed on the worker; `onHashed` hears how far the hash of a big file has read. */
  fingerprint(target: FingerprintTarget, onHashed?: (p: HashProgress) => void): Promise<ReplyOf['fingerprint']> {
    return this.send({ type: 'fingerprint', target }, onHashed && { onHashed });
  }

  private send<T extends Exclude<Request['type'], 'run'>>(request: Extract<Request, { type: T }>, listen?: Pick<Pending, 'onHashed'>): Promise<ReplyOf[T]> {
    const thread = this.available();
    const jobId = this.nextJob++;
    return new Promise((resolve, reject) => {
      if (!thread) return reject(this.broken ?? appError(newErrorId(), 'WORKER_CRASHED', 'No query worker is running.'));
      thread.owe({ ...request, jobId }, { resolve: resolve as (v: unknown) => void, reject, ...listen });
    });
  }

  /**
   * Asks the thread to stop cleanly (a thread terminated mid-call would abort the process) and
   * waits for it; if it does not stop in time it is terminated.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.pending.reject(appError(newErrorId(), 'INTERRUPTED', 'Sextant is shutting down.'));
    const thread = this.thread;
    if (!thread) return;
    const exited = new Promise<void>((resolve) => thread.worker.once('exit', () => resolve()));
    thread.heartbeat.stop(); // the shutdown's own limit applies from here
    thread.worker.postMessage({ type: 'shutdown' } satisfies WorkerRequest);
    const timer = setTimeout(() => void thread.worker.terminate(), SHUTDOWN_LIMIT_MS);
    await exited;
    clearTimeout(timer);
  }

  /** The thread that may take new work: not one that is winding down after a crash. */
  private available(): WorkerThread | undefined {
    return this.thread && !this.thread.fatal ? this.thread : undefined;
  }

  /** Starts what may start, then tells the queries still waiting where they stand. */
  private dispatch(): void {
    this.startQueued();
    this.tellPlaces();
  }

  private startQueued(): void {
    const thread = this.available();
    if (!thread || this.restoring) return; // the queue waits for the replacement
    const max = Math.max(1, this.options.maxConcurrentQueries ?? 2);
    while (thread.runs.size < max) {
      const next = this.queue.findIndex((q) => !q.held);
      if (next === -1) break;
      const [job] = this.queue.splice(next, 1);
      if (!job) break;
      thread.runs.add(job.jobId);
      const settle = (): void => {
        thread.runs.delete(job.jobId);
        this.dispatch();
      };
      thread.owe({ ...job.request, jobId: job.jobId }, {
        ...job.pending,
        resolve: (v) => {
          settle();
          job.pending.resolve(v);
        },
        reject: (e) => {
          settle();
          job.pending.reject(e);
        },
      });
    }
  }

  /**
   * Each waiting query's place among those that start in queue order: a held one is skipped until
   * its prerequisite is done (it waits for that, not for queries), and does not count ahead of others.
   * While a replacement thread is restored, every one waits for that instead.
   */
  private tellPlaces(): void {
    let position = 0;
    for (const job of this.queue) {
      if (job.held) continue;
      position++;
      const told = this.restoring ? 0 : position;
      if (job.told === told) continue;
      job.told = told;
      job.onQueued(told === 0 ? { waitsFor: 'restart' } : { waitsFor: 'queries', position });
    }
  }

  private spawn(): WorkerThread {
    this.threadsStarted++;
    return new WorkerThread(
      this.options,
      (dead, error) => this.onExit(dead, error),
      (thread, error) => this.onHung(thread, error),
      (moved) => this.movedAside(moved),
    );
  }

  /** The thread's start moved a damaged DuckDB file aside and began on a fresh one: one line, with both paths and an id. */
  private movedAside({ id, file, movedTo, walMovedTo, said }: MovedAside): void {
    this.options.log.warn(
      { errorId: id, file, movedTo, ...(walMovedTo ? { walMovedTo } : {}), said },
      `DuckDB's file ${file} was damaged; moved aside to ${movedTo}${walMovedTo ? ` (its WAL to ${walMovedTo})` : ''}, and DuckDB started on a fresh file: kept results are run again when next shown.`,
    );
  }

  /**
   * The thread's event loop stopped answering (`error`), or answers again (undefined): said in the
   * log, with the error's id, and nothing else. Acting on it is worse than waiting: a thread with a
   * DuckDB call in flight cannot be terminated without aborting the process, and work failed while
   * it still sits in the thread's queue would run anyway once the loop is free (docs/query-engine.md).
   */
  private onHung(thread: WorkerThread, error: AppError | undefined): void {
    if (this.thread !== thread) return;
    if (error) return logAppError(this.options.log, 'error', error, { owed: thread.pending.size });
    this.options.log.info({ owed: thread.pending.size }, 'the query worker answers again');
    if (thread.pending.size === 0) thread.heartbeat.idle();
  }

  /**
   * A dead thread fails everything it owed, with one error id that the log line carries too, and
   * is replaced. Threads that keep dying before they open the database are not respawned forever:
   * the worker reports why and stops.
   */
  private onExit(dead: WorkerThread, crash: AppError): void {
    if (this.thread !== dead) return; // 'error' and then 'exit' for the same death
    this.thread = undefined;
    // The thread's own report, when it made one, is the error minted where the failure was first
    // seen (the jobs it failed on its way out carry it already); else main saw the death first.
    const error = dead.fatal ?? crash;
    dead.heartbeat.stop();
    const owed = [...dead.pending.values()];
    dead.pending.clear();
    for (const p of owed) p.reject(error);
    if (this.closed) return;
    logAppError(this.options.log, 'error', error);
    this.startupFailures = dead.started ? 0 : this.startupFailures + 1;
    if (this.startupFailures >= MAX_STARTUP_FAILURES) {
      this.broken = error;
      for (const job of this.queue.splice(0)) job.pending.reject(error);
      return;
    }
    this.thread = this.spawn();
    const restoring = Promise.allSettled(this.restorers.map((restore) => restore())).then(() => {
      if (this.restoring === restoring) this.restoring = undefined;
      this.dispatch();
    });
    this.restoring = restoring;
  }
}
