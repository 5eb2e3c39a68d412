import { isCompleted } from '../../../shared/domain/queryLifecycle';
import { useEffect, useState } from 'react';
import type { ClientCommand } from '../../../shared/contracts/commands';
import { pivotKey } from '../../../shared/domain/pivotSetting';
import type { PivotSpec } from '../../../shared/pivot/pivotSpec';
import type { SessionView } from '../../../shared/views/appView';
import type { GridResult } from '../grid/useResultPages';

/**
 * The current result's pivot as the session records it (HistoryEntry.pivot, folded from PivotSet),
 * and the commands that change it: nothing about a pivot lives only in the window, so a reload or a
 * restart shows the same one.
 */
export function useSessionPivot(session: SessionView | undefined, result: GridResult | undefined, dispatch: (command: ClientCommand) => unknown) {
  const entry = session && result && result.rowCount !== undefined ? session.history.find((h) => h.queryId === result.queryId) : undefined;
  const recorded = isCompleted(entry?.phase) ? entry?.pivot : undefined;
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
  // Opening proposes a pivot from the result's first rows, which ResultPivot (it has the API) reads:
  // "Pivot" asks for one, and the answer opens it, unless the result changed meanwhile.
  const [proposing, setProposing] = useState<string>();
  const queryId = entry?.queryId;
  useEffect(() => setProposing(undefined), [queryId]);
  return {
    spec,
    /** The result can be pivoted: complete, with columns. */
    available: isCompleted(entry?.phase) && (entry.columns?.length ?? 0) > 0,
    /** The result whose proposed pivot is being made (its first rows asked for), until `propose`. */
    proposing: proposing !== undefined && proposing === queryId ? proposing : undefined,
    toggle: () => {
      if (spec) set(null);
      else setProposing((p) => (p === queryId ? undefined : queryId));
    },
    /** Opens the pivot proposed for `forQuery`, if it is still the one asked for (undefined: none can be). */
    propose: (forQuery: string, next: PivotSpec | undefined) => {
      if (forQuery !== proposing || forQuery !== queryId) return;
      setProposing(undefined);
      if (next) set(next);
    },
    set: (next: PivotSpec) => set(next),
    close: () => set(null),
  };
}
export type SessionPivot = ReturnType<typeof useSessionPivot>;
