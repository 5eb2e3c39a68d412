import { useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { headerMove, spotOf, type GridSpot, type HeaderShape } from './headerKeys';

interface Grid {
  scroller: RefObject<HTMLDivElement | null>;
  revealColumn(col: number): void;
  revealFocused(target: Element): void;
  /** Focus back on the grid itself, its active cell on the first row of `col`. */
  toCell(col: number): void;
}

type ControlSpot = Exclude<GridSpot, { kind: 'cell' }>;

const controlIn = (scroller: HTMLElement | null, spot: ControlSpot) => scroller?.querySelector<HTMLElement>(`[data-grid-control="${spot.kind}"][data-col="${spot.col}"]`) ?? null;

/**
 * The grid is one Tab stop (roving tabindex): its sort buttons and filter boxes are out of the Tab
 * order and reached by arrows (headerKeys.ts). While one of them has focus the grid itself leaves
 * the Tab order too, so Tab and Shift+Tab both leave the grid; once focus is out, the grid is the
 * stop again. A control of a column not drawn yet (columns are virtualized) is focused once its
 * column has scrolled into view and rendered.
 */
export function useHeaderFocus(grid: Grid, shape: HeaderShape) {
  const { scroller } = grid;
  const [inHeader, setInHeader] = useState(false);
  const pending = useRef<ControlSpot>(undefined);
  /** The column of the header control last focused, until a cell is: "Filters" pressed after it opens that column's box. */
  const lastControl = useRef<number>(undefined);

  useLayoutEffect(() => {
    const spot = pending.current;
    const el = spot && controlIn(scroller.current, spot);
    if (el) {
      pending.current = undefined;
      el.focus();
    }
    // the focused control's column scrolled away (by the wheel): it left the page, and the grid is the Tab stop again
    if (inHeader && !scroller.current?.contains(document.activeElement)) setInHeader(false);
  });

  const focusControl = (spot: ControlSpot) => {
    grid.revealColumn(spot.col);
    const el = controlIn(scroller.current, spot);
    if (el) el.focus();
    else pending.current = spot;
  };

  const go = (spot: GridSpot) => (spot.kind === 'cell' ? grid.toCell(spot.col) : focusControl(spot));

  /** A key on the grid or a header control: true when it moved focus (and was taken). */
  const onKey = (e: KeyboardEvent, activeCell: { row: number; col: number }): boolean => {
    const from = e.target === e.currentTarget ? { kind: 'cell' as const, col: activeCell.col } : spotOf(e.target as HTMLElement);
    const to = from && headerMove(e, from, activeCell.row, shape);
    if (!to) return false;
    e.preventDefault();
    go(to);
    return true;
  };

  return {
    /** The grid's own tabIndex: out of the Tab order while a header control holds the focus. */
    tabIndex: inHeader ? -1 : 0,
    onKey,
    /** "Filters" pressed: the caret in the filter box of the header control last focused, else `col` (the active cell's), once the boxes render. */
    focusFilter: (col: number) => focusControl({ kind: 'filter', col: lastControl.current ?? col }),
    onFocus: (e: FocusEvent) => {
      pending.current = undefined;
      const onControl = e.target !== e.currentTarget;
      lastControl.current = onControl ? spotOf(e.target as HTMLElement)?.col : undefined;
      setInHeader(onControl);
      if (onControl) grid.revealFocused(e.target);
    },
    onBlur: (e: FocusEvent) => {
      if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setInHeader(false);
    },
  };
}
