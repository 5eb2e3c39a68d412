import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import { rovingTarget, rowsPerPage, type RovingSpot } from './rovingKeys';

/**
 * Roving focus over a virtualized list (useVirtualRows), as the Timeline and the history have it:
 * the list is one Tab stop, keys move between rows (rovingKeys.ts). Only the rows on screen are in
 * the DOM, so the keys move by index, not by the buttons rendered: the row moved to is scrolled into
 * view, then focused once it has rendered.
 * The Tab stop is the control last focused, kept by its row's key (a query run meanwhile puts its
 * entry above, moving every index), or the first rendered row's first control when that one is
 * scrolled away or filtered out. Each row is given `stopAt(index)`: which of its controls takes
 * Tab (tabIndex 0), the others -1; undefined for all but one row.
 */
export function useRovingRows(options: {
  count: number;
  rows: Virtualizer<HTMLElement, Element>;
  list: RefObject<HTMLElement | null>;
  /** A row's focusable controls, in order, as a selector inside its `li[data-index]`; the first is the row's own. */
  controls: string;
  /** Left/Right move between a row's controls (the history); without, only the first is moved to. */
  across?: boolean;
  /** The row the Tab stop starts on, before the person focuses one. */
  initial?: number;
}) {
  const { count, rows, list, controls, across = false } = options;
  const rowAt = (i: number) => list.current?.querySelector<HTMLElement>(`li[data-index="${i}"]`) ?? null;
  const controlsOf = (row: Element) => [...row.querySelectorAll<HTMLElement>(controls)];

  /** The control to focus once its row is in the DOM: a key or the opening can move to one not rendered yet. */
  const toFocus = useRef<RovingSpot | undefined>(undefined);
  const focusPending = () => {
    const row = toFocus.current && rowAt(toFocus.current.row);
    if (!row || !toFocus.current) return;
    const all = controlsOf(row);
    const control = all[Math.min(toFocus.current.col, all.length - 1)];
    if (!control) return;
    toFocus.current = undefined;
    control.focus();
  };
  const focusRow = (row: number, col = 0) => {
    toFocus.current = { row, col };
    rows.scrollToIndex(row);
    focusPending();
  };
  // After each render: scrolling to a row renders it, and this focuses it then.
  useEffect(focusPending);

  const [stop, setStop] = useState<{ key: unknown; col: number }>(() => ({ key: undefined, col: 0 }));
  const shown = rows.getVirtualItems();
  const initial = options.initial ?? 0;
  const kept = shown.find((r) => (stop.key === undefined ? r.index === initial : r.key === stop.key));
  const tabStop: RovingSpot | undefined = kept ? { row: kept.index, col: stop.col } : shown[0] && { row: shown[0].index, col: 0 };

  /** Where focus is: its row and control, or row -1 when it is outside the rows. */
  const spotOf = (el: Element | null): RovingSpot => {
    const row = el?.closest<HTMLElement>('li[data-index]');
    if (!row || !list.current?.contains(row)) return { row: -1, col: 0 };
    return { row: Number(row.dataset['index']), col: Math.max(0, controlsOf(row).indexOf(el as HTMLElement)) };
  };

  const onFocus = (e: FocusEvent) => {
    const { row, col } = spotOf(e.target);
    const key = shown.find((r) => r.index === row)?.key;
    if (row >= 0 && key !== undefined && (key !== stop.key || col !== stop.col)) setStop({ key, col });
  };

  /** Moves focus for the list's keys; true when the key was the list's (its default is then prevented). */
  const onKeyDown = (e: KeyboardEvent): boolean => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return false;
    // From the control focus is on its way to, if any: End then ArrowUp, typed fast, is the one before the last.
    const from = toFocus.current ?? spotOf(document.activeElement);
    const row = from.row >= 0 ? rowAt(from.row) : null;
    const page = rowsPerPage(rows.getVirtualItems(), rows.scrollOffset ?? 0, rows.scrollRect?.height ?? 0);
    const to = rovingTarget(e.key, from, count, { page, cols: row ? controlsOf(row).length : 1, across });
    if (!to) return false;
    e.preventDefault();
    focusRow(to.row, to.col);
    return true;
  };

  return {
    focusRow,
    onFocus,
    onKeyDown,
    /** Which control of row `index` takes Tab: 0 for the row's own, undefined when none does. */
    stopAt: (index: number) => (tabStop?.row === index ? tabStop.col : undefined),
  };
}
