import type { EventEnvelope } from '../../shared/contracts/events';
import { emptyView, evolveAppView, viewForPattern, type AppView } from '../../shared/views/appView';
import type { EventStore } from '../store/eventStore';

const REBUILD_BATCH = 5000;

/** Main's copy of the app view, folded with the same pure functions as the renderer's. */
export class Projections {
  private view: AppView = emptyView();
  private seq = 0;

  get current(): { readonly seq: number; readonly view: AppView } {
    return { seq: this.seq, view: this.view };
  }

  apply(event: EventEnvelope): void {
    if (event.globalSeq <= this.seq) return; // already folded (e.g. during rebuild)
    this.view = evolveAppView(this.view, event);
    this.seq = event.globalSeq;
  }

  /** Folds every stored event, in batches so memory stays flat however long the log is. */
  rebuild(store: EventStore): void {
    this.view = emptyView();
    this.seq = 0;
    for (;;) {
      const batch = store.readAfter(this.seq, REBUILD_BATCH);
      for (const e of batch) this.apply(e);
      if (batch.length < REBUILD_BATCH) return;
    }
  }

  snapshot(pattern: string): { seq: number; state: AppView } {
    return { seq: this.seq, state: viewForPattern(this.view, pattern) };
  }
}
