import { countOf } from '../format';
import type { PivotPage } from '../../../shared/pivot/pivotPage';
import { HEADER_BOX, measureText, SORT_ICON, type MeasureText } from '../grid/columnWidths';
import { isEmptyCell, pivotCellText } from './pivotText';

/** Narrowest a row field's column gets: room for a typical group name. */
export const FIELD_WIDTH = 150;
/** Narrowest a value column gets: room for a number with grouped digits and two decimals. */
export const VALUE_WIDTH = 104;
/** The column heading a pivot's one row when it has no row field: room for "Total", not for a group's name. */
export const TOTAL_LABEL_WIDTH = 80;
/** Widest a column gets from its header; a longer header ends in an ellipsis (its button's title has it whole). */
export const MAX_COLUMN_WIDTH = 280;
/**
 * Each column's width (row fields first, then value columns): wide enough for its header's name,
 * measured as the results grid measures its own (the same `.grid-th .col-name` font), with the
 * cell's padding and border, a value header's sort icon, and 1 px for rounding; within bounds. A
 * value column is also as wide as its widest value (`values`, px of text; valueTextWidths), past
 * MAX_COLUMN_WIDTH if need be: a number is never cut.
 */
export function pivotColumnWidths(names: readonly string[], fields: number, values: readonly number[] = [], measure: MeasureText = measureText): number[] {
  return names.map((name, i) => {
    const isValue = i >= fields;
    const narrowest = isValue ? VALUE_WIDTH : FIELD_WIDTH;
    const text = measure(name, 'name');
    const header = Number.isFinite(text) ? Math.min(MAX_COLUMN_WIDTH, Math.max(narrowest, Math.ceil(text + HEADER_BOX + 1 + (isValue ? SORT_ICON : 0)))) : narrowest;
    const value = isValue ? (values[i] ?? 0) : 0;
    return Number.isFinite(value) && value > 0 ? Math.max(header, Math.ceil(value + HEADER_BOX + 1)) : header;
  });
}

/**
 * Cells are 12 px of the monospace font the header's type line is measured in at 10 px (`--mono`);
 * a monospace advance scales with the size, and its bold (subtotal rows) keeps the advance.
 */
const CELL_SCALE = 12 / 10;
const measuredPages = new WeakMap<PivotPage, number[]>();

/**
 * The px of text of each column's widest value (as pivotCellText writes it, over a Values column of
 * `valueType`; an empty cell none) over the pages at hand; 0 for row fields, which end in an
 * ellipsis instead. Measured once per page (a page is of one pivot, so of one Values column).
 */
export function valueTextWidths(pages: readonly PivotPage[], measure: MeasureText = measureText, valueType?: string): number[] {
  const widths: number[] = [];
  for (const page of pages) {
    // kept for the app's own measure only: another (a test's) measures afresh
    let measured = measure === measureText ? measuredPages.get(page) : undefined;
    if (!measured) {
      // an empty cell (no rows) is blank: nothing to make room for
      const widthOf = (v: string | null, type: string, row: number, i: number) => (isEmptyCell(page, row, i - page.rowFields) ? 0 : measure(pivotCellText(v, type, valueType), 'type') * CELL_SCALE);
      measured = page.columns.slice(1).map((c, i) => (i < page.rowFields ? 0 : Math.max(0, ...(page.values[i + 1] ?? []).map((v, row) => widthOf(v, c.type, row, i)))));
      if (measure === measureText) measuredPages.set(page, measured);
    }
    measured.forEach((w, i) => (widths[i] = Math.max(widths[i] ?? 0, w)));
  }
  return widths;
}

/** Each column's left edge, from the widths. */
export function columnLefts(widths: readonly number[]): number[] {
  let left = 0;
  return widths.map((w) => {
    const at = left;
    left += w;
    return at;
  });
}

/**
 * The panel's count, as a person reads it: the groups of the finest level (PivotPage.groups, the
 * Total and subtotal rows not counted), and a title saying so, naming the row fields. Without a row
 * field there is no group to count, only the Total row: it says so instead.
 */
export function pivotCountText(groups: number, rowFields: readonly string[]): { text: string; title: string } {
  if (rowFields.length === 0) return { text: 'Totals only', title: 'No row field: one Total row, of every row the grid shows' };
  const text = countOf(groups, 'group');
  if (rowFields.length < 2) return { text, title: `${text} of ${rowFields[0] ?? ''}; the Total row is not counted` };
  return { text, title: `${text} of ${rowFields.join(' › ')}, collapsed ones included; subtotal rows and the Total row are not counted` };
}
