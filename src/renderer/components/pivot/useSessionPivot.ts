import { useEffect, useState } from 'react';
import type { ClientCommand } from '../../../shared/contracts/commands';
import { pivotKey } from '../../../shared/domain/pivotSetting';
import type { PivotSpec } from '../../../shared/pivot/pivotSpec';
import type { SessionView } from '../../../shared/views/appView';
import type { GridResult } from '../grid/useResultPages';
import { proposePivot } from './pivotProposal';

/**
 * The current result's pivot as the session records it (HistoryEntry.pivot, folded from PivotSet),
 * and the commands that change it: nothing about a pivot lives only in the window, so a reload or a
 * restart shows the same one.
 */
export function useSessionPivot(session: SessionView | undefined, result: GridResult | undefined, dispatch: (command: ClientCommand) => unknown) {
  const entry = session && result && result.rowCount !== undefined ? session.history.find((h) => h.queryId === result.queryId) : undefined;
  const recorded = entry?.phase === 'Completed' ? entry.pivot : undefined;
  // The latest change, shown until its PivotSet arrives: a second change right after a first (two
  // comboboxes in a row) builds on it, not on the older setting, so neither is lost.
  const [pending, setPending] = useState<{ readonly queryId: string; readonly spec: PivotSpec | null }>();
  const ahead = pending && entry && pending.queryId === entry.queryId ? pending : undefined;
  const spec = ahead ? (ahead.spec ?? undefined) : recorded;
  useEffect(() => {
    if (pending && pivotKey(recorded) === pivotKey(pending.spec)) setPending(undefined);
  }, [recorded, pending]);

  const set = (next: PivotSpec | null) => {
    if (!session || !entry) return;
    setPending({ queryId: entry.queryId, spec: next });
    dispatch({ type: 'SetPivot', sessionId: session.id, queryId: entry.queryId, spec: next });
  };
  const proposal = entry?.columns && proposePivot(entry.columns);
  return {
    spec,
    /** The result can be pivoted: complete, with columns. */
    available: entry?.phase === 'Completed' && proposal !== undefined,
    toggle: () => set(spec ? null : (proposal ?? null)),
    set: (next: PivotSpec) => set(next),
    close: () => set(null),
  };
}
export type SessionPivot = ReturnType<typeof useSessionPivot>;
