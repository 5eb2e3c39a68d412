import { Worker } from 'node:worker_threads';
import { appError, type AppError } from '../../shared/contracts/errors';
import { newErrorId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { Column } from '../../shared/contracts/events';
import type { ReplyOf, RunProgress, WorkerConfig, WorkerReply, WorkerRequest } from './workerProtocol';

export interface WorkerPoolOptions {
  /** Built worker entry (out/main/duckdbWorker.js), or the .ts source under tsx in tests. */
  readonly workerPath: string;
  readonly execArgv?: readonly string[];
  readonly size: number;
  /**
   * Queries running at once across the pool (each on its own connections); more wait in FIFO order.
   * A running DuckDB call holds one of libuv's 4 threads, so this stays below 4 to keep pages and
   * catalog work responsive while long queries run.
   */
  readonly maxConcurrentQueries?: number;
  readonly config: WorkerConfig;
  readonly log: Logger;
}

export interface RunHooks {
  onBegan(): void;
  onProgress(p: RunProgress): void;
  onColumns(columns: readonly Column[]): void;
  onHead(head: ReplyOf['page']): void;
  onRows(rowsAvailable: number): void;
}

type Request = WorkerRequest extends infer R ? (R extends { jobId: number } ? Omit<R, 'jobId'> : never) : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: AppError): void;
  hooks?: RunHooks;
}

/** One worker thread and the replies it owes. Replaced, not repaired, when it dies. */
class WorkerHandle {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  /** Run jobs this worker is executing. */
  readonly runningQueries = new Set<number>();
  /** Set once the worker opened the database; a worker that dies before that failed to start. */
  started = false;
  fatal: AppError | undefined;

  constructor(options: WorkerPoolOptions, onExit: (handle: WorkerHandle, error: AppError) => void) {
    this.worker = new Worker(options.workerPath, { workerData: options.config, execArgv: [...(options.execArgv ?? [])] });
    this.worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    this.worker.on('error', (e) => onExit(this, appError(newErrorId(), 'WORKER_CRASHED', `A query worker crashed: ${e.message}`, { stack: e.stack ?? '' })));
    this.worker.on('exit', (code) => onExit(this, appError(newErrorId(), 'WORKER_CRASHED', `A query worker exited (code ${code}).`)));
  }

  private onReply(reply: WorkerReply): void {
    if (reply.type === 'ready') {
      this.started = true;
      return;
    }
    if (reply.type === 'fatal') {
      // Dying: it exits once its DuckDB calls return; no new work goes to it meanwhile.
      this.fatal = reply.error;
      return;
    }
    const p = this.pending.get(reply.jobId);
    if (!p) return;
    switch (reply.type) {
      case 'began':
        return p.hooks?.onBegan();
      case 'progress': {
        const { elapsedMs, rowsProcessed, percent } = reply;
        return p.hooks?.onProgress({ elapsedMs, ...(rowsProcessed !== undefined ? { rowsProcessed } : {}), ...(percent !== undefined ? { percent } : {}) });
      }
      case 'columns':
        return p.hooks?.onColumns(reply.columns);
      case 'head':
        return p.hooks?.onHead(reply.head);
      case 'rows':
        return p.hooks?.onRows(reply.rowsAvailable);
      case 'done':
        this.pending.delete(reply.jobId);
        return p.resolve(reply.value);
      case 'failed':
        this.pending.delete(reply.jobId);
        return p.reject(reply.error);
    }
  }
}

/** How long a worker gets to stop cleanly before it is terminated. */
const SHUTDOWN_LIMIT_MS = 15_000;

/** Consecutive workers dying before they open the database, after which the pool gives up. */
const MAX_STARTUP_FAILURES = 3;

interface QueuedRun {
  readonly jobId: number;
  readonly request: Extract<Request, { type: 'run' }>;
  readonly pending: Pending;
}

/**
 * How many DuckDB worker threads open the database file: one. With @duckdb/node-api 1.5,
 * `DuckDBInstance.fromCache` caches per thread (each worker loads its own copy of the addon), so
 * two worker threads would open two independent instances of the same file — each blind to the
 * other's tables, and both writing it. `duckdbInstanceSharing.int.spec.ts` pins that behaviour.
 * Parallelism does not suffer: DuckDB runs each query on all cores itself, and the worker keeps a
 * connection per running query, so several queries (and page reads) proceed at once.
 */
export const DUCKDB_WORKER_THREADS = 1;

/**
 * A supervised pool of DuckDB worker threads (DUCKDB_WORKER_THREADS of them) sharing one database. Queries queue FIFO and start on the
 * least busy worker while fewer than `maxConcurrentQueries` run; pages and catalog work go
 * round-robin, on each worker's own connections, so they never wait behind a query.
 */
export class WorkerPool {
  private readonly workers: WorkerHandle[] = [];
  private readonly queue: QueuedRun[] = [];
  private nextJob = 1;
  private roundRobin = 0;
  private closed = false;
  private startupFailures = 0;
  /** Set when workers keep dying before they open the database: every request fails with it. */
  private broken: AppError | undefined;

