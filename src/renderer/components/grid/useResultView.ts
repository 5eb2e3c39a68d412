import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Column } from '../../../shared/contracts/events';
import type { PageFilter } from '../../../shared/contracts/pageView';
import { isPlainView, viewKey, type ResultView } from '../../../shared/domain/resultView';
import { parseFilterInput } from '../../../shared/explore/filterInput';
import { nextSort } from '../../../shared/explore/sortCycle';
import { errorWithApplied, filterBoxOf } from './filterBoxText';
import { FilterTyping } from './filterTyping';
import { refusedFilters, tooManyConditions } from './refusedFilters';

export const PLAIN_VIEW: ResultView = { orderBy: [], filter: [] };

/** What a column's filter box shows: its text and, when that text cannot be read, why; or, empty, a summary of filters no box can say. */
export interface FilterBox {
  readonly text: string;
  readonly error?: string;
  readonly summary?: string;
}

const filtersOf = (view: ResultView, column: number): PageFilter[] => view.filter.filter((f) => f.column === column);
const sameFilters = (a: readonly PageFilter[], b: readonly PageFilter[]) => JSON.stringify(a) === JSON.stringify(b);

/** `view` with `column`'s filters replaced by `filters` (the other columns' filters keep their order). */
export function withColumnFilter(view: ResultView, column: number, filters: readonly PageFilter[]): ResultView {
  return withColumnFilters(view, new Map([[column, filters]]));
}

/** `view` with the filters of each column in `changes` replaced by its list, in the map's order (the other columns' filters keep theirs). */
export function withColumnFilters(view: ResultView, changes: ReadonlyMap<number, readonly PageFilter[]>): ResultView {
  return { orderBy: view.orderBy, filter: [...view.filter.filter((f) => !changes.has(f.column)), ...[...changes.values()].flat()] };
}

/**
 * The grid's sort and filters. The view itself lives in the session (ResultViewSet, projected on
 * the result's HistoryEntry; usePendingView shows one just asked for until it is recorded): this
 * hook keeps no copy, it turns clicks and typing into the next view and hands it to `onChange`.
 * Only what is not a view yet stays here: text being typed, and text that does not read as a
 * filter (shown, never sent).
 */
export function useResultView(columns: readonly Column[], view: ResultView, onChange: (view: ResultView) => void) {
  const [drafts, setDrafts] = useState<ReadonlyMap<number, FilterBox>>(new Map());
  const [filtersShown, setFiltersShown] = useState(view.filter.length > 0);
  // what a box's text does once read: set in the body below, so the timers always use this render's columns
  const send = useRef<(column: number, text: string) => void>(() => undefined);
  const typing = useRef<FilterTyping | undefined>(undefined);
  typing.current ??= new FilterTyping((column, text) => send.current(column, text));
  // The view the next click or keystroke builds on: the one shown, or one asked for since the last
  // render (two clicks before React renders step asc → desc, not asc twice).
  const latest = useRef(view);
  latest.current = view;
  useEffect(() => () => typing.current?.dropAll(), []);

  // A draft that the session's view now says (sent and recorded) is no longer a draft.
  const key = viewKey(view);
  useEffect(() => {
    setDrafts((current) => {
      let next: Map<number, FilterBox> | undefined;
      for (const [column, box] of current) {
        const type = columns[column]?.type ?? 'VARCHAR';
        const parsed = box.error === undefined ? parseFilterInput(box.text, column, type) : undefined;
        if (parsed?.ok && sameFilters(parsed.filters, filtersOf(view, column))) (next ??= new Map(current)).delete(column);
      }
      return next ?? current;
    });
  }, [key]);

  const change = useCallback(
    (next: ResultView) => {
      if (viewKey(next) === viewKey(latest.current)) return;
      latest.current = next;
      onChange(next);
    },
    [onChange],
  );

  const sortBy = useCallback((column: number, shift: boolean) => {
    const v = latest.current;
    change({ orderBy: nextSort([...v.orderBy], { column, shift }), filter: v.filter });
  }, [change]);

  /** Sets several columns' filters in one change of the view, as a click elsewhere (a chart's rectangle brush) would. */
  const setColumnFilters = useCallback(
    (changes: ReadonlyMap<number, readonly PageFilter[]>) => {
      for (const column of changes.keys()) typing.current?.drop(column);
      const { refused, accepted } = refusedFilters(changes, (column) => columns[column]?.type ?? 'VARCHAR', latest.current.filter);
      setDrafts((current) => {
        const next = new Map(current);
        for (const column of changes.keys()) next.delete(column);
        // shown in its box with the reason, as typed text would be, and nothing is sent
        for (const [column, box] of refused) next.set(column, box);
        return next;
      });
      if ([...changes.values()].some((filters) => filters.length > 0)) setFiltersShown(true);
      if (accepted.size > 0) change(withColumnFilters(latest.current, accepted));
    },
    [change, columns],
  );

  /** Sets one column's filters, as a click elsewhere (a frequent value in a profile) would. */
  const setColumnFilter = useCallback((column: number, filters: readonly PageFilter[]) => setColumnFilters(new Map([[column, filters]])), [setColumnFilters]);

  send.current = (column: number, text: string) => {
    const parsed = parseFilterInput(text, column, columns[column]?.type ?? 'VARCHAR');
    // past the protocol's limit with the other columns' filters, main would refuse the whole view
    const others = latest.current.filter.filter((f) => f.column !== column).length;
    const error = parsed.ok ? tooManyConditions(others, parsed.filters) : parsed.message;
    if (!parsed.ok || error !== undefined) {
      setDrafts((current) => new Map(current).set(column, { text, error: error ?? '' }));
      return;
    }
    if (sameFilters(parsed.filters, filtersOf(latest.current, column))) {
      setDrafts((current) => {
        const next = new Map(current);
        next.delete(column);
        return next;
      });
    }
    change(withColumnFilter(latest.current, column, parsed.filters));
  };

  /** A keystroke in a column's box: shown at once, read and sent once typing pauses. */
  const typeFilter = useCallback((column: number, text: string) => {
    setDrafts((current) => new Map(current).set(column, { text }));
    typing.current?.type(column, text);
  }, []);

  /** Sends what the boxes say that still waits out its pause: before an action on the rows shown (filterTyping.ts). */
  const settle = useCallback(() => typing.current?.settle(), []);

  const box = useCallback(
    (column: number): FilterBox => {
      const draft = drafts.get(column);
      const filters = filtersOf(view, column);
      const type = columns[column]?.type ?? 'VARCHAR';
      // text that does not read sends nothing: the column's filter before it still applies, and its error says so
      if (draft) return draft.error === undefined ? draft : { text: draft.text, error: errorWithApplied(draft.error, filters, type) };
      // filters no single box can say (set through the API, or bars brushed on a chart) read as their count, greyed
      return filterBoxOf(filters, type);
    },
    [drafts, view, columns],
  );

  const clear = useCallback(() => {
    typing.current?.dropAll();
    setDrafts(new Map());
    change(PLAIN_VIEW);
  }, [change]);

  return useMemo(
    () => ({ view, plain: isPlainView(view), filtersShown, setFiltersShown, sortBy, setColumnFilter, setColumnFilters, typeFilter, settle, box, clear }),
    [view, filtersShown, sortBy, setColumnFilter, setColumnFilters, typeFilter, settle, box, clear],
  );
}
export type ResultViewControls = ReturnType<typeof useResultView>;
