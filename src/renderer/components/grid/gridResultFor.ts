import { isExecuting, isSettled } from '../../../shared/domain/queryLifecycle';
import type { HistoryEntry } from '../../../shared/views/appView';
import { lastCompleted } from '../../../shared/views/appViewSelectors';
import type { GridResult } from './useResultPages';

/**
 * What the grid shows: the query in flight (its rows arrive as it runs) or that just completed;
 * after a failure or a cancel, the last result that completed — kept so a person fixing a typo
 * still sees their data, and marked `previous` (when it ran) so the grid says it is not the
 * latest query's. Not while the latest is only Pending: every run passes through it for a moment,
 * and the label would flash on each.
 */
export function gridResultFor(history: readonly HistoryEntry[]): GridResult | undefined {
  const current = history.at(-1);
  if (isExecuting(current?.phase)) return { queryId: current.queryId, columns: undefined, rowCount: undefined };
  const done = lastCompleted(history);
  if (!done) return undefined;
  return {
    queryId: done.queryId,
    columns: done.columns ?? [],
    rowCount: done.rowCount ?? 0,
    sql: done.sql,
    ...(done.view ? { view: done.view } : {}),
    ...(done !== current && isSettled(current?.phase) ? { previous: { startedAt: done.startedAt } } : {}),
  };
}