  constructor(private readonly options: WorkerPoolOptions) {
    for (let i = 0; i < Math.max(1, options.size); i++) this.workers.push(this.spawn());
  }

  /** Runs SQL into a result table. Resolves with its outcome; rejects with an AppError (its id minted where it failed). */
  run(sql: string, resultTable: string, hooks: RunHooks): { jobId: number; done: Promise<ReplyOf['run']> } {
    const jobId = this.nextJob++;
    const done = new Promise<ReplyOf['run']>((resolve, reject) => {
      if (this.broken) return reject(this.broken);
      this.queue.push({ jobId, request: { type: 'run', sql, resultTable }, pending: { resolve: resolve as (v: unknown) => void, reject, hooks } });
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
      return;
    }
    const handle = this.workers.find((w) => w.runningQueries.has(jobId));
    handle?.worker.postMessage({ type: 'cancel', jobId } satisfies WorkerRequest);
  }

  /**
   * Fault injection: makes the worker running `jobId` throw an uncaught exception, as a bug would.
   * Its crash handler runs for real; everything it owed fails with WORKER_CRASHED and a fresh
   * worker takes its place. Tests use it to prove a dying worker is survived.
   */
  crashWorkerOf(jobId: number): boolean {
    const handle = this.workers.find((w) => w.runningQueries.has(jobId));
    handle?.worker.postMessage({ type: 'crash' } satisfies WorkerRequest);
    return handle !== undefined;
  }

  private get runningCount(): number {
    return this.workers.reduce((n, w) => n + w.runningQueries.size, 0);
  }

  request<T extends Exclude<Request['type'], 'run'>>(request: Extract<Request, { type: T }>): Promise<ReplyOf[T]> {
    const alive = this.workers.filter((w) => !w.fatal);
    const handle = alive[this.roundRobin++ % Math.max(1, alive.length)];
    const jobId = this.nextJob++;
    return new Promise((resolve, reject) => {
      if (this.broken || !handle) return reject(this.broken ?? appError(newErrorId(), 'WORKER_CRASHED', 'No query worker is running.'));
      handle.pending.set(jobId, { resolve: resolve as (v: unknown) => void, reject });
      handle.worker.postMessage({ ...request, jobId });
    });
  }

  /**
   * Asks every worker to stop cleanly (a thread terminated mid-call would abort the process) and
   * waits for them; one that does not stop in time is terminated.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.pending.reject(appError(newErrorId(), 'INTERRUPTED', 'Sextant is shutting down.'));
    await Promise.all(
      this.workers.map(async (w) => {
        const exited = new Promise<void>((resolve) => w.worker.once('exit', () => resolve()));
        w.worker.postMessage({ type: 'shutdown' } satisfies WorkerRequest);
        const timer = setTimeout(() => void w.worker.terminate(), SHUTDOWN_LIMIT_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private dispatch(): void {
    const max = Math.max(1, this.options.maxConcurrentQueries ?? 2);
    while (this.queue.length > 0 && this.runningCount < max) {
      const handle = this.workers
        .filter((w) => !w.fatal)
        .reduce<WorkerHandle | undefined>((best, w) => (!best || w.runningQueries.size < best.runningQueries.size ? w : best), undefined);
      if (!handle) return;
      const job = this.queue.shift()!;
      handle.runningQueries.add(job.jobId);
      const settle = (): void => {
        handle.runningQueries.delete(job.jobId);
        this.dispatch();
      };
      handle.pending.set(job.jobId, {
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
      handle.worker.postMessage({ ...job.request, jobId: job.jobId } satisfies WorkerRequest);
    }
  }

  private spawn(): WorkerHandle {
    return new WorkerHandle(this.options, (dead, error) => this.replace(dead, error));
  }

  /**
   * A dead worker fails everything it owed, with an error id, and is replaced. Workers that keep
   * dying before they open the database are not respawned forever: the pool reports why and stops.
   */
  private replace(dead: WorkerHandle, crash: AppError): void {
    const i = this.workers.indexOf(dead);
    if (i === -1) return;
    this.workers.splice(i, 1);
    // The worker's own report carries the id minted where the failure was first seen.
    const error: AppError = !dead.fatal
      ? crash
      : dead.started
        ? { ...dead.fatal, code: 'WORKER_CRASHED', message: `A query worker crashed: ${dead.fatal.message}` }
        : { ...crash, message: `DuckDB could not start: ${dead.fatal.message}` };
    const owed = [...dead.pending.values()];
    dead.pending.clear();
    for (const p of owed) p.reject(error);
    if (this.closed) return;
    this.options.log.error({ errorId: error.id, code: error.code, stack: dead.fatal?.stack }, error.message);
    this.startupFailures = dead.started ? 0 : this.startupFailures + 1;
    if (this.startupFailures >= MAX_STARTUP_FAILURES) {
      this.broken = error;
      for (const job of this.queue.splice(0)) job.pending.reject(error);
      return;
    }
    this.workers.push(this.spawn());
    this.dispatch();
  }
}
