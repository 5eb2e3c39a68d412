import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { Column } from '../../../shared/contracts/events';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { PageCache } from './pageCache';

export interface GridResult {
  readonly queryId: string;
  /** Known once the query completed; while it runs they come with the first page. */
  readonly columns: readonly Column[] | undefined;
  /** Final row count; undefined while the query runs (the grid shows what main has so far). */
  readonly rowCount: number | undefined;
}

const NO_COLUMNS: readonly Column[] = [];

/**
 * The result's pages, driven by one signal: `rowsAvailable`, from the query's progress frames.
 * Whenever it changes (more rows are committed, a re-run of an evicted result moved on) or the
 * query completes, short pages are fetched again; nothing polls. While the query runs the row
 * count is what main said is ready.
 */
export function useResultPages(api: SextantApi, result: GridResult, rowsAvailable: number | undefined) {
  const { queryId } = result;
  const running = result.rowCount === undefined;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const cache = useMemo(() => new PageCache((offset, limit) => api.fetchPage(queryId, offset, limit), rerender), [api, queryId]);

  useEffect(() => {
    cache.refresh();
    rerender();
  }, [rowsAvailable, running, cache]);

  const cell = useCallback((row: number, col: number) => cache.cell(row, col), [cache]);
  return {
    cache,
    cell,
    running,
    columns: result.columns ?? cache.columns ?? NO_COLUMNS,
    rows: result.rowCount ?? Math.max(rowsAvailable ?? 0, cache.knownRows),
    /** Asks for the pages covering rows [first, last]; while running, page 0 at once (main has the first rows early). */
    show: (first: number, last: number) => cache.ensure(first, running ? Math.max(last, 0) : last),
  };
}
