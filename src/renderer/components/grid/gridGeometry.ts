/** Fixed sizes of the grid, in CSS pixels: rows are fixed-height so any row's offset is arithmetic. */
export const ROW_HEIGHT = 24;
export const HEADER_HEIGHT = 40;
/** The sticky row-number column: wide enough for a grouped "10,000,000" in the grid's 12 px mono. The stylesheet reads it as `--gutter-width`. */
export const GUTTER_WIDTH = 84;

export const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));
/** The row of filter boxes under the header, when shown. */
export const FILTER_ROW_HEIGHT = 30;
