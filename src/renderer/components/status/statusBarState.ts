import type { AppError } from '../../../shared/contracts/errors';
import type { QueryProgress, WaitingToSave } from '../../../shared/contracts/frames';
import { isInFlight } from '../../../shared/domain/queryLifecycle';
import type { HistoryEntry } from '../../../shared/views/appView';
import { countOf } from '../format';

/**
 * Why the store refuses, and what a person can do, by the refusal's code. The store's own message
 * ends "try again", meant for a write a person issued; a query's end is tried again by Sextant.
 */
const WHY_NOT_SAVED: Readonly<Record<string, string>> = {
  STORE_FULL: 'The disk is full. Free some space',
  STORE_WRITE_FAILED: 'The event store cannot be written (the disk may be full or failing, or the file read-only). Free some space or check the disk',
  VERSION_CONFLICT: 'Other writes keep the event store busy',
};

/**
 * The sentence for a query whose end waits for the store: "Finished (1 row) — waiting to save: The
 * disk is full. Free some space; Sextant saves it as soon as it can." The error id goes beside it.
 */
export function waitingToSaveText(waiting: WaitingToSave): string {
  const lead = waiting.ending === 'completed' ? `Finished (${countOf(waiting.rowCount, 'row')})` : 'Failed';
  const why = WHY_NOT_SAVED[waiting.error.code] ?? waiting.error.message.replace(/\.\s*$/, '');
  return `${lead} — waiting to save: ${why}; Sextant saves it as soon as it can.`;
}

/** What the `status` live region says. */
export type StatusSays =
  | { readonly kind: 'ready' }
  /** A command the person issued was refused. */
  | { readonly kind: 'refused'; readonly error: AppError }
  /** The query ran, and its end waits for the store (transient progress; the query is still Executing). */
  | { readonly kind: 'waiting'; readonly text: string; readonly error: AppError }
  /** `recorded`: the query completed, but its rows cannot be read now (the grid says why): its count is what was recorded then. */
  | { readonly kind: 'query'; readonly query: HistoryEntry; readonly recorded?: boolean };

export interface StatusBarState {
  readonly says: StatusSays;
  readonly className: string;
  /** The ticking clock and the progress bar: only while DuckDB runs the query. */
  readonly meter: boolean;
  readonly cancellable: boolean;
  /** The error whose id "Copy id" copies. */
  readonly copyId: AppError | undefined;
}

/**
 * What the status bar shows. A query's end waiting for the store is said only while the query is
 * in flight: once its end is stored, the outcome replaces it, whatever progress is still at hand.
 * A completed result the grid cannot read (`unreadable`: an imported result whose dataset is
 * missing, one whose re-run differs) is not said as a live success above the grid's error.
 */
export function statusBarState(query: HistoryEntry | undefined, progress: QueryProgress | undefined, commandError: AppError | undefined, unreadable = false): StatusBarState {
  const running = isInFlight(query?.phase);
  const waiting = running && progress?.queryId === query?.queryId ? progress?.waitingToSave : undefined;
  const says: StatusSays = commandError
    ? { kind: 'refused', error: commandError }
    : waiting
      ? { kind: 'waiting', text: waitingToSaveText(waiting), error: waiting.error }
      : query
        ? { kind: 'query', query, ...(unreadable && query.phase === 'Completed' ? { recorded: true } : {}) }
        : { kind: 'ready' };
  const phase = commandError ? 'failed' : says.kind === 'query' && says.recorded ? 'recorded' : (query?.phase.toLowerCase() ?? 'idle');
  return {
    says,
    className: `statusbar ${phase}${says.kind === 'waiting' ? ' waiting' : ''}`,
    meter: running && !waiting,
    cancellable: running,
    copyId: commandError ?? waiting?.error ?? (query?.phase === 'Failed' ? query.error : undefined),
  };
}

/** A refused command, with the latest query as it stood when the refusal came (the fold gives a changed entry a new object). */
export interface Refusal {
  readonly error: AppError;
  readonly against: HistoryEntry | undefined;
}

/**
 * The refusal the bar still says: only while the session's latest query is as it was then. A newer
 * state wins over an older refusal: a query started (in this window or another), its end, a sort, a
 * chart (each a new entry object) replaces "Failed: This session changed in another window" or
 * "That action is no longer the last one to undo…" with what the session is now.
 */
export function standingRefusal(refusal: Refusal | undefined, query: HistoryEntry | undefined): AppError | undefined {
  return refusal && refusal.against === query ? refusal.error : undefined;
}
