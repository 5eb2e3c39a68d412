import { viewKey, type ResultView } from '../../../shared/domain/resultView';

/** A view the grid asked for that the session has not projected yet. */
export interface PendingView {
  readonly view: ResultView;
  /** The session has stored it: from now on any view it projects is at least as new as this one. */
  readonly acked: boolean;
}

/** What the grid shows: the pending view while the session still projects another, else the session's. */
export const shownView = (pending: PendingView | undefined, projected: ResultView): ResultView =>
  pending && viewKey(pending.view) !== viewKey(projected) ? pending.view : projected;

/**
 * The session projected a view: ours (done), or any view once ours was stored (another window's,
 * newer than ours). Before our ack a different view is an older click still arriving: keep waiting.
 */
export const afterProjection = (pending: PendingView | undefined, projected: ResultView): PendingView | undefined =>
  pending && (pending.acked || viewKey(pending.view) === viewKey(projected)) ? undefined : pending;

/** The session answered the command that records `mine`; a newer click has replaced it if `current` differs. */
export const afterRecord = (current: PendingView | undefined, mine: PendingView, stored: boolean): PendingView | undefined =>
  current !== mine ? current : stored ? { view: mine.view, acked: true } : undefined;
