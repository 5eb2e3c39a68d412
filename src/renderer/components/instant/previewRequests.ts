import type { SextantApi } from '../../../shared/contracts/protocol';
import { debounce, type Debounced } from './debounce';
import { needsPreview, type PreviewAction, type PreviewAsk } from './previewState';

/** The pause in typing after which the statement under the cursor is previewed. */
export const PREVIEW_PAUSE_MS = 150;

/**
 * The requests of one session's instant preview, apart from React so their order can be tested:
 * an edit waits for a pause in typing; a keystroke cancels the preview running (at most one is in
 * flight); every request is numbered and its answer sent on with that number, so the reducer shows
 * only the newest (previewState.ts).
 */
/** Request numbers run across sessions: a late answer for the session left behind never matches the new one's. */
let lastSeq = 0;

export class PreviewRequests {
  private seq = 0;
  private inFlight = false;
  private lastAsk: PreviewAsk | undefined;
  private readonly waiting: Debounced<PreviewAsk>;

  constructor(
    private readonly api: Pick<SextantApi, 'previewSql' | 'cancelPreview'>,
    private readonly sessionId: string,
    private readonly send: (action: PreviewAction) => void,
    pauseMs = PREVIEW_PAUSE_MS,
  ) {
    this.waiting = debounce(pauseMs, (a) => this.now(a));
  }

  /** The text or the cursor moved: a preview after the pause, and the one running is of no use any more. */
  edited(ask: PreviewAsk): void {
    if (!needsPreview(this.lastAsk, ask)) return;
    this.cancelRunning();
    this.waiting.call(ask);
  }

  /** Asks at once (the switch turned on, a run ended), unless the same place was asked last. */
  now(ask: PreviewAsk): void {
    this.waiting.cancel();
    if (!needsPreview(this.lastAsk, ask)) return;
    this.cancelRunning();
    this.lastAsk = ask;
    const n = (this.seq = ++lastSeq);
    this.send({ type: 'asked', seq: n, ask });
    this.inFlight = true;
    void this.api.previewSql(this.sessionId, ask.sql, ask.cursor).then((result) => {
      if (n === this.seq) this.inFlight = false;
      this.send({ type: 'answered', seq: n, result });
    });
  }

  /** Drops the waiting and the running request (Run, switch off, another session); the next edit asks afresh. */
  stop(): void {
    this.waiting.cancel();
    this.cancelRunning();
    this.lastAsk = undefined;
    this.send({ type: 'cancelled', seq: (this.seq = ++lastSeq) }); // a late answer is never shown
  }

  private cancelRunning(): void {
    if (!this.inFlight) return;
    this.inFlight = false;
    void this.api.cancelPreview(this.sessionId);
  }
}
