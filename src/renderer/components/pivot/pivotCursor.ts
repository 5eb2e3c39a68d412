/** A pivot row's height, in CSS pixels: fixed, so a row's offset is arithmetic. */
export const PIVOT_ROW_HEIGHT = 24;

/** What the pivot's scroller shows: its scroll offsets and inner size. */
export interface PivotViewport {
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The scroll offsets that show a cell (its row, its column's edges) whole below the sticky header,
 * moving as little as they can; a column wider than the room shows its start, where its text is.
 * Rows are counted from the first one under the header, which scrolls with them in flow.
 */
export function scrollShowing(view: PivotViewport, headerHeight: number, row: number, colLeft: number, colRight: number): { top: number; left: number } {
  const rowTop = row * PIVOT_ROW_HEIGHT;
  const room = Math.max(PIVOT_ROW_HEIGHT, view.height - headerHeight);
  let top = view.top;
  if (rowTop < top) top = rowTop;
  else if (rowTop + PIVOT_ROW_HEIGHT > top + room) top = rowTop + PIVOT_ROW_HEIGHT - room;
  let left = view.left;
  if (colLeft < left) left = colLeft;
  else if (colRight > left + view.width) left = Math.min(colRight - view.width, colLeft);
  return { top, left };
}

/** Rows a PageUp/PageDown moves: a screenful less one, so the last row stays in sight. */
export const pageRowsOf = (height: number, headerHeight: number): number => Math.max(1, Math.floor((height - headerHeight) / PIVOT_ROW_HEIGHT) - 1);
