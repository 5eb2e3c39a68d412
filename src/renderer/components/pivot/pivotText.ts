import { cellShown, EMPTY_TEXT } from '../grid/cellText';
import { pivotNumberText } from '../../../shared/pivot/pivotCellText';
import type { PivotPage } from '../../../shared/pivot/pivotPage';
import { pivotLayoutWords, type PivotSpec } from '../../../shared/pivot/pivotSpec';

/** SQL NULL as the results grid shows it (muted and italic there and here: `.pivot-null`). */
export const NULL_TEXT = 'NULL';

/**
 * A pivot cell (of `duckdbType`, over a Values column of `valueType`) as a person reads it
 * (pivotNumberText); SQL NULL (an average of only NULLs) reads NULL, as the results grid shows it; a
 * cell with no rows is not NULL but empty (pivotValueLabel).
 */
export function pivotCellText(text: string | null, duckdbType: string, valueType?: string): string {
  return text === null ? NULL_TEXT : pivotNumberText(text, duckdbType, valueType);
}

/**
 * A value cell as drawn: '' where its combination of group and column key has no rows (`empty`,
 * PivotPage.empty: blank, as Excel, TablePlus and Tad leave it, so "no rows" is read neither as a
 * NULL value nor as 0), null for an aggregate that is SQL NULL (drawn as the grid draws NULL),
 * else pivotCellText's text.
 */
export function pivotValueLabel(text: string | null, duckdbType: string, empty: boolean, valueType?: string): string | null {
  if (empty) return '';
  return text === null ? null : pivotCellText(text, duckdbType, valueType);
}

/** Whether value column `valueColumn` (0-based among them) of the page's row `row` has no rows (PivotPage.empty). */
export const isEmptyCell = (page: Pick<PivotPage, 'empty'>, row: number, valueColumn: number): boolean => page.empty?.[row]?.includes(valueColumn) ?? false;

/**
 * A category's value in a button's name, a title or a chart's selection: SQL NULL as NULL, the empty
 * text as (empty), and a text that reads as either ('null', 'NULL', '(empty)') in quotes, so
 * "Collapse NULL" is always the NULL group and never a text; cut as a grid cell cuts it (a 1 MB
 * value is not read out whole).
 */
export function valueName(value: string | null): string {
  if (value === null) return NULL_TEXT;
  if (value === '') return EMPTY_TEXT;
  const shown = cellShown(value);
  return shown.toUpperCase() === NULL_TEXT || shown === EMPTY_TEXT ? `'${shown}'` : shown;
}

/**
 * A pivot in words, as the history names it: "Average of delay by origin, destination across
 * month"; without row fields "Count of delay across month", or "Sum of delay" (totals only).
 */
export function pivotTitle(spec: Pick<PivotSpec, 'aggregate' | 'values' | 'rows' | 'columns'>): string {
  return `${spec.aggregate} of ${spec.values}${pivotLayoutWords(spec)}`;
}
