import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { appError, toAppError, type AppError } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import type { Frame, Progress } from '../../shared/contracts/frames';
import type { ResumePoint } from '../../shared/contracts/protocol';
import { matchTopic } from '../../shared/contracts/topics';
import { newErrorId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { EventStore } from '../store/eventStore';
import type { Bus, BusMessage } from './bus';
import type { Outbox } from './outbox';
import type { Projections } from './projections';

export interface StreamLimits {
  /** Events per replay batch; the replay yields to the event loop between batches. */
  readonly replayBatch: number;
  /** Live events buffered while a subscription catches up. Beyond it the buffer is discarded: see below. */
  readonly maxBuffered: number;
  /** Frames a live subscriber may queue while its connection has no credit, before it is declared stale. */
  readonly maxQueued: number;
}

export const defaultStreamLimits: StreamLimits = { replayBatch: 500, maxBuffered: 10_000, maxQueued: 10_000 };

export type { ResumePoint };

/**
 * Points in a subscription's life where a test may act. In the app nothing else can run at these
 * points (they sit inside one synchronous step), which is exactly what hides a wrong order from an
 * ordinary test; see the subscribe-before-replay test in streamManager.int.spec.ts.
 */
export interface StreamSeams {
  /** Called after catch-up's last read of the store (snapshot or final replay batch), just before going live. */
  readonly beforeLive?: (subscriptionId: string) => void;
}

export interface Subscription {
  readonly id: string;
  readonly closed: boolean;
  close(): void;
}

export interface StreamStats {
  readonly subscribers: number;
  /** Live frames waiting for credit, over every subscriber. */
  readonly queuedFrames: number;
  /** Live events buffered by subscribers still catching up. */
  readonly bufferedEvents: number;
}

/**
 * The progress that still holds when a subscription goes live (a running query's latest, or why its
 * end waits for the store), each as it was published: progress is never replayed, and without this
 * a window that subscribes mid-run learns nothing until the next frame, which may be 30 s away.
 */
export type CurrentProgress = () => readonly Progress[];

/**
 * subscribe-before-replay: register on the bus first (buffering), then send a snapshot (no cursor)
 * or replay the store after the cursor in batches, then drain the buffer dropping everything at or
 * below the last seq sent, then go live, followed by the current progress of the pattern's topics.
 * No event is missed, doubled or reordered.
 */
export class StreamManager {
  private readonly subscribers = new Set<Subscriber>();
  private knownStoreId = '';

  constructor(
    private readonly store: EventStore,
    private readonly bus: Bus,
    private readonly projections: Projections,
    private readonly log: Logger,
    private readonly limits: StreamLimits = defaultStreamLimits,
    private readonly seams: StreamSeams = {},
    private readonly currentProgress: CurrentProgress = () => [],
  ) {}

  subscribe(id: string, pattern: string, from: ResumePoint | undefined, outbox: Outbox, onClosed: () => void = () => {}): Subscription {
    const subscriber = new Subscriber(id, pattern, outbox, this.limits, () => {
      this.subscribers.delete(subscriber);
      onClosed();
    });
    this.subscribers.add(subscriber);
    subscriber.start(this.bus);
    void this.catchUp(subscriber, this.usableResumePoint(pattern, from)).catch((e: unknown) => {
      // said to the client as what it is (a damaged store is STORE_CORRUPT, with the id logged here),
      // not as falling behind: told to resubscribe at once, a client looped on the same failure
      const error = toAppError(e, newErrorId());
      this.log.error({ errorId: error.id, code: error.code, stack: error.stack, subscriptionId: id, pattern }, `catch-up failed: ${error.message}`);
      subscriber.stale({ id: error.id, code: error.code, message: error.message });
    });
    return subscriber;
  }

  /** The log's id: its first event's id. Cached once there is one (it can never change). */
  storeId(): string {
    if (this.knownStoreId === '') this.knownStoreId = this.store.firstEventId();
    return this.knownStoreId;
  }

  stats(): StreamStats {
    let queuedFrames = 0;
    let bufferedEvents = 0;
    for (const s of this.subscribers) {
      queuedFrames += s.queued;
      bufferedEvents += s.buffered;
    }
    return { subscribers: this.subscribers.size, queuedFrames, bufferedEvents };
  }

  close(): void {
    for (const s of [...this.subscribers]) s.close();
  }

  /**
   * A resume point is only worth replaying from if it was taken in this log: same store id, not
   * beyond its end, and the event at its seq is the one the client folded there. A log restored
   * from a backup keeps its store id but reuses the seqs past the backup for other events, so a
   * page that saw the lost ones would otherwise keep them and replay the rest on top. Otherwise the
   * client gets a snapshot. An empty store id means the client first heard of this log while it
   * was still empty; an absent event id (an older client) skips that check.
   */
  private usableResumePoint(pattern: string, from: ResumePoint | undefined): ResumePoint | undefined {
    if (from === undefined) return undefined;
    const why = this.notThisLog(from);
    if (why === undefined) return from;
    this.log.info({ pattern, from, lastSeq: this.store.lastSeq(), storeId: this.storeId() }, `resume point ${why}: sending a snapshot`);
    return undefined;
  }

  /** Why `from` was not taken in this log, or undefined if it was. At most one lookup by seq. */
  private notThisLog({ afterSeq, storeId, afterEventId }: ResumePoint): string | undefined {
    if (afterSeq === 0) return undefined;
    if (afterSeq > this.store.lastSeq()) return 'beyond the end of this event log';
    if (storeId !== undefined && storeId !== '' && storeId !== this.storeId()) return 'from another event log';
    if (afterEventId !== undefined && afterEventId !== this.store.eventIdAt(afterSeq)) return 'names another event at its seq (the log was restored from an earlier copy)';
    return undefined;
  }

  private async catchUp(sub: Subscriber, from: ResumePoint | undefined): Promise<void> {
    if (from === undefined) {
      if (!(await sub.whenCredit()) || sub.closed) return;
      // Synchronous from the snapshot to `live`: nothing can be published in between.
      const { seq, state } = this.projections.snapshot(sub.pattern);
      const lastEventId = seq === 0 ? '' : this.store.eventIdAt(seq);
      sub.sendNow([{ kind: 'snapshot', subscriptionId: sub.id, seq, storeId: this.storeId(), lastEventId, state }], seq);
      this.seams.beforeLive?.(sub.id);
      return sub.goLive(this.storeId(), this.currentProgress());
    }
    let after = from.afterSeq;
    sub.resumeFrom(after);
    for (;;) {
      if (!(await sub.whenCredit()) || sub.closed) return;
      const limit = Math.min(this.limits.replayBatch, sub.outbox.credit);
      const batch = this.store.replayFrames(sub.id, sub.pattern, after, limit);
      if (batch.count > 0) {
        after = batch.lastSeq;
        sub.sendReplay(batch.json, batch.count, batch.lastSeq);
      }
      // A short batch means the store had nothing more: go live now, before anything else runs.
      if (batch.count < limit) {
        this.seams.beforeLive?.(sub.id);
        return sub.goLive(this.storeId(), this.currentProgress());
      }
      await yieldToEventLoop();
    }
  }
}

/**
 * One subscription: its bus listener, the buffer it fills while catching up, and the bounded queue
 * of live frames waiting for credit.
 */
class Subscriber implements Subscription {
  private phase: 'catching-up' | 'live' | 'closed' = 'catching-up';
  /** Last seq handed to the outbox (sent); what the stale frame reports. */
  private lastSent = 0;
  /** Last seq accepted for delivery (sent or queued): the dedupe line. */
  private lastAccepted = 0;
  private buffer: EventEnvelope[] = [];
  private queue: Frame[] = [];
  private unsubscribe: () => void = () => {};
  private cancelWait: (() => void) | undefined;

  constructor(
    readonly id: string,
    readonly pattern: string,
    readonly outbox: Outbox,
    private readonly limits: StreamLimits,
    private readonly onClosed: () => void,
  ) {}

  get closed(): boolean {
    return this.phase === 'closed';
  }

  get queued(): number {
    return this.queue.length;
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** Registers on the bus first: everything published from now on is seen. */
  start(bus: Bus): void {
    this.unsubscribe = bus.subscribe((m) => this.onMessage(m), { forWindow: true });
  }

  resumeFrom(seq: number): void {
    this.lastSent = seq;
    this.lastAccepted = seq;
  }

  sendNow(frames: readonly Frame[], seq: number): void {
    this.outbox.send(frames);
    this.lastSent = Math.max(this.lastSent, seq);
    this.lastAccepted = Math.max(this.lastAccepted, seq);
  }

  sendReplay(json: string, count: number, lastSeq: number): void {
    this.outbox.sendSerialized(json, count);
    this.lastSent = lastSeq;
    this.lastAccepted = lastSeq;
  }

  /**
   * Resolves true once the connection has credit, false once this subscription or the connection
   * is closed. A close ends the wait: otherwise a stalled client that resubscribes would leave one
   * closed subscriber per subscribe among the outbox's waiters until it acknowledged again.
   */
  whenCredit(): Promise<boolean> {
    if (this.closed || this.outbox.isClosed) return Promise.resolve(false);
    if (this.outbox.credit > 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const cancel = this.outbox.onCredit(() => {
        this.cancelWait = undefined;
        resolve(!this.closed && !this.outbox.isClosed);
      });
      this.cancelWait = () => {
        cancel();
        resolve(false);
      };
    });
  }

  /**
   * Ends catch-up: buffered events at or below the last seq sent are already delivered. `progress`
   * is read in the same step as the store's last read, so it is about what this subscriber now
   * holds; it goes behind `live`, queued if need be: unlike a tick, nothing supersedes it soon.
   */
  goLive(storeId: string, progress: readonly Progress[]): void {
    if (this.phase !== 'catching-up') return;
    const pending = this.buffer;
    this.buffer = [];
    this.phase = 'live';
    for (const event of pending) this.acceptEvent(event);
    this.deliver({ kind: 'live', subscriptionId: this.id, seq: this.lastAccepted, storeId }, this.lastAccepted);
    for (const p of progress) if (matchTopic(this.pattern, p.topic)) this.deliver({ kind: 'progress', subscriptionId: this.id, progress: p }, 0);
  }

  /** Drops the subscription and tells the client to resubscribe from its last seq: it fell behind (DISCONNECTED), or its catch-up failed (`failure`). */
  stale(failure?: AppError): void {
    if (this.closed) return;
    const lastSeq = this.lastSent;
    this.close();
    const error = failure ?? appError(newErrorId(), 'DISCONNECTED', 'The subscriber fell too far behind; resubscribe from the last seq.');
    // The one frame allowed past the window: without it the client would wait forever.
    this.outbox.send([{ kind: 'stale', subscriptionId: this.id, lastSeq, error }]);
  }

  close(): void {
    if (this.closed) return;
    this.phase = 'closed';
    this.unsubscribe();
    this.cancelWait?.();
    this.buffer = [];
    this.queue = [];
    this.onClosed();
  }

  private onMessage(m: BusMessage): void {
    if (this.phase === 'closed') return;
    const topic = m.kind === 'event' ? m.event.topic : m.progress.topic;
    if (!matchTopic(this.pattern, topic)) return;
    if (this.phase === 'catching-up') {
      // Progress is transient: a subscriber still catching up has no use for it.
      if (m.kind !== 'event') return;
      this.buffer.push(m.event);
      // Whatever the buffer holds is also in the store, and catch-up reads the store once more
      // before it goes live: an overflowing buffer can be let go without losing anything.
      if (this.buffer.length > this.limits.maxBuffered) this.buffer = [];
      return;
    }
    if (m.kind === 'event') return this.acceptEvent(m.event);
    const frame: Frame = { kind: 'progress', subscriptionId: this.id, progress: m.progress };
    // Which datasets are not here, or that DuckDB is down, changes rarely and no later tick repeats it: it waits its turn.
    if (m.progress.kind === 'availability' || m.progress.kind === 'duckdbDown') return this.deliver(frame, 0);
    // Other progress is worth sending only when it can go now; the next one supersedes it anyway.
    if (this.queue.length === 0 && this.outbox.credit > 0) this.outbox.send([frame]);
  }

  private acceptEvent(event: EventEnvelope): void {
    if (event.globalSeq <= this.lastAccepted) return;
    this.lastAccepted = event.globalSeq;
    this.deliver({ kind: 'event', subscriptionId: this.id, event }, event.globalSeq);
  }

  private deliver(frame: Frame, seq: number): void {
    if (this.queue.length === 0 && this.outbox.credit > 0) {
      this.outbox.send([frame]);
      this.lastSent = Math.max(this.lastSent, seq);
      return;
    }
    this.queue.push(frame);
    if (this.queue.length > this.limits.maxQueued) return this.stale();
    this.waitForCredit();
  }

  private waitForCredit(): void {
    this.cancelWait ??= this.outbox.onCredit(() => {
      this.cancelWait = undefined;
      this.flush();
    });
  }

  private flush(): void {
    if (this.closed) return;
    const frames = this.queue.splice(0, Math.min(this.queue.length, this.outbox.credit));
    if (frames.length > 0) {
      this.outbox.send(frames);
      for (const f of frames) this.lastSent = Math.max(this.lastSent, seqOf(f));
    }
    if (this.queue.length > 0) this.waitForCredit();
  }
}

const seqOf = (f: Frame): number => (f.kind === 'event' ? f.event.globalSeq : f.kind === 'live' || f.kind === 'snapshot' ? f.seq : 0);
