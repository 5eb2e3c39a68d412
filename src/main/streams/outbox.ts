import type { Frame } from '../../shared/contracts/frames';

/** Where a connection's frames go: the transport, as JSON text. */
export interface FrameTransport {
  /** `json` is `count` serialized frames joined by commas (the inside of a JSON array). */
  sendFrames(json: string, count: number): void;
  /** Bytes handed to the transport but not yet on the wire (a socket's bufferedAmount); 0 if unknown. */
  backlogBytes(): number;
}

export interface FlowLimits {
  /** Frames a connection may have in flight: sent, not yet acknowledged by the client as processed. */
  readonly window: number;
  /** Transport backlog above which nothing more is sent, however few frames are in flight. */
  readonly maxBacklogBytes: number;
  /** How often a sender blocked only by the byte backlog looks again (no event says it drained). */
  readonly backlogRecheckMs: number;
}

export const defaultFlowLimits: FlowLimits = { window: 4096, maxBacklogBytes: 16 * 1024 * 1024, backlogRecheckMs: 50 };

/**
 * Flow control for one connection. The client acknowledges the running total of frames it has
 * processed; at most `window` frames are ever unacknowledged, so a stalled client costs main a
 * bounded amount of memory whichever transport carries it (IPC has no backpressure of its own).
 * Subscriptions wait here for credit: a replay simply pauses (the store is the buffer), a live
 * subscriber queues a bounded number of frames and is declared stale beyond that.
 */
export class Outbox {
  private sent = 0;
  private acked = 0;
  private closed = false;
  /** Woken in arrival order when credit returns. */
  private readonly waiters = new Set<() => void>();
  private recheck: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly transport: FrameTransport,
    private readonly limits: FlowLimits = defaultFlowLimits,
  ) {}

  /** How many more frames may be sent now. */
  get credit(): number {
    if (this.closed || this.transport.backlogBytes() > this.limits.maxBacklogBytes) return 0;
    return Math.max(0, this.limits.window - (this.sent - this.acked));
  }

  get inFlight(): number {
    return this.sent - this.acked;
  }

  /** Senders waiting for credit: lets tests prove a closed subscription left nothing behind. */
  get waiting(): number {
    return this.waiters.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends serialized frames. Callers take credit first; only `stale` (one per subscription) may overdraw. */
  sendSerialized(json: string, count: number): void {
    if (this.closed || count === 0) return;
    this.sent += count;
    this.transport.sendFrames(json, count);
  }

  send(frames: readonly Frame[]): void {
    this.sendSerialized(frames.map((f) => JSON.stringify(f)).join(','), frames.length);
  }

  /**
   * The client has processed `received` frames in all. A total that goes backwards or beyond what
   * was sent is a broken client: refused (false), nothing changes.
   */
  ack(received: number): boolean {
    if (!Number.isSafeInteger(received) || received < this.acked || received > this.sent) return false;
    this.acked = received;
    this.wake();
    return true;
  }

  /** Calls `waiter` once, as soon as there is credit (or the outbox closes). Returns a cancel. */
  onCredit(waiter: () => void): () => void {
    this.waiters.add(waiter);
    this.scheduleRecheck();
    return () => this.waiters.delete(waiter);
  }

  /** Resolves true once there is credit, false if the outbox closed first. */
  whenCredit(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.credit > 0) return Promise.resolve(true);
    return new Promise((resolve) => this.onCredit(() => resolve(!this.closed)));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.recheck !== undefined) clearTimeout(this.recheck);
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w();
  }

  private wake(): void {
    for (const w of [...this.waiters]) {
      if (this.credit <= 0) break;
      this.waiters.delete(w);
      w();
    }
    this.scheduleRecheck();
  }

  /** Credit can return without an ack when only the byte backlog blocked it: look again shortly. */
  private scheduleRecheck(): void {
    if (this.recheck !== undefined || this.closed || this.waiters.size === 0) return;
    if (this.inFlight >= this.limits.window) return; // an ack will come (or the client is stalled)
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      this.wake();
    }, this.limits.backlogRecheckMs);
    this.recheck.unref?.();
  }
}
