/** Fixed sizes of the grid, in CSS pixels: rows are fixed-height so any row's offset is arithmetic. */
export const ROW_HEIGHT = 24;
export const HEADER_HEIGHT = 40;
/** The sticky row-number column: wide enough for a grouped "10,000,000" in the grid's 12 px mono. The stylesheet reads it as `--gutter-width`. */
export const GUTTER_WIDTH = 84;

export const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));
/** The row of filter boxes under the header, when shown. */
export const FILTER_ROW_HEIGHT = 30;

/**
 * The scrollLeft that shows a column (`start`..`end`, from the grid's left edge) right of the sticky
 * row numbers, moving as little as it can. A column wider than the room shows its start, where its
 * name and left-aligned text are, as a spreadsheet does: aligned to its end it showed a blank.
 */
export function scrollLeftShowing(scrollLeft: number, clientWidth: number, start: number, end: number): number {
  if (start - GUTTER_WIDTH < scrollLeft) return start - GUTTER_WIDTH;
  if (end > scrollLeft + clientWidth) return Math.min(end - clientWidth, start - GUTTER_WIDTH);
  return scrollLeft;
}
