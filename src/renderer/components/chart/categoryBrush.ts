import { MAX_FILTER_VALUES } from '../../../shared/contracts/limits';
import type { KeyRange } from './keyboardBrush';

/*
 * Brushing along a category axis (docs/charts.md, "Brushing bars", "A rectangle over categories"):
 * a drag across the bars (or a scatter's or heatmap's categories), or Shift+arrows, selects every
 * band its interval covers, recorded as one `in` filter of their values, at most MAX_FILTER_VALUES.
 * (other) and NULL are drawn but cannot be named by value (the one is every category past the top
 * ones, the other is no value), so an interval skips them: it selects the named bands it covers.
 */

/** A category's band on a category axis, in the SVG's pixels along that axis (x, or y): [from, to). */
export interface CategoryBand {
  readonly category: string;
  readonly from: number;
  readonly to: number;
}

/**
 * The categories a drag from pixel `a` to `b` covers: those whose band it touches, in drawn order
 * (left to right, top to bottom), `unselectable` ones skipped; at most `max` (a filter's limit of
 * values), the ones nearest where the drag started. None when it touches only gaps or unselectable bands.
 */
export function categoriesCovered(bands: readonly CategoryBand[], a: number, b: number, unselectable: readonly string[], max = MAX_FILTER_VALUES): string[] {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const covered = [...bands]
    .sort((p, q) => p.from - q.from)
    .filter((band) => band.from <= hi && band.to > lo && !unselectable.includes(band.category))
    .map((band) => band.category);
  return a <= b ? covered.slice(0, max) : covered.slice(-max);
}

/** The pixels a selection of categories spans, from its leftmost band's start to its rightmost's end; undefined when none of them is drawn. */
export function categoriesSpan(bands: readonly CategoryBand[], values: readonly string[]): readonly [number, number] | undefined {
  const chosen = bands.filter((band) => values.includes(band.category));
  if (chosen.length === 0) return undefined;
  return [Math.min(...chosen.map((band) => band.from)), Math.max(...chosen.map((band) => band.to))];
}

/**
 * The keys' range over the selectable `categories` (in drawn order) that a selection covers, so keys
 * carry on from a click, a drag or a reload: anchored at its first, focused on its last. Undefined
 * when none of its values is a bar any more.
 */
export function categoryKeyRange(categories: readonly string[], values: readonly string[]): KeyRange | undefined {
  const at = values.map((v) => categories.indexOf(v)).filter((i) => i >= 0);
  return at.length === 0 ? undefined : { anchor: Math.min(...at), focus: Math.max(...at) };
}

/** A keys' range holding at most `max` categories (a filter's limit of values): its focus kept within reach of its anchor. */
export function capKeyRange(range: KeyRange, max = MAX_FILTER_VALUES): KeyRange {
  const reach = Math.max(0, max - 1);
  return { anchor: range.anchor, focus: Math.max(range.anchor - reach, Math.min(range.anchor + reach, range.focus)) };
}

/** The categories a keys' range covers, in the order of the axis's stops. */
export function categoriesOfKeyRange(categories: readonly string[], range: KeyRange): string[] {
  return categories.slice(Math.max(0, Math.min(range.anchor, range.focus)), Math.max(range.anchor, range.focus) + 1);
}
