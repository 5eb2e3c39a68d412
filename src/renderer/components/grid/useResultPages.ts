import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { Column } from '../../../shared/contracts/events';
import type { PageView, SextantApi } from '../../../shared/contracts/protocol';
import { isPlainView, pageViewOf, viewKey, type ResultView } from '../../../shared/domain/resultView';
import { keptPages } from './keptPages';
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
  /** Set when a later query failed or was cancelled: this older result is shown, labelled with when it ran (not while a later one waits to run: each run passes through that). */
  readonly previous?: { readonly startedAt: string };
}

/** The result as the grid shows it, for the actions on its rows (Export…, Profile). */
export interface ShownResult {
  /** The view shown: one just asked for (usePendingView) before the session has projected it. */
  readonly view: ResultView;
  /** Its rows under that view: undefined while a filtered view's rows are being counted. */
  readonly rows: number | undefined;
  /** Sends the filter text still waiting out its typing pause, so `view` is what the boxes say (next render). */
  settle(): void;
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
  // A complete result's pages are final, unless main re-runs it on demand (evicted): that announces
  // itself only by progress frames, so a completed result with any `rowsAvailable` is not kept.
  const keepable = result.rowCount !== undefined && rowsAvailable === undefined ? result.rowCount : undefined;
  const cache = useMemo(() => {
    const c = new PageCache((offset, limit) => api.fetchPage(queryId, offset, limit, pageView), rerender);
    const kept = keepable === undefined ? undefined : keptPages.take(queryId, key, keepable);
    if (kept) c.seed(kept);
    return c;
  }, [api, queryId, key]);
  const filtered = (result.view?.filter.length ?? 0) > 0;

  const keepAs = useRef(keepable);
  keepAs.current = keepable;
  useEffect(
    () => () => {
      // unmounted (a tab switch) or another view: the pages stay for the next grid of this result
      if (keepAs.current !== undefined && !cache.error) keptPages.keep(queryId, key, keepAs.current, cache.finalPages());
    },
    [cache],
  );

  useEffect(() => {
    if (result.rowCount !== undefined && rowsAvailable !== undefined) keptPages.forget(queryId);
    if (cache.refresh()) rerender();
  }, [rowsAvailable, running, cache]);

  const cell = useCallback((row: number, col: number) => cache.cell(row, col), [cache]);
  // a complete result main can no longer read (not kept, and its re-run refused): no row is shown,
  // not pages fetched before the refusal over the recorded count's blank rows
  const gone = !running && cache.error?.code === 'RESULT_NOT_FOUND';
  return {
    cache,
    cell,
    running,
    columns: result.columns ?? cache.columns ?? NO_COLUMNS,
    // filtered: what passes, once the first page said; until then the whole result bounds it
    rows: gone ? 0 : filtered && cache.columns !== undefined ? cache.knownRows : (result.rowCount ?? Math.max(rowsAvailable ?? 0, cache.knownRows)),
    /** Rows passing the filters, once known; undefined when nothing is filtered. */
    filteredRows: filtered && cache.columns !== undefined ? cache.knownRows : undefined,
    /** Asks for the pages covering rows [first, last]; while running, page 0 at once (main has the first rows early). */
    show: (first: number, last: number) => cache.ensure(first, running ? Math.max(last, 0) : last),
  };
}

