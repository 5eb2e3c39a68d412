import { countOf } from '../format';
import { HEADER_BOX, measureText, SORT_ICON, type MeasureText } from '../grid/columnWidths';

/** Narrowest a row field's column gets: room for a typical group name. */
export const FIELD_WIDTH = 150;
/** Narrowest a value column gets: room for a number with grouped digits and two decimals. */
export const VALUE_WIDTH = 104;
/** Widest a column gets from its header; a longer header ends in an ellipsis (its button's title has it whole). */
export const MAX_COLUMN_WIDTH = 280;
/**
 * Each column's width (row fields first, then value columns): wide enough for its header's name,
 * measured as the results grid measures its own (the same `.grid-th .col-name` font), with the
 * cell's padding and border, a value header's sort icon, and 1 px for rounding; within bounds.
 */
export function pivotColumnWidths(names: readonly string[], fields: number, measure: MeasureText = measureText): number[] {
  return names.map((name, i) => {
    const isValue = i >= fields;
    const narrowest = isValue ? VALUE_WIDTH : FIELD_WIDTH;
    const text = measure(name, 'name');
    if (!Number.isFinite(text)) return narrowest;
    return Math.min(MAX_COLUMN_WIDTH, Math.max(narrowest, Math.ceil(text + HEADER_BOX + 1 + (isValue ? SORT_ICON : 0))));
  });
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
 * Total and subtotal rows not counted), and a title saying so, naming the row fields.
 */
export function pivotCountText(groups: number, rowFields: readonly string[]): { text: string; title: string } {
  const text = countOf(groups, 'group');
  if (rowFields.length < 2) return { text, title: `${text} of ${rowFields[0] ?? ''}; the Total row is not counted` };
  return { text, title: `${text} of ${rowFields.join(' › ')}, collapsed ones included; subtotal rows and the Total row are not counted` };
}
