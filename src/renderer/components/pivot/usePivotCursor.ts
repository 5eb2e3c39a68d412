import { useId, useState, type KeyboardEvent, type RefObject } from 'react';
import { copyText } from '../common/clipboard';
import { clamp } from '../grid/gridGeometry';
import { keyMove, type Cell } from '../grid/selection';
import { pageRowsOf, scrollShowing } from './pivotCursor';

interface Options {
  scroller: RefObject<HTMLDivElement | null>;
  rows: number;
  columns: number;
  headerHeight: number;
  lefts: readonly number[];
  widths: readonly number[];
  /** A cell's text as a copy takes it (as drawn; a figure's exact DuckDB text); undefined while its row loads. */
  textOf(cell: Cell): string | undefined;
  /** The cell's group toggle (a first-level group's cell), if it has one that can be used now. */
  toggleOf(cell: Cell): (() => void) | undefined;
  onNotice?(message: string): void;
}

/**
 * The pivot's active cell, moved by the ARIA grid keys as the results grid's is (aria-activedescendant
 * on the focused grid, the ringed cell): Ctrl/Cmd+C copies its text, Enter or Space collapses or
 * expands the group it heads. Keys on the header's buttons stay theirs.
 */
export function usePivotCursor({ scroller, rows, columns, headerHeight, lefts, widths, textOf, toggleOf, onNotice }: Options) {
  const id = useId();
  const [picked, setPicked] = useState<Cell>({ row: 0, col: 0 });
  // a collapsed group takes rows away: the cell stays within what is there
  const active = { row: clamp(picked.row, 0, Math.max(0, rows - 1)), col: clamp(picked.col, 0, Math.max(0, columns - 1)) };

  const reveal = (cell: Cell) => {
    const el = scroller.current;
    if (!el) return;
    const left = lefts[cell.col] ?? 0;
    const to = scrollShowing({ top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight }, headerHeight, cell.row, left, left + (widths[cell.col] ?? 0));
    if (to.top !== el.scrollTop) el.scrollTop = to.top;
    if (to.left !== el.scrollLeft) el.scrollLeft = to.left;
  };

  const copy = async (cell: Cell) => {
    const text = textOf(cell);
    if (text === undefined) return onNotice?.('Nothing copied: the row is still loading.');
    onNotice?.((await copyText(text)) ? 'Copied 1 cell' : 'The clipboard refused the copy.');
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget || rows === 0 || columns === 0) return;
    const mod = e.ctrlKey || e.metaKey;
    const to = keyMove(e.key, mod, active, { rows, columns, pageRows: pageRowsOf(scroller.current?.clientHeight ?? 600, headerHeight) });
    const toggle = e.key === 'Enter' || e.key === ' ' ? toggleOf(active) : undefined;
    if (to) {
      e.preventDefault();
      setPicked(to);
      reveal(to);
    } else if (mod && e.key.toLowerCase() === 'c') {
      e.preventDefault();
      void copy(active);
    } else if (toggle) {
      e.preventDefault();
      toggle();
    }
  };

  return { active, onKeyDown, pick: setPicked, cellId: (cell: Cell) => `${id}-${cell.row}-${cell.col}` };
}
