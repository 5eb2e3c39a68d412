import { Worker } from 'node:worker_threads';
import { appError, type AppError } from '../../shared/contracts/errors';
import type { Column } from '../../shared/contracts/events';
import type { HashProgress } from '../../shared/contracts/fingerprint';
import type { QueuePlace } from '../../shared/contracts/frames';
import { newErrorId } from '../platform/ids';
import { HEARTBEAT_LIMIT_MS, WorkerHeartbeat } from './workerHeartbeat';
import type { MovedAside, ReplyOf, RunProgress, WorkerConfig, WorkerReply, WorkerRequest } from './workerProtocol';

export interface ThreadOptions {
  /** Built worker entry (out/main/duckdbWorker.js), or a test entry that runs the .ts source under tsx. */
  readonly workerPath: string;
  readonly execArgv?: readonly string[];
  /**
   * How long the thread's event loop may leave a heartbeat unanswered, while it owes replies, before
   * it is taken for hung (default 30 s: some DuckDB calls the thread makes are synchronous, such as
   * an appender's flush). Tests shrink it.
   */
  readonly heartbeatLimitMs?: number;
  readonly config: WorkerConfig;
}

/** A query's hooks: what the thread reports of its run, and (QueryWorker's queue) where it waits before that. */
export interface RunHooks {
  /**
   * The query waits in the queue: its place (1 next to start), or the restart of a dead thread. Told
   * when it is queued and whenever that changes (a query ahead starts or is cancelled, the restart
   * ends); never for one that starts at once, nor while its prerequisite holds it. `onBegan` follows
   * once it runs.
   */
  onQueued?(place: QueuePlace): void;
  onBegan(): void;
  onProgress(p: RunProgress): void;
  onColumns(columns: readonly Column[]): void;
  onHead(head: ReplyOf['page']): void;
  onRows(rowsAvailable: number): void;
}

export interface Pending {
  resolve(value: unknown): void;
  reject(error: AppError): void;
  hooks?: RunHooks;
  /** A fingerprint's hash progress. */
  onHashed?(p: HashProgress): void;
}

/** One worker thread and the replies it owes. Replaced, not repaired, when it dies. */
export class WorkerThread {
  readonly worker: Worker;
  /** Every job sent to this thread and not yet answered, by jobId. */
  readonly pending = new Map<number, Pending>();
  /** The run jobs among them: what counts against maxConcurrentQueries. */
  readonly runs = new Set<number>();
  /** Other jobs a cancel may interrupt (exports). */
  readonly cancellable = new Set<number>();
  /** Set once the thread opened the database; a thread that dies before that failed to start. */
  started = false;
  /** Set when the thread reported why it is dying: it gets no new work while it winds down. */
  fatal: AppError | undefined;
  readonly heartbeat: WorkerHeartbeat;

  constructor(
    options: ThreadOptions,
    onExit: (thread: WorkerThread, error: AppError) => void,
    onHung: (thread: WorkerThread, error: AppError | undefined) => void,
    private readonly onMovedAside: (moved: MovedAside) => void,
  ) {
    this.worker = new Worker(options.workerPath, { workerData: options.config, execArgv: [...(options.execArgv ?? [])] });
    this.heartbeat = new WorkerHeartbeat(this.worker, options.heartbeatLimitMs ?? HEARTBEAT_LIMIT_MS, (error) => onHung(this, error), () => onHung(this, undefined));
    this.worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    this.worker.on('error', (e) => onExit(this, appError(newErrorId(), 'WORKER_CRASHED', `A query worker crashed: ${e.message}`, { stack: e.stack ?? '' })));
    this.worker.on('exit', (code) => onExit(this, appError(newErrorId(), 'WORKER_CRASHED', `A query worker exited (code ${code}).`)));
  }

  /** Sends a job; its reply is owed from now on, and the heartbeat runs while any is. */
  owe(request: WorkerRequest & { jobId: number }, pending: Pending): void {
    this.pending.set(request.jobId, pending);
    this.heartbeat.busy();
    this.worker.postMessage(request);
  }

  private onReply(reply: WorkerReply): void {
    if (reply.type === 'ready') return void (this.started = true);
    if (reply.type === 'movedAside') return this.onMovedAside(reply.moved);
    if (reply.type === 'fatal') return void (this.fatal = reply.error);
    if (reply.type === 'heartbeat') return this.heartbeat.answered(reply.beat);
    const p = this.pending.get(reply.jobId);
    if (!p) return;
    switch (reply.type) {
      case 'began':
        return p.hooks?.onBegan();
      case 'progress': {
        const { elapsedMs, rowsProcessed, percent } = reply;
        return p.hooks?.onProgress({ elapsedMs, ...(rowsProcessed !== undefined ? { rowsProcessed } : {}), ...(percent !== undefined ? { percent } : {}) });
      }
      case 'hashProgress':
        return p.onHashed?.({ hashedBytes: reply.hashedBytes, totalBytes: reply.totalBytes });
      case 'columns':
        return p.hooks?.onColumns(reply.columns);
      case 'head':
        return p.hooks?.onHead(reply.head);
      case 'rows':
        return p.hooks?.onRows(reply.rowsAvailable);
      case 'done':
        this.settled(reply.jobId);
        return p.resolve(reply.value);
      case 'failed':
        this.settled(reply.jobId);
        return p.reject(reply.error);
    }
  }

  private settled(jobId: number): void {
    this.pending.delete(jobId);
    if (this.pending.size === 0) this.heartbeat.idle();
  }
}
