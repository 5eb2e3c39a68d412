import type { KeyRange } from './keyboardBrush';

/*
 * Brushing bars of categories (docs/charts.md, "Brushing bars"): a drag across the bars, or
 * Shift+arrows, selects every bar its interval covers, recorded as one `in` filter of their values.
 * (other) and NULL bars are drawn but cannot be named by value (the one is every category past the
 * top ones, the other is no value), so an interval skips them: it selects the named bars it covers.
 */

/** A bar's band on a category axis, in the SVG's pixels: [from, to). */
export interface CategoryBand {
  readonly category: string;
  readonly from: number;
  readonly to: number;
}

/**
 * The categories a drag between two pixels covers: those whose band it touches, in drawn order (left
 * to right), `unselectable` ones skipped. None when it touches only gaps or unselectable bars.
 */
export function categoriesCovered(bands: readonly CategoryBand[], a: number, b: number, unselectable: readonly string[]): string[] {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return [...bands]
    .sort((p, q) => p.from - q.from)
    .filter((band) => band.from <= hi && band.to > lo && !unselectable.includes(band.category))
    .map((band) => band.category);
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

/** The categories a keys' range covers, in drawn order. */
export function categoriesOfKeyRange(categories: readonly string[], range: KeyRange): string[] {
  return categories.slice(Math.max(0, Math.min(range.anchor, range.focus)), Math.max(range.anchor, range.focus) + 1);
}
