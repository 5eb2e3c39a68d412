import { columnKind } from '../../../shared/explore/columnKind';
import { groupDigits, readableNumber } from '../../../shared/explore/profileText';

/**
 * A pivot cell as a person reads it: floats (averages) as readableNumber writes them (at most two
 * decimals, grouped); integers and decimals are DuckDB's exact text with grouped digits; NULL (an empty cell) blank.
 */
export function pivotCellText(text: string | null, duckdbType: string): string {
  if (text === null) return '';
  return columnKind(duckdbType).kind === 'float' ? readableNumber(text) : groupDigits(text);
}
