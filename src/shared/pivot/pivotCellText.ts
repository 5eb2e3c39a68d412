import { columnKind } from '../explore/columnKind';
import { floatText, groupDigits } from '../explore/profileText';

/**
 * A pivot's value as a person reads it, in the grid (components/pivot/pivotText.ts) and the
 * notebook (share/notebookPivot.ts) alike. Floats (averages, medians) by floatText, the rule a
 * profile card's DOUBLE figures follow too: two decimals each, grouped thousands, three significant
 * digits in scientific notation where two decimals would hide the value or digits stop being
 * readable. Integers and decimals are DuckDB's exact text with grouped digits. SQL NULL is each caller's to draw.
 */
export function pivotNumberText(text: string, duckdbType: string): string {
  return columnKind(duckdbType).kind === 'float' ? floatText(text) : groupDigits(text);
}
