import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { Column } from '../../../shared/contracts/events';
import type { PageView, SextantApi } from '../../../shared/contracts/protocol';
import { isPlainView, pageViewOf, viewKey, type ResultView } from '../../../shared/domain/resultView';
import { PageCache } from './pageCache';

export interface GridResult {
  readonly queryId: string;
  /** Known once the query completed; while it runs they come with the first page. */
  readonly columns: readonly Column[] | undefined;
  /** Final row count; undefined while the query runs (the grid shows what main has so far). */
  readonly rowCount: number | undefined;
  /** The SQL that made it ("Open as SQL" wraps it). */
  readonly sql?: string;
  /** How the session shows it, sorted and filtered (from its HistoryEntry); absent: as it came. */
  readonly view?: ResultView;
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
  // a new view is a new set of pages: DuckDB sorts and filters, the grid only pages
  const key = result.view && !isPlainView(result.view) ? viewKey(result.view) : '';
  const pageView: PageView | undefined = key && result.view ? pageViewOf(result.view) : undefined;
  const cache = useMemo(() => new PageCache((offset, limit) => api.fetchPage(queryId, offset, limit, pageView), rerender), [api, queryId, key]);
  const filtered = (result.view?.filter.length ?? 0) > 0;

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
    // filtered: what passes, once the first page said; until then the whole result bounds it
    rows: filtered && cache.columns !== undefined ? cache.knownRows : (result.rowCount ?? Math.max(rowsAvailable ?? 0, cache.knownRows)),
    /** Rows passing the filters, once known; undefined when nothing is filtered. */
    filteredRows: filtered && cache.columns !== undefined ? cache.knownRows : undefined,
    /** Asks for the pages covering rows [first, last]; while running, page 0 at once (main has the first rows early). */
    show: (first: number, last: number) => cache.ensure(first, running ? Math.max(last, 0) : last),
  };
}

