import type { EventEnvelope } from '../../shared/contracts/events';
import type { Progress } from '../../shared/contracts/frames';

export type BusMessage =
  | { readonly kind: 'event'; readonly event: EventEnvelope }
  | { readonly kind: 'progress'; readonly progress: Progress };

type Listener = (message: BusMessage) => void;

/**
 * In-process pub/sub for stored events (each with its global seq) and transient progress.
 * Delivery is synchronous and in publish order, so a listener registered before a read of the
 * store sees every event appended after that read.
 */
export class Bus {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publishEvents(events: readonly EventEnvelope[]): void {
    for (const event of events) this.deliver({ kind: 'event', event });
  }

  publishProgress(progress: Progress): void {
    this.deliver({ kind: 'progress', progress });
  }

  private deliver(message: BusMessage): void {
    for (const l of this.listeners) {
      try {
        l(message);
      } catch (e) {
        // One broken subscriber must not starve the others or fail the command that published.
        this.onListenerError(e);
      }
    }
  }
}
