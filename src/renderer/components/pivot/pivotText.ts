import { columnKind } from '../../../shared/explore/columnKind';
import { groupDigits } from '../../../shared/explore/profileText';

const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * A pivot cell as a person reads it: floats (averages) with grouped thousands and at most two
 * decimals; integers and decimals are DuckDB's exact text with grouped digits; NULL (an empty cell) blank.
 */
export function pivotCellText(text: string | null, duckdbType: string): string {
  if (text === null) return '';
  if (columnKind(duckdbType).kind === 'float') {
    const n = Number(text);
    return Number.isFinite(n) ? twoDecimals.format(n) : text;
  }
  return groupDigits(text);
}
