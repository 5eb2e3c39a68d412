import { emptyView, foldAppView, foldAppViewBatches, viewForPattern, type AppView, type ViewEvent } from '../../shared/views/appView';
import type { EventStore } from '../store/eventStore';

/**
 * Events per read of a rebuild. Small enough that the batch being folded is a small share of V8's
 * young generation when a scavenge copies what is alive in it (5,000 cost about 1.8× the GC time on
 * the 1M-event log); the read per batch is one short indexed range scan either way.
 */
export const REBUILD_BATCH = 1000;

/**
 * Main's copy of the app view, folded with the renderer's fold (`foldAppView`), so a renderer's
 * state at seq N is main's at seq N by construction. The command handler applies what it appends
 * before anyone hears of it (see CommandHandler), so whoever reads the view on a bus message sees
 * that message folded in.
 */
export class Projections {
  private view: AppView = emptyView();
  private seq = 0;

  get current(): { readonly seq: number; readonly view: AppView } {
    return { seq: this.seq, view: this.view };
  }

  /** Folds stored events in seq order; any already folded (e.g. during rebuild) are skipped. */
  apply(events: readonly ViewEvent[]): void {
    const fresh = events[0] !== undefined && events[0].globalSeq <= this.seq ? events.filter((e) => e.globalSeq > this.seq) : events;
    const last = fresh.at(-1);
    if (last === undefined) return;
    this.view = foldAppView(this.view, fresh);
    this.seq = last.globalSeq;
  }

  /**
   * Folds every stored event as one fold (each session and history copied once, not once per batch),
   * read in batches so memory stays flat however long the log is. Given `from` (a snapshot's view
   * and seq), folds only the events after it onto that view.
   */
  rebuild(store: EventStore, from: { readonly view: AppView; readonly seq: number } = { view: emptyView(), seq: 0 }): void {
    let seq = from.seq;
    const batches = function* (): Generator<ViewEvent[]> {
      for (const batch of store.viewEventBatches(from.seq, REBUILD_BATCH)) {
        yield batch;
        seq = batch[batch.length - 1]!.globalSeq;
      }
    };
    this.view = foldAppViewBatches(from.view, batches());
    this.seq = seq;
  }

  snapshot(pattern: string): { seq: number; state: AppView } {
    return { seq: this.seq, state: viewForPattern(this.view, pattern) };
  }
}
