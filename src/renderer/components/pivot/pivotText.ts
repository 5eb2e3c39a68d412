import { columnKind } from '../../../shared/explore/columnKind';
import { groupDigits, readableNumber } from '../../../shared/explore/profileText';
import type { PivotPage } from '../../../shared/pivot/pivotPage';
import { pivotLayoutWords, type PivotSpec } from '../../../shared/pivot/pivotSpec';

/** SQL NULL as the results grid shows it (muted and italic there and here: `.pivot-null`). */
export const NULL_TEXT = 'NULL';

const fixedTwo = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * A pivot cell as a person reads it. Floats (averages, medians) have two decimals each, so a
 * column's values line up ("13.00" above "21.85"), with grouped thousands; where two decimals would
 * hide the value (a non-zero value under 0.005 reading "0.00") or a row of digits stops being
 * readable (a quadrillion and up), readableNumber's significant digits. Integers and decimals are
 * DuckDB's exact text with grouped digits. SQL NULL (an average of only NULLs) reads NULL, as the
 * results grid shows it; a cell with no rows is not NULL but empty (pivotValueLabel).
 */
export function pivotCellText(text: string | null, duckdbType: string): string {
  if (text === null) return NULL_TEXT;
  if (columnKind(duckdbType).kind !== 'float') return groupDigits(text);
  const n = Number(text);
  const size = Math.abs(n);
  return Number.isFinite(n) && size < 1e15 && (n === 0 || size >= 0.005) ? fixedTwo.format(n) : readableNumber(text);
}

/**
 * A value cell as drawn: '' where its combination of group and column key has no rows (`empty`,
 * PivotPage.empty: blank, as Excel, TablePlus and Tad leave it, so "no rows" is read neither as a
 * NULL value nor as 0), null for an aggregate that is SQL NULL (drawn as the grid draws NULL),
 * else pivotCellText's text.
 */
export function pivotValueLabel(text: string | null, duckdbType: string, empty: boolean): string | null {
  if (empty) return '';
  return text === null ? null : pivotCellText(text, duckdbType);
}

/** Whether value column `valueColumn` (0-based among them) of the page's row `row` has no rows (PivotPage.empty). */
export const isEmptyCell = (page: Pick<PivotPage, 'empty'>, row: number, valueColumn: number): boolean => page.empty?.[row]?.includes(valueColumn) ?? false;

/**
 * A row or column field's value in a button's name or a title: SQL NULL as NULL, and a text that
 * reads so ('null', 'NULL') in quotes, so "Collapse NULL" is always the NULL group and never a text.
 */
export function valueName(value: string | null): string {
  if (value === null) return NULL_TEXT;
  return value.toUpperCase() === NULL_TEXT ? `'${value}'` : value;
}

/**
 * A pivot in words, as the history names it: "Average of delay by origin, destination across
 * month"; without row fields "Count of delay across month", or "Sum of delay" (totals only).
 */
export function pivotTitle(spec: Pick<PivotSpec, 'aggregate' | 'values' | 'rows' | 'columns'>): string {
  return `${spec.aggregate} of ${spec.values}${pivotLayoutWords(spec)}`;
}
