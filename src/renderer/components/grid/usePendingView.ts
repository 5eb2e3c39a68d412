import { useCallback, useEffect, useRef, useState } from 'react';
import { viewKey, type ResultView } from '../../../shared/domain/resultView';
import { afterProjection, afterRecord, requested, shownView, type PendingView } from './pendingView';

/** Records a view in the session (SetResultView); resolves false when the session refused it. */
export type RecordView = (view: ResultView) => Promise<boolean>;

/**
 * The view the grid shows (pendingView.ts): a header click fetches its first page at once, beside
 * the SetResultView that records it, since a page is a read and waits for no event. If the session
 * refuses the command the grid goes back to what the session says.
 */
export function usePendingView(projected: ResultView, record: RecordView | undefined) {
  const [pending, setPending] = useState<PendingView | undefined>();
  const projectedKey = viewKey(projected);
  const projectedRef = useRef(projected);
  projectedRef.current = projected;
  useEffect(() => setPending((p) => afterProjection(p, projectedRef.current)), [projectedKey]);
  const recordRef = useRef(record);
  recordRef.current = record;

  // The pending view as last set, so a click builds on it at once, not on the last render's.
  const latest = useRef<PendingView | undefined>(undefined);
  latest.current = pending;
  const request = useCallback((view: ResultView) => {
    const mine = requested(latest.current, view);
    latest.current = mine;
    setPending(mine);
    void (recordRef.current?.(view) ?? Promise.resolve(false)).then((stored) => setPending((current) => afterRecord(current, mine, stored)));
  }, []);

  return { shown: shownView(pending, projected), request };
}
