import { chartProblem, proposeChart, type ChartSpec } from '../../../shared/chart/chartSpec';
import type { SessionView } from '../../../shared/views/appView';
import type { GridResult } from '../grid/useResultPages';

/**
 * The chart a session carries to its next result: the one recorded for the result `from` (the last
 * one charted), read from the session each time, never a copy. So when that setting is undone, or
 * the chart closed in another window, nothing is carried any more, as for a chart closed here.
 */
export function carriedSpec(session: SessionView | undefined, from: string | undefined): ChartSpec | undefined {
  return from === undefined ? undefined : session?.history.find((h) => h.queryId === from)?.chart;
}

/**
 * What a carried chart does when the grid shows `result`, whose recorded chart is `recorded`:
 * - `record`: a new complete result with no chart gets it (as it is when its columns fit it, else
 *   a proposed one);
 * - `drop`: the chart it came from is no longer recorded (closed, or its setting undone): the
 *   chart is closed, and no later result gets it;
 * - `wait`: nothing (no chart carried, the result runs, it has its own chart, it is the result the
 *   chart came from, or nothing can be proposed for it: the chart says why, and the next result gets it).
 * Never `record` for the result it came from: there, no recorded chart means the chart was closed
 * or its first setting undone, and recording it again would take the undo back (and clear Redo).
 */
export type CarryStep = { readonly kind: 'record'; readonly spec: ChartSpec } | { readonly kind: 'drop' } | { readonly kind: 'wait' };

export function carryStep(from: string | undefined, fromSpec: ChartSpec | undefined, result: GridResult | undefined, recorded: ChartSpec | undefined): CarryStep {
  if (from === undefined) return { kind: 'wait' };
  if (fromSpec === undefined) return { kind: 'drop' };
  if (!result || result.queryId === from || recorded || result.rowCount === undefined || result.columns === undefined) return { kind: 'wait' };
  const next = chartProblem(fromSpec, result.columns) === undefined ? fromSpec : proposeChart(result.columns, result.rowCount);
  return next ? { kind: 'record', spec: next } : { kind: 'wait' };
}

/** The chart shown beside `result`: a choice not recorded yet, else the recorded one, else (a new result of the session) the carried one. */
export function shownSpec(ahead: ChartSpec | undefined, recorded: ChartSpec | undefined, from: string | undefined, fromSpec: ChartSpec | undefined, result: GridResult | undefined): ChartSpec | undefined {
  return ahead ?? recorded ?? (result && from !== result.queryId ? fromSpec : undefined);
}
