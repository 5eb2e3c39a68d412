import { groupDigits, readableNumber } from '../explore/profileText';
import type { ChartRole } from './chartSql';

/** The roles whose cells DuckDB computed per mark (a count, a sum, an average, a box's quartiles), as opposed to a result's own values or bin edges. */
const COMPUTED: ReadonlySet<ChartRole> = new Set<ChartRole>(['value', 'min', 'q1', 'median', 'q3', 'max']);

export const isComputedRole = (role: ChartRole): boolean => COMPUTED.has(role);

/**
 * A computed value as the rest of the app writes one: a whole number keeps every digit, grouped
 * ("14,828"; a sum beyond 2^53 is not parsed), anything else rounded as a profile's mean or a
 * pivot's average reads ("4203.600000000008" → "4,203.6").
 */
export const computedValueText = (text: string): string => (/^-?\d+$/.test(text) ? groupDigits(text) : readableNumber(text));

const MIDNIGHT = / 00:00:00$/;

/**
 * A time column's cells as "Chart data" writes them: as days when every one is a midnight (bins of
 * a day or longer, a DATE column's points), where " 00:00:00" on each says nothing; else as DuckDB wrote them.
 */
export function timeTexts(texts: readonly (string | null)[]): (string | null)[] {
  return texts.every((t) => t === null || MIDNIGHT.test(t)) ? texts.map((t) => t && t.replace(MIDNIGHT, '')) : [...texts];
}
