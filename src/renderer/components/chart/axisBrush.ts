import type { ChartData } from '../../../shared/chart/chartData';
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

/** How a continuous axis snaps what it selects: to main's brush step (X of a number), to whole days for a DATE column; an axis drawn in bins (a histogram's X, a heatmap's X and Y) to them. */
export interface AxisSnap {
  readonly step?: number | undefined;
  readonly dateOnly: boolean;
  /** The chart's own bins along the axis, in order (keyboardBrush.ts's stops of it): a drag selects whole ones, so what is drawn lit is what the filter keeps. */
  readonly bins?: readonly BrushStop[] | undefined;
}

const valueOf = (v: number | Date): number => (v instanceof Date ? v.getTime() : v);

/**
 * How a drawn chart's axes snap a drag: X of a number to main's brush step, a DATE column to whole
 * days; an axis the chart draws in bins (a histogram's X, a heatmap's or a scatter density's binned
 * X and Y) to whole bins, its keys' `stops`, so the bars or cells drawn under the box are the rows the filter keeps.
 */
export function axisSnaps(
  data: Pick<ChartData, 'columns' | 'brushStep'> | undefined,
  stops: { readonly x: readonly BrushStop[]; readonly y: readonly BrushStop[] },
  dateOnly: { readonly x: boolean; readonly y: boolean },
): { readonly x: AxisSnap; readonly y: AxisSnap } {
  // a binned axis's marks carry their edges (x1/x2, y1/y2); points, lines and categories do not
  const binned = (role: 'x1' | 'y1') => data?.columns.some((c) => c.role === role) ?? false;
  return {
    x: { step: data?.brushStep, dateOnly: dateOnly.x, bins: binned('x1') ? stops.x : undefined },
    y: { dateOnly: dateOnly.y, bins: binned('y1') ? stops.y : undefined },
  };
}

/**
 * The whole bins a drag between values `a` and `b` selects, as one stop from the first one's start
 * to the last one's end: those whose middle it covers (the bars drawn lit, as drawBrush dims the
 * others), else, within one bin, those it touches. Undefined when it lies where no bin is.
 */
export function binsCovered(bins: readonly BrushStop[], a: number, b: number): BrushStop | undefined {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const middles = bins.filter((s) => (s.from + s.to) / 2 >= lo && (s.from + s.to) / 2 <= hi);
  const chosen = middles.length > 0 ? middles : bins.filter((s) => s.to > lo && s.from < hi);
  const first = chosen[0];
  const last = chosen.at(-1);
  return first && last && { lo: first.lo, hi: last.hi, from: first.from, to: last.to };
}

/** What a drag from pixel `from` to `to` along an axis selects: a range (snapped), or the categories it covers (none: undefined). */
export function draggedAlong(axis: AxisScale, from: number, to: number, snap: AxisSnap, unselectable: readonly string[]): AxisSelection | undefined {
  switch (axis.kind) {
    case 'continuous': {
      const bins = snap.bins && snap.bins.length > 0 ? binsCovered(snap.bins, valueOf(axis.toValue(from)), valueOf(axis.toValue(to))) : undefined;
      const range = bins ?? brushRange(axis.toValue(from), axis.toValue(to), snap);
      return range && { kind: 'range', lo: range.lo, hi: range.hi };
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

/** The pixels a drag in progress covers: a continuous axis the pointer's own (a histogram's: the bins it selects so far), a category axis the bands it selects so far. */
export function dragSpanAlong(axis: AxisScale, from: number, to: number, unselectable: readonly string[], bins?: readonly BrushStop[]): readonly [number, number] | undefined {
  switch (axis.kind) {
    case 'continuous': {
      const covered = bins && bins.length > 0 ? binsCovered(bins, valueOf(axis.toValue(from)), valueOf(axis.toValue(to))) : undefined;
      const at = (v: number) => axis.toPx(axis.toValue(from) instanceof Date ? new Date(v) : v);
      return covered ? [at(covered.from), at(covered.to)] : [from, to];
    }
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
