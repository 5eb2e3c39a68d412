import { columnKind, holdsExactNumbers } from '../explore/columnKind';
import { floatText, groupDigits, wholeDigitsText } from '../explore/profileText';

/**
 * A pivot's value as a person reads it, in the grid (components/pivot/pivotText.ts) and the
 * notebook (share/notebookPivot.ts) alike. Floats (averages, medians) by floatText, the rule a
 * profile card's DOUBLE figures follow too: two decimals each, grouped thousands, three significant
 * digits in scientific notation where two decimals would hide the value or digits stop being
 * readable. A float of an integer or DECIMAL Values column (`valueType`: an Average of a BIGINT)
 * from a quadrillion to 1e17 keeps its whole digits, grouped, as the profile's mean of that column
 * reads (wholeDigitsText): "9,007,199,254,740,994", not "9.01e+15". Integers and decimals are
 * DuckDB's exact text with grouped digits. SQL NULL is each caller's to draw.
 */
export function pivotNumberText(text: string, duckdbType: string, valueType?: string): string {
  if (columnKind(duckdbType).kind !== 'float') return groupDigits(text);
  return (valueType !== undefined && holdsExactNumbers(valueType) ? wholeDigitsText(text) : undefined) ?? floatText(text);
}
