import { viewForPattern, type AppView } from '../../shared/views/appView';
import { AppViewBuilder, type ViewEvent } from '../../shared/views/appViewBuilder';
import type { EventStore } from '../store/eventStore';

const REBUILD_BATCH = 5000;

/**
 * Main's copy of the app view, folded with the same pure functions as the renderer's (through
 * AppViewBuilder, which gives the result of `evolveAppView` without its per-event copies).
 */
export class Projections {
  private builder = new AppViewBuilder();
  private seq = 0;

  get current(): { readonly seq: number; readonly view: AppView } {
    return { seq: this.seq, view: this.builder.build() };
  }

  apply(event: ViewEvent): void {
    if (event.globalSeq <= this.seq) return; // already folded (e.g. during rebuild)
    this.builder.apply(event);
    this.seq = event.globalSeq;
  }

  /** Folds every stored event, in batches so memory stays flat however long the log is. */
  rebuild(store: EventStore): void {
    this.builder = new AppViewBuilder();
    this.seq = 0;
    for (const batch of store.viewEventBatches(0, REBUILD_BATCH)) for (const e of batch) this.apply(e);
  }

  snapshot(pattern: string): { seq: number; state: AppView } {
    return { seq: this.seq, state: viewForPattern(this.builder.build(), pattern) };
  }
}
