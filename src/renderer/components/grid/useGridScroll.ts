import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useReducer, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { GUTTER_WIDTH, HEADER_HEIGHT, ROW_HEIGHT, scrollLeftShowing } from './gridGeometry';
import { rowStart, rowWindow, sameWindow, type RowWindow } from './rowWindow';
import { columnAt, leftOf } from './scrollMemory';
import { physicalRowTop, scrollScale, type ScrollScale } from './scrollScale';
import type { Cell } from './selection';
import type { RememberedPlace } from './useRememberedPlace';

/** A row to render: its index, and where it starts in real ("virtual") pixels, under the header. */
export interface ShownRow {
  readonly index: number;
  readonly start: number;
}

/**
 * Scrolling: the rows on screen computed from the scroll position (rowWindow.ts: rows are of one
 * height, so it costs the same for 10 rows as for 10 M), the columns virtualized (TanStack
 * Virtual: a few hundred at most, of measured widths), the scroll height compressed for
 * very tall results (scrollScale), `reveal` to bring a cell into view below the sticky header
 * and right of the row numbers, and the place the grid was left in, started from on its next mount.
 */
/** `headerHeight`: the sticky header, with the filter row when it is shown; rows start below it. */
/** `view`: the key of the sort and filters shown; another one goes back to the first row. */
export function useGridScroll(rows: number, columns: number, widths: readonly number[], headerHeight = HEADER_HEIGHT, remembered?: RememberedPlace, view = '') {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(600);
  const scale = useRef<ScrollScale>(scrollScale(0, 0));
  scale.current = scrollScale(headerHeight + rows * ROW_HEIGHT, viewport);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  // The place to start from, for the first render: the rows and columns start there, not at the top.
  const start = useRef(remembered?.start).current;
  // The browser's scroll position as last seen (a scroll event, the mount): the rows shown are computed from it.
  const scrollTop = useRef<number | undefined>(undefined);
  scrollTop.current ??= Math.round(scale.current.toPhysical((start?.row ?? 0) * ROW_HEIGHT));
  // A compressed height places rows from the scroll position itself (physicalRowTop): read it now,
  // the one layout read of a render; otherwise a scroll event's value is as good and forces nothing.
  if (scale.current.compressed && scroller.current) scrollTop.current = scroller.current.scrollTop;
  const windowAt = (top: number): RowWindow => rowWindow(scale.current.toVirtual(top), viewport, headerHeight, rows);
  const shown = windowAt(scrollTop.current);
  // What this render showed, for the scroll listener to tell whether the next position changes it.
  const rendered = useRef({ shown, top: scrollTop.current, windowAt });
  rendered.current = { shown, top: scrollTop.current, windowAt };

  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => widths[i] ?? 120,
    paddingStart: GUTTER_WIDTH,
    overscan: 3,
    initialOffset: start ? leftOf(start.column, widths) : 0,
  });
  useLayoutEffect(() => columnVirtualizer.measure(), [widths, columnVirtualizer]);

  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const leave = useRef(remembered?.leave);
  leave.current = remembered?.leave;
  // the widths as they are when the grid goes, to tell which column it was left at
  const shownWidths = useRef(widths);
  shownWidths.current = widths;
  // After the column virtualizer's own mount (which scrolls to its initial offset): the scroll
  // position for the remembered row, through the compression of this result at this viewport.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (start) {
      const mounted = scrollScale(headerHeight + rows * ROW_HEIGHT, el.clientHeight);
      el.scrollTop = Math.round(mounted.toPhysical(start.row * ROW_HEIGHT));
      el.scrollLeft = leftOf(start.column, widths);
      // Where the browser let it go (a shorter result or a taller window ends sooner): an unchanged
      // position sends no scroll event. Rendered again before the first paint.
      scrollTop.current = el.scrollTop;
      columnVirtualizer.scrollOffset = el.scrollLeft;
      rerender();
    }
    // Rendered again at once when a scroll shows other rows (or moves a compressed height's rows,
    // placed from the position): at the next frame's scroll event, before it paints, as TanStack did.
    const onScroll = () => {
      const top = el.scrollTop;
      scrollTop.current = top;
      const last = rendered.current;
      if (top === last.top || (!scale.current.compressed && sameWindow(last.windowAt(top), last.shown))) return;
      flushSync(rerender);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      // unmounting (a tab switch, the result replaced): the element is still laid out in a layout cleanup
      leave.current?.({ row: scale.current.toVirtual(el.scrollTop) / ROW_HEIGHT, column: columnAt(el.scrollLeft, shownWidths.current) });
    };
  }, []);

  // A new sort or filter puts other rows at every index and the selection at the first cell: the
  // view goes to the top with it (same columns), not left at the bottom. Not on mount: a tab
  // switched back to starts where it was left (above).
  const shownView = useRef(view);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (shownView.current === view || !el) return;
    shownView.current = view;
    el.scrollTop = 0;
  }, [view]);

  /** Where a row at a virtual offset sits in the (possibly compressed) scrollable area. */
  const physicalTop = (virtualStart: number): number => physicalRowTop(scale.current, virtualStart, () => scrollTop.current ?? 0);
  const shownRows: ShownRow[] = [];
  for (let index = shown.first; index <= shown.last; index++) shownRows.push({ index, start: rowStart(index, headerHeight) });

  /** Scrolls just enough to show a cell below the sticky header and right of the row numbers. */
  const reveal = (cell: Cell) => {
    const el = scroller.current;
    if (!el) return;
    const virtualTop = scale.current.toVirtual(el.scrollTop);
    const rowTop = headerHeight + cell.row * ROW_HEIGHT;
    const visibleRows = el.clientHeight - headerHeight;
    let target = virtualTop;
    if (rowTop - headerHeight < virtualTop) target = rowTop - headerHeight;
    else if (rowTop + ROW_HEIGHT > virtualTop + headerHeight + visibleRows) target = rowTop + ROW_HEIGHT - headerHeight - visibleRows;
    if (target !== virtualTop) el.scrollTop = Math.round(scale.current.toPhysical(target));
    revealColumn(cell.col);
  };

  /** Scrolls sideways just enough to show a column, right of the row numbers (the header is sticky): whole, or its start when wider than the room. */
  const revealColumn = (col: number) => {
    const el = scroller.current;
    if (!el) return;
    const colStart = GUTTER_WIDTH + widths.slice(0, col).reduce((a, b) => a + b, 0);
    const colEnd = colStart + (widths[col] ?? 0);
    const left = scrollLeftShowing(el.scrollLeft, el.clientWidth, colStart, colEnd);
    if (left !== el.scrollLeft) el.scrollLeft = left;
  };

  /**
   * A header's button or a filter box just focused (Tab, a click, a search): its column shown whole
   * right of the sticky row numbers. The browser's own scrolling into view does not know of them, and
   * leaves a column partly under them as it is.
   */
  const revealFocused = (target: Element) => {
    const el = scroller.current;
    const column = target.closest('.grid-th, .grid-filter') ?? target;
    if (!el || column === el) return;
    const hidden = el.getBoundingClientRect().left + el.clientLeft + GUTTER_WIDTH - column.getBoundingClientRect().left;
    if (hidden > 0) el.scrollLeft -= hidden;
  };

  /** Rows a PageUp/PageDown moves: a screenful less one, so the last row stays in sight. */
  const pageRows = () => Math.max(1, Math.floor(((scroller.current?.clientHeight ?? 600) - headerHeight) / ROW_HEIGHT) - 1);

  return {
    scroller,
    physicalSize: scale.current.physicalSize,
    virtualRows: shownRows,
    virtualColumns: columnVirtualizer.getVirtualItems(),
    physicalTop,
    reveal,
    revealColumn,
    revealFocused,
    pageRows,
  };
}
