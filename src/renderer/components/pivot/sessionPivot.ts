import type { ClientCommand } from '../../../shared/contracts/commands';
import type { PivotSpec } from '../../../shared/pivot/pivotSpec';
import type { SessionView } from '../../../shared/views/appView';
import type { GridResult } from '../grid/useResultPages';
import { proposePivot } from './pivotProposal';

/**
 * The current result's pivot as the session records it (HistoryEntry.pivot, folded from PivotSet),
 * and the commands that change it: nothing about a pivot lives only in the window, so a reload or a
 * restart shows the same one.
 */
export function sessionPivot(session: SessionView | undefined, result: GridResult | undefined, dispatch: (command: ClientCommand) => unknown) {
  const entry = session && result && result.rowCount !== undefined ? session.history.find((h) => h.queryId === result.queryId) : undefined;
  const spec = entry?.phase === 'Completed' ? entry.pivot : undefined;
  const set = (next: PivotSpec | null) => session && entry && dispatch({ type: 'SetPivot', sessionId: session.id, queryId: entry.queryId, spec: next });
  const proposal = entry?.columns && proposePivot(entry.columns);
  return {
    spec,
    /** The result can be pivoted: complete, with columns. */
    available: entry?.phase === 'Completed' && proposal !== undefined,
    toggle: () => void set(spec ? null : (proposal ?? null)),
    set: (next: PivotSpec) => void set(next),
    close: () => void set(null),
  };
}
