import type { ColumnProfile } from '../../../shared/explore/columnProfile';
import { approx, estimatedCount } from '../../../shared/explore/profileText';
import { formatCount } from '../format';
import { cellShown, EMPTY_TEXT } from '../grid/cellText';
import { filterRefusal } from '../../../shared/explore/filterInput';

/**
 * How a card says what each figure is of (docs/explore.md, on screen). A sampled profile's nulls,
 * distinct values, min, max, mean and frequent values' counts are over all rows and read plainly
 * (the sample only chose which values are listed, and the card says so); its quartiles, deviation
 * and bars are the sample's and read as estimates, marked "≈".
 */

/** The distinct count's term: over all rows or the sample's. */
export const distinctTerm = (profile: ColumnProfile): string => (profile.distinctInSample ? 'Distinct in sample' : 'Distinct');

/**
 * The distinct count as shown: an estimate (HyperLogLog) marked "≈" as the card's other estimates
 * are, with what it is in its tooltip; a term "(approx.)" beside them marked estimates a second way.
 */
export function distinctShown(profile: ColumnProfile): { value: string; title: string } {
  const count = formatCount(profile.distinct);
  return profile.distinctExact ? { value: count, title: count } : { value: approx(count), title: `Estimated with HyperLogLog: ${count}` };
}

/** A sample's figure, marked "≈" (nothing to mark on "—"). */
export const sampledValue = (profile: ColumnProfile, text: string): string => (profile.sampled && text !== '—' ? approx(text) : text);

/** A sample's figure's tooltip: where it comes from, and its exact text. */
export const sampledTitle = (profile: ColumnProfile, exact: string): string => (profile.sampled ? `Estimated from a sample of ${formatCount(profile.sampled.rows)} rows: ${exact}` : exact);

/** A most frequent value as its row reads: "(empty)" for '', and cut as the grid cuts a cell (a long value comes cut already, profileTops.ts; one of 1,000 emoji is 2,000 UTF-16 units). */
export const topValueLabel = (value: string): string => (value === '' ? EMPTY_TEXT : cellShown(value));

/**
 * Why a most frequent value is no filter button (its tooltip), or undefined when it is one. A value
 * main would refuse as a filter (over 1,000 characters) is shown, not offered, in the words of the
 * grid's filter box ("Too long: at most 1,000 characters"). So is one cut for the card
 * (profileTops.ts): its label, CELL_CHARS characters and "…", is always longer (its unit test
 * says so), and its text is not the value and would filter to other rows, or none.
 */
export function topValueRefusal(column: number, top: { readonly value: string }): string | undefined {
  const why = filterRefusal([{ column, op: 'eq', value: top.value }]);
  if (why === undefined) return undefined;
  return why.startsWith('Too long: ') ? `Too long to filter by: ${why.slice('Too long: '.length)}` : `Cannot filter by this value: ${why}`;
}

/**
 * Where a sampled card's most frequent values come from, under them: the sample chose them, all rows
 * counted them (profileTops.ts). '' when every row was profiled.
 */
export function topValuesNote(profile: ColumnProfile): string {
  if (!profile.sampled) return '';
  return `Values chosen from a sample of ${formatCount(profile.sampled.rows)} rows, counted over all ${formatCount(profile.sampled.of)}`;
}

/**
 * A bar's count of the profiled rows as it reads. A sample's is
 * scaled to all rows and marked "≈": what a person compares it with (the grid's rows, a GROUP BY,
 * the pivot) counts all rows, and a count a third of theirs misleads more than a rounded estimate.
 * Its tooltip is the sample's own count.
 */
export function countShown(profile: ColumnProfile, count: number): { text: string; title: string } {
  // a frequent value's or "Other"'s count is of all rows, sampled or not
  if (!profile.sampled || profile.kind === 'categorical') return { text: formatCount(count), title: formatCount(count) };
  const { rows, nonNull, of } = profile.sampled;
  return { text: estimatedCount(count, of - profile.nulls, nonNull), title: `${formatCount(count)} in the sample of ${formatCount(rows)} rows (of ${formatCount(of)})` };
}
