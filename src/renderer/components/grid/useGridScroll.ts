import { observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useReducer, useRef, useState } from 'react';
import { GUTTER_WIDTH, HEADER_HEIGHT, ROW_HEIGHT } from './gridGeometry';
import { columnAt, leftOf } from './scrollMemory';
import { physicalRowTop, scrollScale, type ScrollScale } from './scrollScale';
import type { Cell } from './selection';
import type { RememberedPlace } from './useRememberedPlace';

/**
 * Scrolling: rows and columns virtualized (TanStack Virtual), the scroll height compressed for
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

  // The place to start from, for the first render: the virtualizers start there, not at the top.
  const start = useRef(remembered?.start).current;
  const rowVirtualizer = useVirtualizer({
    count: rows,
    initialOffset: (start?.row ?? 0) * ROW_HEIGHT,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: headerHeight,
    overscan: 12,
    // The browser's scroll position is compressed for very tall results; the virtualizer works in real offsets.
    observeElementOffset: (instance, cb) => observeElementOffset(instance, (offset, scrolling) => cb(scale.current.toVirtual(offset), scrolling)),
  });
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
  // After the virtualizers' own mount (which scrolls to their initial offset, unmapped): the scroll
  // position for the remembered row, through the compression of this result at this viewport.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (start) {
      const mounted = scrollScale(headerHeight + rows * ROW_HEIGHT, el.clientHeight);
      el.scrollTop = Math.round(mounted.toPhysical(start.row * ROW_HEIGHT));
      el.scrollLeft = leftOf(start.column, widths);
      // Where the browser let it go (a shorter result or a taller window ends sooner), told to the
      // virtualizers: an unchanged position sends no scroll event. Rendered again before the first
      // paint, as the rows of a compressed height are placed from the scroll position, not read before.
      rowVirtualizer.scrollOffset = mounted.toVirtual(el.scrollTop);
      columnVirtualizer.scrollOffset = el.scrollLeft;
      rerender();
    }
    // unmounting (a tab switch, the result replaced): the element is still laid out in a layout cleanup
    return () => leave.current?.({ row: scale.current.toVirtual(el.scrollTop) / ROW_HEIGHT, column: columnAt(el.scrollLeft, shownWidths.current) });
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

  let scrollTop: number | undefined; // read at most once a render, and only for a compressed height
  /** Where a row at a virtual offset sits in the (possibly compressed) scrollable area. */
  const physicalTop = (virtualStart: number): number => physicalRowTop(scale.current, virtualStart, () => (scrollTop ??= scroller.current?.scrollTop ?? 0));

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
    const colStart = GUTTER_WIDTH + widths.slice(0, cell.col).reduce((a, b) => a + b, 0);
    const colEnd = colStart + (widths[cell.col] ?? 0);
    if (colStart - GUTTER_WIDTH < el.scrollLeft) el.scrollLeft = colStart - GUTTER_WIDTH;
    else if (colEnd > el.scrollLeft + el.clientWidth) el.scrollLeft = colEnd - el.clientWidth;
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
    virtualRows: rowVirtualizer.getVirtualItems(),
    virtualColumns: columnVirtualizer.getVirtualItems(),
    physicalTop,
    reveal,
    revealFocused,
    pageRows,
  };
}
