import { viewKey, type ResultView } from '../../../shared/domain/resultView';

/** A view the grid asked for that the session has not projected yet. */
export interface PendingView {
  readonly view: ResultView;
  /** The session has stored it: any view it projects from now on that is not one of ours is newer. */
  readonly acked: boolean;
  /**
   * The views this grid asked for before this one whose events may still be on their way: an
   * answer can overtake the stream's events, so an older view of ours projected after our ack is
   * not newer than ours.
   */
  readonly earlier: readonly string[];
}

/** How many earlier views of ours a pending one remembers (a held key records one per release). */
const EARLIER_KEPT = 32;

/** The grid asks for `view` while `current` may still be waiting. */
export const requested = (current: PendingView | undefined, view: ResultView): PendingView => ({
  view,
  acked: false,
  earlier: current ? [...current.earlier, viewKey(current.view)].slice(-EARLIER_KEPT) : [],
});

/** What the grid shows: the pending view while the session still projects another, else the session's. */
export const shownView = (pending: PendingView | undefined, projected: ResultView): ResultView =>
  pending && viewKey(pending.view) !== viewKey(projected) ? pending.view : projected;

/**
 * The session projected a view: ours (done); an earlier one of ours still arriving (keep waiting,
 * acked or not); any other once ours was stored (another window's, newer than ours).
 */
export function afterProjection(pending: PendingView | undefined, projected: ResultView): PendingView | undefined {
  if (!pending) return undefined;
  const key = viewKey(projected);
  if (viewKey(pending.view) === key) return undefined;
  if (pending.earlier.includes(key)) return pending;
  return pending.acked ? undefined : pending;
}

/** The session answered the command that records `mine`; a newer click has replaced it if `current` differs. */
export const afterRecord = (current: PendingView | undefined, mine: PendingView, stored: boolean): PendingView | undefined =>
  current !== mine ? current : stored ? { ...mine, acked: true } : undefined;
