import { useEffect, useRef, useState } from 'react';
import { proposeChart, type ChartSpec } from '../../../shared/chart/chartSpec';
import type { ClientCommand } from '../../../shared/contracts/commands';
import { chartKey } from '../../../shared/domain/chartSetting';
import type { SessionView } from '../../../shared/views/appView';
import type { GridResult } from '../grid/useResultPages';
import { carriedSpec, carryStep, shownSpec } from './chartCarry';

/**
 * Which chart is shown beside the grid. The setting lives in the session (ChartSet on the result's
 * history entry), so it comes back after a reload or a restart. While the chart is open, a new
 * query's result gets the same chart once it completes (a proposed one if its columns do not fit):
 * until then the region waits for it. That chart is carried per session: another tab's result, or a
 * new session's first one, is never charted (nor its SetChart recorded) by viewing it. The result
 * it came from is never charted again by it: an undo to no chart stays no chart (chartCarry.ts).
 */
export function useChartView(dispatch: (command: ClientCommand) => unknown, session: SessionView | undefined, result: GridResult | undefined) {
  const entry = result && session?.history.find((h) => h.queryId === result.queryId);
  const recorded = entry?.chart;
  // The result whose recorded chart is carried, by session id: one hook serves every tab, so a
  // chart kept for one must not be seen from another. Its spec is read from the session (chartCarry.ts).
  const [fromBySession, setFromBySession] = useState<Readonly<Record<string, string>>>({});
  const from = session && fromBySession[session.id];
  const fromSpec = carriedSpec(session, from);
  const setFrom = (queryId: string | undefined) => {
    if (!session) return;
    const id = session.id;
    setFromBySession(({ [id]: _dropped, ...others }) => (queryId ? { ...others, [id]: queryId } : others));
  };
  const complete = result?.rowCount !== undefined && result.columns !== undefined;
  // the latest choice, shown until its ChartSet arrives: a second change right after a first builds on it, not on the older setting
  const [pending, setPending] = useState<{ readonly queryId: string; readonly spec: ChartSpec }>();
  const ahead = pending && pending.queryId === result?.queryId ? pending.spec : undefined;
  const spec = shownSpec(ahead, recorded, from, fromSpec, result);
  useEffect(() => {
    if (recorded && pending && chartKey(recorded) === chartKey(pending.spec)) setPending(undefined);
  }, [recorded, pending]);

  const record = (next: ChartSpec | null) => {
    if (!session || !result || !complete) return;
    void dispatch({ type: 'SetChart', sessionId: session.id, queryId: result.queryId, spec: next });
  };
  useEffect(() => {
    if (recorded && result && from !== result.queryId) setFrom(result.queryId);
  }, [recorded, result?.queryId]);
  // a new result while the chart is open: chart it alike once complete
  const carriedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    const step = carryStep(from, fromSpec, result, recorded);
    if (step.kind === 'drop') setFrom(undefined);
    if (step.kind !== 'record' || !result || carriedFor.current === result.queryId) return;
    carriedFor.current = result.queryId;
    setPending({ queryId: result.queryId, spec: step.spec });
    record(step.spec);
  });

  // The chart "Chart" opens takes focus, as an opened pivot or profile does; not one shown again (a
  // reload, a tab switch, Alt+PageUp/PageDown), where focus stays with the editor or the tab.
  const opening = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (opening.current && spec) opening.current = undefined;
  });

  return {
    shown: spec !== undefined,
    spec,
    /** The person has just opened this chart ("Chart"): it takes focus as it mounts. */
    takesFocus: opening.current !== undefined && opening.current === result?.queryId,
    toggle() {
      if (spec) {
        setFrom(undefined);
        setPending(undefined);
        record(null);
      } else if (result?.columns) {
        const proposed = proposeChart(result.columns, result.rowCount);
        if (!proposed) return;
        opening.current = result.queryId;
        record(proposed);
      }
    },
    change(next: ChartSpec) {
      if (result) setPending({ queryId: result.queryId, spec: next });
      record(next);
    },
    close() {
      setFrom(undefined);
      setPending(undefined);
      if (recorded) record(null);
    },
  };
}
export type ChartView = ReturnType<typeof useChartView>;
