import { ROW_HEIGHT } from './gridGeometry';

/** Rows [first, last] to render, by index; last < first: none. */
export interface RowWindow {
  readonly first: number;
  readonly last: number;
}

/** Rows rendered beyond each edge of the viewport, so a short scroll shows rows already there. */
export const ROW_OVERSCAN = 12;

export const NO_ROWS: RowWindow = { first: 0, last: -1 };

/**
 * The rows a viewport `viewport` px tall shows at real scroll offset `offset`, rows starting
 * `headerHeight` px down (under the sticky header), plus `overscan` rows each side. Arithmetic, as
 * rows are of one height: O(1) whatever the row count. A list virtualizer (TanStack) kept a
 * measurement per row, rebuilt at every new count: 10 M rows cost a second per tab switch, and as
 * much per progress frame while such a result streamed in.
 */
export function rowWindow(offset: number, viewport: number, headerHeight: number, rows: number, overscan = ROW_OVERSCAN): RowWindow {
  if (rows <= 0 || viewport <= 0) return NO_ROWS;
  const lastRow = rows - 1;
  const start = Math.min(lastRow, Math.max(0, Math.floor((offset - headerHeight) / ROW_HEIGHT)));
  // the last row whose top is above the viewport's bottom edge
  const end = Math.min(lastRow, Math.max(start, Math.ceil((offset + viewport - headerHeight) / ROW_HEIGHT) - 1));
  return { first: Math.max(0, start - overscan), last: Math.min(lastRow, end + overscan) };
}

/** Where row `index` starts in real pixels: below the header, one fixed height per row. */
export const rowStart = (index: number, headerHeight: number): number => headerHeight + index * ROW_HEIGHT;

export const sameWindow = (a: RowWindow, b: RowWindow): boolean => a.first === b.first && a.last === b.last;
