import type { HistoryEntry } from '../../../shared/views/appView';
import type { GridResult } from './useResultPages';

/**
 * What the grid shows: the query in flight (its rows arrive as it runs) or that just completed;
 * after a failure or a cancel, the last result that completed.
 */
export function gridResultFor(history: readonly HistoryEntry[]): GridResult | undefined {
  const current = history.at(-1);
  if (current?.phase === 'Executing') return { queryId: current.queryId, columns: undefined, rowCount: undefined };
  const done = history.findLast((h) => h.phase === 'Completed');
  return done ? { queryId: done.queryId, columns: done.columns ?? [], rowCount: done.rowCount ?? 0, sql: done.sql, ...(done.view ? { view: done.view } : {}) } : undefined;
}
