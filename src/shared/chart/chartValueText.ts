import { holdsExactNumbers } from '../explore/columnKind';
import { groupDigits, readableAverage, readableNumber } from '../explore/profileText';
import { categoryText, REST_CATEGORY } from './chartMarks';
import type { ChartDataColumn, ChartRole } from './chartDataColumn';

/** The roles whose cells DuckDB computed per mark (a count, a sum, an average, a box's quartiles), as opposed to a result's own values or bin edges. */
const COMPUTED: ReadonlySet<ChartRole> = new Set<ChartRole>(['value', 'min', 'q1', 'median', 'q3', 'max']);

export const isComputedRole = (role: ChartRole): boolean => COMPUTED.has(role);

/**
 * A computed value as the rest of the app writes one: a whole number keeps every digit, grouped
 * ("14,828"; a sum beyond 2^53 is not parsed), anything else rounded as a profile's mean or a
 * pivot's average reads ("4203.600000000008" → "4,203.6"); of an integer or DECIMAL column
 * (`valueType`, the column aggregated) as that column's profile mean reads (readableAverage), so an
 * average near 2^53 is "9,007,199,254,740,994", not "9.01e+15".
 */
export const computedValueText = (text: string, valueType?: string): string =>
  /^-?\d+$/.test(text) ? groupDigits(text) : valueType !== undefined && holdsExactNumbers(valueType) ? readableAverage(text) : readableNumber(text);

const MIDNIGHT = / 00:00:00$/;

/**
 * A time column's cells as "Chart data" writes them: as days when every one is a midnight (bins of
 * a day or longer, a DATE column's points), where " 00:00:00" on each says nothing; else as DuckDB wrote them.
 */
export function timeTexts(texts: readonly (string | null)[]): (string | null)[] {
  return texts.every((t) => t === null || MIDNIGHT.test(t)) ? texts.map((t) => t && t.replace(MIDNIGHT, '')) : [...texts];
}

/**
 * "Chart data" as a person reads it: the columns shown (a rest flag is not one) and each row's cells
 * (cellText; computed values as of a column of `valueType`, aggregatedType), the rest of a capped
 * category as categoryText writes it, a time column as days when all are midnights. The window's
 * table and the notebook's write it so.
 */
export function chartDataText(data: { readonly columns: readonly ChartDataColumn[]; readonly rows: ReadonlyArray<ReadonlyArray<string | null>> }, valueType?: string): {
  columns: (ChartDataColumn & { readonly i: number })[];
  rows: string[][];
} {
  const columns = data.columns.map((c, i) => ({ ...c, i })).filter((c) => c.kind !== 'flag');
  const texts = columns.map((c) => {
    const restAt = data.columns.findIndex((x) => x.role === `${c.role}Rest`);
    // the rest of a capped category reads as it does on the axis, not as its label '(other)', which a real value reads too
    const cells = data.rows.map((row) => (restAt >= 0 && row[restAt] === 'true' ? categoryText(REST_CATEGORY) : (row[c.i] ?? null)));
    return c.kind === 'time' ? timeTexts(cells) : cells;
  });
  return { columns, rows: data.rows.map((_, r) => columns.map((c, j) => cellText(texts[j]![r] ?? null, c, valueType))) };
}

/**
 * One cell: SQL NULL as NULL; a computed value grouped and rounded; a number of the result (a bin
 * edge, a point) with its thousands grouped as the axis ticks read ("-1,200"), every digit kept
 * (an edge stays its decimal, "1.2"); a category or a time as DuckDB wrote it.
 */
function cellText(text: string | null, c: ChartDataColumn, valueType: string | undefined): string {
  if (text === null) return 'NULL';
  if (isComputedRole(c.role)) return computedValueText(text, valueType);
  return c.kind === 'number' ? groupDigits(text) : text;
}
