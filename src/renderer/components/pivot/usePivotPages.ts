import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { PageFilter } from '../../../shared/contracts/pageView';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { PivotPage } from '../../../shared/pivot/pivotPage';
import type { PivotSpec } from '../../../shared/pivot/pivotSpec';
import { FAILED_PAGE_RETRY_MS } from '../grid/pageCache';
import { isEmptyCell } from './pivotText';

/** Rows per request: a few screens, so scrolling asks rarely and never for the whole pivot. */
export const PIVOT_CHUNK = 200;

interface Pages {
  readonly key: string;
  readonly chunks: Map<number, PivotPage | 'pending'>;
  /**
   * Chunks whose request failed, with when they may be asked again (the grid's FAILED_PAGE_RETRY_MS).
   * The failure's notice moves the grid, whose new rows asked at once again: a second request, and
   * the notice's error id changed under the person reading it.
   */
  readonly failed: Map<number, number>;
  first: PivotPage | undefined;
  /** The pages answered, in the order they came (a new array on each): what the columns are sized to. */
  loaded: readonly PivotPage[];
  error: AppError | undefined;
}

/**
 * The pivot's pages, fetched as they scroll into view (`show`), like the grid's: main computes the
 * pivot once in DuckDB and serves it by rowid ranges. A new spec or filter (the result's view
 * filters: the pivot is of the rows the grid shows) is a new set of pages; answers for an older one
 * are dropped. Until a new spec's first page is here, the rows are the last
 * pivot's (the panel keeps its page on screen too): a collapsed group's row, and the toggle a
 * person just pressed in it, stay where they were instead of blinking out as loading cells.
 */
export function usePivotPages(api: SextantApi, queryId: string, spec: PivotSpec, filter: readonly PageFilter[]) {
  const key = JSON.stringify([spec, filter]);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const state = useMemo((): Pages => ({ key, chunks: new Map(), failed: new Map(), first: undefined, loaded: [], error: undefined }), [key, queryId]);
  const current = useRef(state);
  current.current = state;
  const lastShown = useRef(state);
  if (state.first) lastShown.current = state;
  const shown = state.first ? state : lastShown.current;
  const specRef = useRef(spec);
  specRef.current = spec;
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const load = useCallback(
    (chunk: number) => {
      if (state.chunks.has(chunk) || (state.failed.get(chunk) ?? 0) > Date.now()) return;
      state.chunks.set(chunk, 'pending');
      void api.pivotPage(queryId, specRef.current, chunk * PIVOT_CHUNK, PIVOT_CHUNK, filterRef.current).then((r) => {
        if (current.current !== state) return;
        if (r.ok) {
          state.chunks.set(chunk, r.value);
          state.first ??= r.value;
          state.loaded = [...state.loaded, r.value];
          state.error = undefined;
        } else {
          state.chunks.delete(chunk);
          state.failed.set(chunk, Date.now() + FAILED_PAGE_RETRY_MS);
          state.error = r.error;
        }
        rerender();
      });
    },
    [api, queryId, state],
  );

  useEffect(() => load(0), [load]);

  const show = useCallback(
    (firstRow: number, lastRow: number) => {
      for (let c = Math.floor(firstRow / PIVOT_CHUNK); c <= Math.floor(Math.max(firstRow, lastRow) / PIVOT_CHUNK); c++) load(c);
    },
    [load],
  );

  /** Row `r`'s page and its index in it, or undefined while its page is on its way. */
  const at = (r: number): { page: PivotPage; i: number } | undefined => {
    const page = shown.chunks.get(Math.floor(r / PIVOT_CHUNK));
    return !page || page === 'pending' ? undefined : { page, i: r - page.offset };
  };

  /** Row `r`'s cells, or undefined while its page is on its way. */
  const row = (r: number): ReadonlyArray<string | null> | undefined => {
    const found = at(r);
    return found && found.page.values.map((c) => c[found.i] ?? null);
  };

  /** Whether row `r`'s value column `v` (0-based among them) has no rows: an empty cell (PivotPage.empty). */
  const isEmpty = (r: number, v: number): boolean => {
    const found = at(r);
    return found !== undefined && isEmptyCell(found.page, found.i, v);
  };

  return { page: state.first, loaded: shown.loaded, error: state.error, show, row, isEmpty };
}
