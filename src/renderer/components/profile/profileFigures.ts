import type { ColumnProfile } from '../../../shared/explore/columnProfile';
import { approx, estimatedCount } from '../../../shared/explore/profileText';
import { formatCount } from '../format';

/**
 * How a card says what each figure is of (docs/explore.md, on screen). A sampled profile's nulls,
 * distinct values, min, max and mean are over all rows and read plainly; its quartiles, deviation,
 * bars and frequent values' counts are the sample's and read as estimates, marked "≈".
 */

/** The distinct count's term: over all rows or the sample's, counted or estimated (HyperLogLog). */
export function distinctTerm(profile: ColumnProfile): string {
  const of = profile.distinctInSample ? 'Distinct in sample' : 'Distinct';
  return profile.distinctExact ? of : `${of} (approx.)`;
}

/** A sample's figure, marked "≈" (nothing to mark on "—"). */
export const sampledValue = (profile: ColumnProfile, text: string): string => (profile.sampled && text !== '—' ? approx(text) : text);

/** A sample's figure's tooltip: where it comes from, and its exact text. */
export const sampledTitle = (profile: ColumnProfile, exact: string): string => (profile.sampled ? `Estimated from a sample of ${formatCount(profile.sampled.rows)} rows: ${exact}` : exact);

/**
 * A count of the profiled rows (a bar's, a frequent value's, "Other") as it reads. A sample's is
 * scaled to all rows and marked "≈": what a person compares it with (the grid's rows, a GROUP BY,
 * the pivot) counts all rows, and a count a third of theirs misleads more than a rounded estimate.
 * Its tooltip is the sample's own count.
 */
export function countShown(profile: ColumnProfile, count: number): { text: string; title: string } {
  if (!profile.sampled) return { text: formatCount(count), title: formatCount(count) };
  const { rows, nonNull, of } = profile.sampled;
  return { text: estimatedCount(count, of - profile.nulls, nonNull), title: `${formatCount(count)} in the sample of ${formatCount(rows)} rows (of ${formatCount(of)})` };
}
