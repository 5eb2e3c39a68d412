import { columnKind } from '../explore/columnKind';
import { groupDigits, readableNumber } from '../explore/profileText';

const fixedTwo = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * A pivot's value as a person reads it, in the grid (components/pivot/pivotText.ts) and the
 * notebook (share/notebookPivot.ts) alike. Floats (averages, medians) have two decimals each, so a
 * column's values line up ("13.00" above "21.85"), with grouped thousands; where two decimals would
 * hide the value (a non-zero value under 0.005 reading "0.00") or a row of digits stops being
 * readable (a quadrillion and up), readableNumber's significant digits. Integers and decimals are
 * DuckDB's exact text with grouped digits. SQL NULL is each caller's to draw.
 */
export function pivotNumberText(text: string, duckdbType: string): string {
  if (columnKind(duckdbType).kind !== 'float') return groupDigits(text);
  const n = Number(text);
  const size = Math.abs(n);
  return Number.isFinite(n) && size < 1e15 && (n === 0 || size >= 0.005) ? fixedTwo.format(n) : readableNumber(text);
}
