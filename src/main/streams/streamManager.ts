import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { appError } from '../../shared/contracts/errors';
import type { Frame } from '../../shared/contracts/frames';
import { matchTopic } from '../../shared/contracts/topics';
import { newErrorId } from '../platform/ids';
import type { EventStore } from '../store/eventStore';
import type { Bus, BusMessage } from './bus';
import type { Projections } from './projections';

/** Where a subscription's frames go: one per transport connection. */
export interface FrameSink {
  send(frames: readonly Frame[]): void;
  /** How much this sink has accepted but not yet delivered (bytes for a socket); bounds memory. */
  backlog(): number;
}

export interface StreamLimits {
  /** Events per replay batch; the loop yields to the event loop between batches. */
  readonly replayBatch: number;
  /** Live messages buffered while a subscription catches up, before it is declared stale. */
  readonly maxBuffered: number;
  /** Sink backlog above which a live subscriber is declared stale and dropped. */
  readonly maxBacklog: number;
}

export const defaultStreamLimits: StreamLimits = { replayBatch: 500, maxBuffered: 10_000, maxBacklog: 32 * 1024 * 1024 };

export interface Subscription {
  readonly id: string;
  close(): void;
}

/**
 * subscribe-before-replay: register on the bus first (buffering), then send a snapshot (no cursor)
 * or replay the store after the cursor in batches, then drain the buffer dropping everything at or
 * below the last seq sent, then go live. No event is missed, doubled or reordered.
 */
export class StreamManager {
  constructor(
    private readonly store: EventStore,
    private readonly bus: Bus,
    private readonly projections: Projections,
    private readonly limits: StreamLimits = defaultStreamLimits,
  ) {}

  subscribe(id: string, pattern: string, afterSeq: number | undefined, sink: FrameSink): Subscription {
    let phase: 'catching-up' | 'live' | 'closed' = 'catching-up';
    let lastSent = 0;
    const buffer: BusMessage[] = [];

    const close = (): void => {
      phase = 'closed';
      unsubscribe();
    };
    const stale = (): void => {
      if (phase === 'closed') return;
      close();
      const error = appError(newErrorId(), 'DISCONNECTED', 'The subscriber fell too far behind; resubscribe from the last seq.');
      sink.send([{ kind: 'stale', subscriptionId: id, lastSeq: lastSent, error }]);
    };
    const forward = (m: BusMessage): void => {
      if (m.kind === 'event') {
        if (m.event.globalSeq <= lastSent) return;
        lastSent = m.event.globalSeq;
        sink.send([{ kind: 'event', subscriptionId: id, event: m.event }]);
      } else {
        sink.send([{ kind: 'progress', subscriptionId: id, progress: m.progress }]);
      }
      if (sink.backlog() > this.limits.maxBacklog) stale();
    };

    const unsubscribe = this.bus.subscribe((m) => {
      const topic = m.kind === 'event' ? m.event.topic : m.progress.topic;
      if (phase === 'closed' || !matchTopic(pattern, topic)) return;
      if (phase === 'live') return forward(m);
      // Progress is transient: a subscriber still catching up has no use for it.
      if (m.kind === 'event') buffer.push(m);
      if (buffer.length > this.limits.maxBuffered) stale();
    });

    const catchUp = async (): Promise<void> => {
      if (afterSeq === undefined) {
        const { seq, state } = this.projections.snapshot(pattern);
        lastSent = seq;
        sink.send([{ kind: 'snapshot', subscriptionId: id, seq, state }]);
      } else {
        lastSent = afterSeq;
        for (;;) {
          const batch = this.store.readAfter(lastSent, this.limits.replayBatch, pattern);
          if (phase === 'closed') return;
          if (batch.length > 0) {
            lastSent = batch[batch.length - 1]!.globalSeq;
            sink.send(batch.map((event) => ({ kind: 'event', subscriptionId: id, event })));
          }
          if (batch.length < this.limits.replayBatch) break;
          if (sink.backlog() > this.limits.maxBacklog) return stale();
          await yieldToEventLoop();
        }
      }
      // Synchronous from here to `live`: nothing can be published in between.
      for (const m of buffer.splice(0)) forward(m);
      if (phase === 'closed') return;
      phase = 'live';
      sink.send([{ kind: 'live', subscriptionId: id, seq: lastSent }]);
    };

    void catchUp();
    return { id, close };
  }
}
