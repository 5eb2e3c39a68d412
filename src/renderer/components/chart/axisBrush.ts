import { utc } from '../../../shared/chart/chartMarks';
import { brushRange, type AxisSelection } from './brushRange';
import { capKeyRange, categoriesCovered, categoriesOfKeyRange, categoriesSpan, categoryKeyRange } from './categoryBrush';
import type { AxisScale } from './chartBrush';
import { keyRangeOf, keyRangeText, type BrushStop, type KeyRange } from './keyboardBrush';

/*
 * Brushing along one axis whatever it holds (docs/charts.md): a number or time axis selects a range,
 * a category axis the categories it covers. A chart's brush is one of these per axis it brushes
 * (X, and Y on a scatter or heatmap), so a rectangle over a category axis is no special case.
 */

/** How a continuous axis snaps what it selects: to main's brush step (X of a number), to whole days for a DATE column. */
export interface AxisSnap {
  readonly step?: number | undefined;
  readonly dateOnly: boolean;
}

/** What a drag from pixel `from` to `to` along an axis selects: a range (snapped), or the categories it covers (none: undefined). */
export function draggedAlong(axis: AxisScale, from: number, to: number, snap: AxisSnap, unselectable: readonly string[]): AxisSelection | undefined {
  switch (axis.kind) {
    case 'continuous': {
      const range = brushRange(axis.toValue(from), axis.toValue(to), snap);
      return range && { kind: 'range', ...range };
    }
    case 'bands': {
      const values = categoriesCovered(axis.bands, from, to, unselectable);
      return values.length > 0 ? { kind: 'categories', values } : undefined;
    }
  }
}

/** The pixels a selection spans along an axis (undefined when it is not of the axis's kind, or not drawn on it). `time`: the range's text is an instant. */
export function spanAlong(axis: AxisScale, selection: AxisSelection | undefined, time: boolean): readonly [number, number] | undefined {
  if (!selection) return undefined;
  if (axis.kind === 'continuous' && selection.kind === 'range') {
    const at = (text: string) => axis.toPx(time ? utc(text) : Number(text));
    return [at(selection.lo), at(selection.hi)];
  }
  if (axis.kind === 'bands' && selection.kind === 'categories') return categoriesSpan(axis.bands, selection.values);
  return undefined;
}

/** The pixels a drag in progress covers: a continuous axis the pointer's own, a category axis the bands it selects so far. */
export function dragSpanAlong(axis: AxisScale, from: number, to: number, unselectable: readonly string[]): readonly [number, number] | undefined {
  switch (axis.kind) {
    case 'continuous':
      return [from, to];
    case 'bands':
      return categoriesSpan(axis.bands, categoriesCovered(axis.bands, from, to, unselectable));
  }
}

/** An axis as the keys see it: how many stops it has, the range of them it allows, the stops a selection covers, and the selection a range of stops makes. */
export interface KeyAxis {
  readonly count: number;
  fit(range: KeyRange): KeyRange;
  rangeOf(selection: AxisSelection | undefined): KeyRange | undefined;
  selectionOf(range: KeyRange): AxisSelection | undefined;
}

/** A continuous axis's stops (keyboardBrush.ts) as a key axis; `time`: the stops' text is an instant. */
export function rangeKeyAxis(stops: readonly BrushStop[], time: boolean): KeyAxis {
  return {
    count: stops.length,
    fit: (range) => range,
    rangeOf: (s) => (s?.kind === 'range' ? keyRangeOf(stops, s, time) : undefined),
    selectionOf: (range) => {
      const text = keyRangeText(stops, range);
      return text && { kind: 'range', ...text };
    },
  };
}

/** A category axis's selectable categories, in key order, as a key axis: a range never holds more than a filter's limit of values. */
export function categoryKeyAxis(categories: readonly string[]): KeyAxis {
  return {
    count: categories.length,
    fit: (range) => capKeyRange(range),
    rangeOf: (s) => (s?.kind === 'categories' ? categoryKeyRange(categories, s.values) : undefined),
    selectionOf: (range) => {
      const values = categoriesOfKeyRange(categories, capKeyRange(range));
      return values.length > 0 ? { kind: 'categories', values } : undefined;
    },
  };
}
