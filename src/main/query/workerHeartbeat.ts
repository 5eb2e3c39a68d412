import type { Worker } from 'node:worker_threads';
import { appError, type AppError } from '../../shared/contracts/errors';
import { newErrorId } from '../platform/ids';
import type { WorkerRequest } from './workerProtocol';

/** The default limit: some DuckDB calls the thread makes are synchronous (an appender's flush). */
export const HEARTBEAT_LIMIT_MS = 30_000;

/** Ticks per limit: a beat is lost a full limit after it was sent, so a hang shows within 4/3 of it. */
const TICKS = 3;

/**
 * Main's watchdog over the DuckDB worker thread's event loop (docs/query-engine.md, "A hung
 * worker"). While the thread owes replies, a small `heartbeat` goes to it every third of the limit
 * and its message handler answers at once: from the event loop, never behind DuckDB, so a thread
 * busy with long queries is never taken for hung. A beat unanswered for the limit means the loop is
 * stuck (an endless loop, a synchronous call that does not return): `hung` hears it once. The beat
 * stays in flight, and its answer, if the loop ever runs again, is `recovered`. With nothing owed
 * and no hang there is no timer at all: an idle app does no work, and tests' fake timers see none.
 */
export class WorkerHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private beat = 0;
  /** Ticks since the beat in flight was sent; undefined when none is in flight. */
  private missed: number | undefined;
  /** Set from the moment a beat went unanswered for the limit until the loop answers it. */
  private hang: AppError | undefined;
  private stopped = false;

  constructor(
    private readonly worker: Pick<Worker, 'postMessage'>,
    private readonly limitMs: number,
    private readonly hung: (error: AppError) => void,
    private readonly recovered: () => void,
  ) {}

  /** The thread owes replies: keep a beat going (a no-op while one goes). */
  busy(): void {
    if (this.timer || this.stopped) return;
    // Ticks, not clock readings: a main thread that stalled itself counts one tick, not the stall.
    this.timer = setInterval(() => this.tick(), Math.max(1, Math.round(this.limitMs / TICKS)));
    this.timer.unref(); // never what keeps the process alive
  }

  /** The thread owes nothing any more: no timer while idle, unless it is hung (only its answer says it is back). */
  idle(): void {
    if (this.hang) return;
    this.clear();
  }

  /** For good: the thread is dead, or shutting down under its own limit. */
  stop(): void {
    this.stopped = true;
    this.clear();
  }

  answered(beat: number): void {
    if (beat !== this.beat) return;
    this.missed = undefined;
    if (!this.hang) return;
    this.hang = undefined;
    this.recovered();
  }

  private clear(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.missed = undefined;
  }

  private tick(): void {
    if (this.missed === undefined) {
      this.missed = 0;
      this.worker.postMessage({ type: 'heartbeat', beat: ++this.beat } satisfies WorkerRequest);
      return;
    }
    // Hung already: the beat in flight is the one whose answer says the loop runs again.
    if (++this.missed < TICKS || this.hang) return;
    this.hang = appError(
      newErrorId(),
      'WORKER_UNRESPONSIVE',
      `The query engine has not responded for ${Math.round(this.limitMs / 1000)} s; what waits for it goes on waiting. If it does not recover, restart Sextant.`,
      { details: { heartbeatLimitMs: this.limitMs } },
    );
    this.hung(this.hang);
  }
}
