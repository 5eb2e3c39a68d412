import type { ChartSpec } from '../../../shared/chart/chartSpec';
import type { PivotSpec } from '../../../shared/pivot/pivotSpec';
import { isCompleted, isInFlight } from '../../../shared/domain/queryLifecycle';
import { currentQuery, type HistoryEntry, type SessionView } from '../../../shared/views/appView';
import { gridResultFor } from '../grid/gridResultFor';
import type { GridResult } from '../grid/useResultPages';

/** What the past view shows of a session as it was: the query its status line speaks of, and the result under it. */
export interface PastResult {
  /** The latest query then, as the live status bar would have said it (`currentQuery`). */
  readonly query: HistoryEntry | undefined;
  readonly result: GridResult | undefined;
  /** The chart then beside that result (its history entry's ChartSet, linked charts included), as the live view reads it; undefined: none. */
  readonly chart: ChartSpec | undefined;
  /** The pivot then beside that result (its PivotSet), as the live view reads it; undefined: none. */
  readonly pivot: PivotSpec | undefined;
}

/**
 * The live view's rules (`currentQuery`, `gridResultFor`) applied to the session as it was, so the
 * past says what the present said then: after a failed or cancelled query, the last completed
 * result, marked as the previous one. One difference: a query in flight at that point cannot be
 * shown as it was (its rows are all there now), so the last completed result is shown instead, and
 * marked as the previous one too, since the status says the later query was running.
 */
export function pastResultOf(session: SessionView): PastResult {
  const query = currentQuery(session);
  const { history } = session;
  // the live chart and pivot are the recorded ones of the result shown (useChartView, useSessionPivot), whichever result that is
  const withChart = (result: GridResult | undefined): PastResult => {
    const entry = result && history.find((h) => h.queryId === result.queryId);
    return { query, result, chart: entry?.chart, pivot: entry?.pivot };
  };
  if (!isInFlight(query?.phase)) return withChart(gridResultFor(history));
  const upTo = history.findLastIndex((h) => isCompleted(h.phase));
  // the history up to that result is one the live rules show unmarked; the query in flight marks it
  const done = upTo < 0 ? undefined : gridResultFor(history.slice(0, upTo + 1));
  return withChart(done && { ...done, previous: { startedAt: history[upTo]!.startedAt } });
}
