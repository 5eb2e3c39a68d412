import type { EventEnvelope } from '../../shared/contracts/events';
import type { Progress } from '../../shared/contracts/frames';

export type BusMessage =
  /** `imported`: appended by a session import (share/sessionImport.ts), history to show, not work to do. */
  | { readonly kind: 'event'; readonly event: EventEnvelope; readonly imported?: true }
  | { readonly kind: 'progress'; readonly progress: Progress };

type Listener = (message: BusMessage) => void;

/**
 * In-process pub/sub for stored events (each with its global seq) and transient progress.
 * Delivery is synchronous and in publish order, so a listener registered before a read of the
 * store sees every event appended after that read.
 *
 * A listener may publish while being called (a reaction that appends synchronously): the nested
 * messages are queued and delivered once the current message has reached every listener, so every
 * listener sees the same global order and no listener sees seq N+1 before seq N.
 */
export class Bus {
  /** Listeners that forward to a window: delivered to first, so a person sees a change before the services that react to it run. */
  private readonly windows = new Set<Listener>();
  private readonly listeners = new Set<Listener>();
  private readonly queue: BusMessage[] = [];
  private delivering = false;

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  /**
   * `forWindow`: the listener only sends what it hears on to a window (a stream subscription). Those
   * hear each message before the rest, whenever they subscribed: what the person waits for goes out
   * first, and the reactions (the runner, the catalog, snapshots) run after it.
   */
  subscribe(listener: Listener, options: { forWindow?: boolean } = {}): () => void {
    // A fresh function each time, so one listener subscribed twice is unsubscribed independently.
    const entry: Listener = (m) => listener(m);
    const set = options.forWindow ? this.windows : this.listeners;
    set.add(entry);
    return () => set.delete(entry);
  }

  /** How many listeners are registered: lets tests prove a dropped subscriber left nothing behind. */
  get size(): number {
    return this.windows.size + this.listeners.size;
  }

  publishEvents(events: readonly EventEnvelope[]): void {
    for (const event of events) this.queue.push({ kind: 'event', event });
    this.drain();
  }

  /** Events a session import appended: listeners that act on new events (run a query, register a dataset) skip them. */
  publishImported(events: readonly EventEnvelope[]): void {
    for (const event of events) this.queue.push({ kind: 'event', event, imported: true });
    this.drain();
  }

  publishProgress(progress: Progress): void {
    this.queue.push({ kind: 'progress', progress });
    this.drain();
  }

  private drain(): void {
    if (this.delivering) return; // the outer drain delivers it, in order
    this.delivering = true;
    // Walked by index and cut once: shifting each message off moved the rest of a 30,000-event import's queue every time.
    let next = 0;
    try {
      while (next < this.queue.length) this.deliver(this.queue[next++]!);
    } finally {
      this.queue.splice(0, next);
      this.delivering = false;
    }
  }

  private deliver(message: BusMessage): void {
    this.deliverTo(this.windows, message);
    this.deliverTo(this.listeners, message);
  }

  private deliverTo(listeners: ReadonlySet<Listener>, message: BusMessage): void {
    for (const l of listeners) {
      try {
        l(message);
      } catch (e) {
        // One broken subscriber must not starve the others or fail the command that published.
        this.onListenerError(e);
      }
    }
  }
}
