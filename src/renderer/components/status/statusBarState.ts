import type { AppError } from '../../../shared/contracts/errors';
import type { QueryProgress, QueuePlace, WaitingToSave } from '../../../shared/contracts/frames';
import { isCompleted, isInFlight, isPending } from '../../../shared/domain/queryLifecycle';
import type { HistoryEntry } from '../../../shared/views/appView';
import { countOf } from '../format';
import { refusalText, type CommandRefusal } from './commandRefusal';
import { DUCKDB_DOWN_LABEL } from './duckdbDown';

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

/** The sentence for a query waiting in the worker's queue: "Waiting for 2 queries to finish…". */
export function queuedText(queued: QueuePlace): string {
  switch (queued.waitsFor) {
    case 'queries':
      return `Waiting for ${countOf(queued.position, 'query', 'queries')} to finish…`;
    case 'restart':
      return 'Waiting for the query engine to restart…';
  }
}

/** What the `status` live region says. */
export type StatusSays =
  | { readonly kind: 'ready' }
  /** A command the person issued was refused: `text` names it ("Rename not saved: …"). */
  | { readonly kind: 'refused'; readonly text: string; readonly error: AppError }
  /** The query ran, and its end waits for the store (transient progress; the query is still Executing). */
  | { readonly kind: 'waiting'; readonly text: string; readonly error: AppError }
  /** The query waits in the worker's queue behind others (transient progress; the query is still Pending). */
  | { readonly kind: 'queued'; readonly text: string }
  /** The page lost its connection to main while the query was in flight: how it stands is unknown until the connection is back. */
  | { readonly kind: 'disconnected' }
  /** A Run pressed while the page has no connection: the query waits to be sent (apiClient's connect wait). */
  | { readonly kind: 'sending' }
  /** DuckDB's start failed and the session shows no query: nothing can run (the top bar says why). */
  | { readonly kind: 'duckdbDown'; readonly text: string; readonly error: AppError }
  /** `recorded`: the query completed, but its rows cannot be read now (the grid says why): its count is what was recorded then. */
  | { readonly kind: 'query'; readonly query: HistoryEntry; readonly recorded?: boolean };

export interface StatusBarState {
  readonly says: StatusSays;
  readonly className: string;
  /** The ticking clock and the progress bar: only while DuckDB runs the query. */
  readonly meter: boolean;
  readonly cancellable: boolean;
  /** The Cancel button's tooltip: what it does, or why it cannot. */
  readonly cancelTitle: string;
  /** The error whose id "Copy id" copies. */
  readonly copyId: AppError | undefined;
}

/** What the bar says while the connection is lost and the query was in flight when it went. */
export const DISCONNECTED_TEXT = 'Connection to Sextant lost: how this query stands is unknown until it is back.';

/** What the bar says, with the error id, in place of "Ready" while DuckDB is not running. */
export const DUCKDB_DOWN_STATUS = `${DUCKDB_DOWN_LABEL}: queries cannot run.`;

/** What the bar says from a Run pressed without a connection until the query is sent, or refused a few seconds on. */
export const SENDING_TEXT = 'Not connected to Sextant: the query is sent as soon as the connection is back…';

/**
 * What the status bar shows. A query's end waiting for the store is said only while the query is
 * in flight: once its end is stored, the outcome replaces it, whatever progress is still at hand.
 * A completed result the grid cannot read (`unreadable`: an imported result whose dataset is
 * missing, one whose re-run differs) is not said as a live success above the grid's error.
 * Without a connection (`connected` false) a query in flight may have ended, or Sextant stopped:
 * the bar says so instead of a ticking "Running…", and nothing can be cancelled. A settled query
 * stays as it is (nothing about it will change); the replay on reconnection shows the real outcome.
 * A refused command names itself and is drawn as a refusal (`refused`), beside its query's own
 * phase: a rename refused while a query runs is not that query failing. A query waiting in the
 * worker's queue says how many must finish first, with no clock (it has not started), and can be
 * cancelled.
 */
export function statusBarState(
  query: HistoryEntry | undefined,
  progress: QueryProgress | undefined,
  commandError: CommandRefusal | undefined,
  unreadable = false,
  connected = true,
  /** A query the person ran waits for the connection to be sent (useCommands). */
  sending = false,
  /** DuckDB's start failed: said in place of "Ready". */
  duckdbDown?: AppError,
): StatusBarState {
  const inFlight = isInFlight(query?.phase);
  const lost = inFlight && !connected;
  const running = inFlight && !lost;
  const own = running && progress?.queryId === query?.queryId ? progress : undefined;
  const waiting = own?.waitingToSave;
  // Pending until ExecutionBegan: a queued frame still at hand once the query runs is not said.
  const queued = isPending(query?.phase) ? own?.queued : undefined;
  const says: StatusSays = lost
    ? { kind: 'disconnected' }
    : sending
      ? { kind: 'sending' }
      : commandError
      ? { kind: 'refused', text: refusalText(commandError), error: commandError.error }
      : waiting
        ? { kind: 'waiting', text: waitingToSaveText(waiting), error: waiting.error }
        : queued
          ? { kind: 'queued', text: queuedText(queued) }
          : query
          ? { kind: 'query', query, ...(unreadable && isCompleted(query.phase) ? { recorded: true } : {}) }
          : duckdbDown
            ? { kind: 'duckdbDown', text: DUCKDB_DOWN_STATUS, error: duckdbDown }
            : { kind: 'ready' };
  const phase = lost || sending ? 'disconnected' : says.kind === 'query' && says.recorded ? 'recorded' : (query?.phase.toLowerCase() ?? 'idle');
  return {
    says,
    className: `statusbar ${phase}${says.kind === 'waiting' || says.kind === 'queued' ? ` ${says.kind}` : ''}${says.kind === 'refused' ? ' refused' : ''}`,
    meter: running && !waiting && !queued,
    cancellable: running,
    cancelTitle: lost
      ? 'Cannot cancel: the connection to Sextant is lost'
      : waiting
        ? 'Cancel the query: its result, not saved yet, is dropped'
        : queued
          ? 'Cancel the query: it has not started, and never will'
          : 'Cancel the running query',
    copyId: lost || sending ? undefined : (commandError?.error ?? waiting?.error ?? (query?.phase === 'Failed' ? query.error : undefined) ?? (says.kind === 'duckdbDown' ? says.error : undefined)),
  };
}

/** A refused command, with the latest query as it stood when the refusal came (the fold gives a changed entry a new object). */
export interface Refusal {
  readonly refusal: CommandRefusal;
  readonly against: HistoryEntry | undefined;
}

/**
 * The refusal the bar still says: only while the session's latest query is as it was then, and
 * until the person dismisses it (`dismissed`: its close button, or Escape in the bar). A newer
 * state wins over an older refusal: a query started (in this window or another), its end, a sort, a
 * chart (each a new entry object) replaces "Rename not saved: This session changed in another window"
 * or "Undo not saved: That action is no longer the last one to undo…" with what the session is now.
 * (The next command to the session that is accepted clears it before it gets here: useCommands.)
 */
export function standingRefusal(refusal: Refusal | undefined, query: HistoryEntry | undefined, dismissed?: CommandRefusal): CommandRefusal | undefined {
  return refusal && refusal.against === query && refusal.refusal !== dismissed ? refusal.refusal : undefined;
}
