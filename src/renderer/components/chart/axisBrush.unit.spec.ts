import { describe, expect, it } from 'vitest';
import { MAX_FILTER_VALUES } from '../../../shared/contracts/limits';
import type { ChartData } from '../../../shared/chart/chartData';
import { axisSnaps, categoryKeyAxis, draggedAlong, dragSpanAlong, rangeKeyAxis, spanAlong } from './axisBrush';
import type { AxisScale } from './chartBrush';
import { brushStops, moveKeyBrush, type KeyBrush } from './keyboardBrush';

const UNSELECTABLE = ['(other)', 'NULL'];
/** A category axis as Plot draws one: bands 20 px wide, 4 px apart, from pixel 10; keys step over the selectable ones in `keyOrder`. */
function bandsOf(categories: readonly string[], keyOrder: 'x' | 'y' = 'x'): AxisScale {
  const bands = categories.map((category, i) => ({ category, from: 10 + i * 24, to: 30 + i * 24 }));
  const selectable = categories.filter((c) => !UNSELECTABLE.includes(c));
  return { kind: 'bands', bands, categories: keyOrder === 'x' ? selectable : [...selectable].reverse(), categoryAt: () => undefined };
}
/** A number axis: pixel p is the value p / 10 (0..100 over 0..1000 px). */
const linear: AxisScale = { kind: 'continuous', toValue: (px) => px / 10, toPx: (v) => Number(v) * 10 };

describe('a drag along one axis', () => {
  const weather = bandsOf(['sun', 'rain', '(other)', 'fog', 'NULL']);

  it('given a category axis, when dragged either way, then it selects the categories it covers, (other) and NULL skipped; over none, nothing', () => {
    expect(draggedAlong(weather, 15, 85, { dateOnly: false }, UNSELECTABLE)).toEqual({ kind: 'categories', values: ['sun', 'rain', 'fog'] });
    expect(draggedAlong(weather, 85, 15, { dateOnly: false }, UNSELECTABLE)).toEqual({ kind: 'categories', values: ['sun', 'rain', 'fog'] });
    expect(draggedAlong(weather, 60, 64, { dateOnly: false }, UNSELECTABLE)).toBeUndefined();
    expect(draggedAlong(weather, 30, 33, { dateOnly: false }, UNSELECTABLE)).toBeUndefined();
  });

  it('given a number axis, when dragged, then it selects the range under the pointer, snapped to the step', () => {
    expect(draggedAlong(linear, 431, 118, { step: 1, dateOnly: false }, UNSELECTABLE)).toEqual({ kind: 'range', lo: '11', hi: '44' });
  });

  it('given more categories than a filter may name, when a drag covers them all, then it selects the first MAX_FILTER_VALUES from where it started', () => {
    const many = bandsOf(Array.from({ length: MAX_FILTER_VALUES + 20 }, (_, i) => `c${i}`));
    const end = 10 + (MAX_FILTER_VALUES + 20) * 24;
    const rightwards = draggedAlong(many, 0, end, { dateOnly: false }, UNSELECTABLE);
    expect(rightwards?.kind === 'categories' && rightwards.values).toHaveLength(MAX_FILTER_VALUES);
    expect(rightwards?.kind === 'categories' && rightwards.values.at(0)).toBe('c0');
    const leftwards = draggedAlong(many, end, 0, { dateOnly: false }, UNSELECTABLE);
    expect(leftwards?.kind === 'categories' && [leftwards.values.at(0), leftwards.values.at(-1)]).toEqual(['c20', `c${MAX_FILTER_VALUES + 19}`]);
    // the brush is drawn over exactly what is selected
    expect(dragSpanAlong(many, 0, end, UNSELECTABLE)).toEqual([10, 10 + (MAX_FILTER_VALUES - 1) * 24 + 20]);
  });
});

describe('where a selection is drawn along one axis', () => {
  it('given categories on a category axis, or a range on a number axis, then it spans their bands, or the range’s pixels; another kind is not drawn', () => {
    const weather = bandsOf(['sun', 'rain', 'fog']);
    expect(spanAlong(weather, { kind: 'categories', values: ['fog', 'sun'] }, false)).toEqual([10, 78]);
    expect(spanAlong(linear, { kind: 'range', lo: '2.5', hi: '7' }, false)).toEqual([25, 70]);
    expect(spanAlong(weather, { kind: 'range', lo: '2.5', hi: '7' }, false)).toBeUndefined();
    expect(spanAlong(linear, { kind: 'categories', values: ['sun'] }, false)).toBeUndefined();
    // a drag in progress: a number axis follows the pointer, a category axis the bands covered so far
    expect(dragSpanAlong(linear, 40, 12, UNSELECTABLE)).toEqual([40, 12]);
    expect(dragSpanAlong(weather, 40, 50, UNSELECTABLE)).toEqual([34, 54]);
  });
});

describe('a scatter of weather (X) by temp_max (Y) brushed by keys', () => {
  const weather = categoryKeyAxis(['drizzle', 'rain', 'sun', 'snow', 'fog']);
  const temp = rangeKeyAxis(brushStops([{ y: 0 }, { y: 40 }], { axis: 'y', dateOnly: false }), false);
  const counts = { x: weather.count, y: temp.count };
  const press = (brush: KeyBrush, key: 'ArrowRight' | 'ArrowLeft' | 'ArrowUp' | 'ArrowDown', shift = false) => moveKeyBrush(brush, key, shift, counts)!;
  const selected = (b: KeyBrush) => ({ x: b.x && weather.selectionOf(b.x), y: b.y && temp.selectionOf(b.y) });

  it('given no brush, when Right, Shift+Right, then Up, then the first two categories and the lowest temp_max slice are selected; Right moves the categories along', () => {
    const two = press(press({}, 'ArrowRight'), 'ArrowRight', true);
    expect(selected(two)).toEqual({ x: { kind: 'categories', values: ['drizzle', 'rain'] }, y: undefined });
    const rect = press(two, 'ArrowUp');
    expect(selected(rect)).toEqual({ x: { kind: 'categories', values: ['drizzle', 'rain'] }, y: { kind: 'range', lo: '0', hi: '1' } });
    expect(selected(press(rect, 'ArrowRight')).x).toEqual({ kind: 'categories', values: ['rain', 'sun'] });
  });

  it('given a rectangle recorded by a drag or a reload, when keys carry on, then each axis is taken up where it was', () => {
    const known = { x: weather.rangeOf({ kind: 'categories', values: ['sun', 'rain'] }), y: temp.rangeOf({ kind: 'range', lo: '10', hi: '12' }) };
    expect(known).toEqual({ x: { anchor: 1, focus: 2 }, y: { anchor: 10, focus: 11 } });
    expect(selected(press(known, 'ArrowDown', true))).toEqual({ x: { kind: 'categories', values: ['rain', 'sun'] }, y: { kind: 'range', lo: '10', hi: '11' } });
    // a selection of the other kind is not this axis's
    expect(weather.rangeOf({ kind: 'range', lo: '1', hi: '2' })).toBeUndefined();
    expect(temp.rangeOf({ kind: 'categories', values: ['rain'] })).toBeUndefined();
  });

  it('given a category axis of more categories than a filter may name, when Shift+Right grows past it, then the range stops at MAX_FILTER_VALUES', () => {
    const many = categoryKeyAxis(Array.from({ length: MAX_FILTER_VALUES + 20 }, (_, i) => `c${i}`));
    const fitted = many.fit({ anchor: 5, focus: MAX_FILTER_VALUES + 15 });
    expect(fitted).toEqual({ anchor: 5, focus: MAX_FILTER_VALUES + 4 });
    expect(many.fit({ anchor: MAX_FILTER_VALUES + 15, focus: 0 })).toEqual({ anchor: MAX_FILTER_VALUES + 15, focus: 16 });
    const values = many.selectionOf(fitted);
    expect(values?.kind === 'categories' && values.values).toHaveLength(MAX_FILTER_VALUES);
  });
});

describe('a drag over a histogram', () => {
  // horsepower in bins of 5 from 135 to 195, as a histogram's marks; the brush step main sent is 1
  const marks = Array.from({ length: 12 }, (_, i) => ({ x1: 135 + 5 * i, x2: 140 + 5 * i, value: 9 }));
  const bins = brushStops(marks, { step: 1, dateOnly: false });
  const snap = { step: 1, dateOnly: false, bins };

  it('given a drag from 142 to 189, when released, then it selects the whole bins whose middle it covers, 140 to 190 (the bars drawn lit), not 142 to 189', () => {
    expect(draggedAlong(linear, 1420, 1890, snap, UNSELECTABLE)).toEqual({ kind: 'range', lo: '140', hi: '190' });
    // the brush is drawn over exactly those bins while dragging, so the lit bars are the rows kept
    expect(dragSpanAlong(linear, 1420, 1890, UNSELECTABLE, bins)).toEqual([1400, 1900]);
  });

  it('given a drag short of a bin’s middle, then that bin is out; dragged leftwards, the same', () => {
    expect(draggedAlong(linear, 1430, 1870, snap, UNSELECTABLE)).toEqual({ kind: 'range', lo: '145', hi: '185' });
    expect(draggedAlong(linear, 1870, 1430, snap, UNSELECTABLE)).toEqual({ kind: 'range', lo: '145', hi: '185' });
  });

  it('given a drag within one bin that covers no middle, then that bin alone', () => {
    expect(draggedAlong(linear, 1401, 1424, snap, UNSELECTABLE)).toEqual({ kind: 'range', lo: '140', hi: '145' });
  });

  it('given no bins (a line), then the drag snaps to the brush step as before', () => {
    expect(draggedAlong(linear, 1420, 1890, { step: 1, dateOnly: false }, UNSELECTABLE)).toEqual({ kind: 'range', lo: '142', hi: '189' });
    expect(dragSpanAlong(linear, 1420, 1890, UNSELECTABLE)).toEqual([1420, 1890]);
  });
});

describe('a drag over a heatmap', () => {
  // Horsepower in bins of 5 (135 to 195) by Miles_per_Gallon in bins of 1 (10 to 30), cells in no particular order; main's brush step for X is 1
  const cells = Array.from({ length: 12 * 20 }, (_, i) => ({ x1: 135 + 5 * (i % 12), x2: 140 + 5 * (i % 12), y1: 29 - Math.floor(i / 12), y2: 30 - Math.floor(i / 12), value: 3 }));
  const roles = (...names: ChartData['columns'][number]['role'][]) => names.map((role) => ({ role, kind: 'number' as const, label: role }));
  const heatmap = { spec: { mark: 'Heatmap' as const, x: 'Horsepower', y: 'Miles_per_Gallon', aggregate: 'Count' as const }, columns: roles('x1', 'x2', 'y1', 'y2', 'value'), brushStep: 1 };
  const stops = { x: brushStops(cells, { step: 1, dateOnly: false }), y: brushStops(cells, { axis: 'y', dateOnly: false }) };
  const snap = axisSnaps(heatmap, stops, { x: false, y: false });
  /** Y drawn upwards: pixel p is the value 40 - p / 10 (40..0 over 0..400 px). */
  const upwards: AxisScale = { kind: 'continuous', toValue: (px) => 40 - px / 10, toPx: (v) => (40 - Number(v)) * 10 };

  it('given a rectangle from (142, 14.6) to (189, 27.3), when released, then each axis selects the whole cells whose middle it covers, 140 to 190 by 15 to 27, not the pixels’ values', () => {
    expect(draggedAlong(linear, 1420, 1890, snap.x, UNSELECTABLE)).toEqual({ kind: 'range', lo: '140', hi: '190' });
    expect(draggedAlong(upwards, 254, 127, snap.y, UNSELECTABLE)).toEqual({ kind: 'range', lo: '15', hi: '27' });
    // the box is drawn over exactly those cells while dragging, so the cells under it are the rows the filter keeps
    expect(dragSpanAlong(linear, 1420, 1890, UNSELECTABLE, snap.x.bins)).toEqual([1400, 1900]);
    expect(dragSpanAlong(upwards, 254, 127, UNSELECTABLE, snap.y.bins)).toEqual([250, 130]);
  });

  it('given a rectangle within one cell, covering no middle, then that cell alone along each axis', () => {
    expect(draggedAlong(linear, 1401, 1424, snap.x, UNSELECTABLE)).toEqual({ kind: 'range', lo: '140', hi: '145' });
    expect(draggedAlong(upwards, 198, 192, snap.y, UNSELECTABLE)).toEqual({ kind: 'range', lo: '20', hi: '21' });
  });

  it('given a heatmap of origin (categories) by Horsepower (bins), then X selects whole categories and Y whole bins', () => {
    const byOrigin = { ...heatmap, columns: [{ role: 'x' as const, kind: 'category' as const, label: 'Origin' }, ...roles('y1', 'y2', 'value')] };
    const horsepower = brushStops(cells.map((c) => ({ x: 'USA', y1: c.x1, y2: c.x2, value: 3 })), { axis: 'y', dateOnly: false });
    const along = axisSnaps(byOrigin, { x: [], y: horsepower }, { x: false, y: false });
    expect(along.x.bins).toBeUndefined();
    const origin = bandsOf(['USA', 'Japan', 'Europe']);
    expect(draggedAlong(origin, 15, 40, along.x, UNSELECTABLE)).toEqual({ kind: 'categories', values: ['USA', 'Japan'] });
    // pixel p is Horsepower 200 - p / 10
    const hp: AxisScale = { kind: 'continuous', toValue: (px) => 200 - px / 10, toPx: (v) => (200 - Number(v)) * 10 };
    expect(draggedAlong(hp, 580, 110, along.y, UNSELECTABLE)).toEqual({ kind: 'range', lo: '140', hi: '190' });
  });

  it('given a heatmap brushed by a drag, when keys carry on, then Shift+Right grows it by one whole column and Shift+Up by one whole row', () => {
    const x = rangeKeyAxis(stops.x, false);
    const y = rangeKeyAxis(stops.y, false);
    const known = { x: x.rangeOf(draggedAlong(linear, 1420, 1890, snap.x, UNSELECTABLE)), y: y.rangeOf(draggedAlong(upwards, 254, 127, snap.y, UNSELECTABLE)) };
    const counts = { x: x.count, y: y.count };
    const wider = moveKeyBrush(moveKeyBrush(known, 'ArrowRight', true, counts)!, 'ArrowUp', true, counts)!;
    expect({ x: wider.x && x.selectionOf(wider.x), y: wider.y && y.selectionOf(wider.y) }).toEqual({ x: { kind: 'range', lo: '140', hi: '195' }, y: { kind: 'range', lo: '15', hi: '28' } });
  });

  it('given a histogram, then only X snaps to bins; given a scatter of points or a line, then neither axis has bins to snap to', () => {
    // what marks a chart draws is in its columns: a histogram's bins carry x1/x2, points x and y
    const histogram = axisSnaps({ brushStep: 1, columns: roles('x1', 'x2', 'value') }, { x: stops.x, y: [] }, { x: false, y: false });
    expect([histogram.x.bins, histogram.y.bins]).toEqual([stops.x, undefined]);
    const points = axisSnaps({ brushStep: 1, columns: roles('x', 'y') }, { x: stops.x, y: stops.y }, { x: false, y: false });
    expect([points.x.bins, points.y.bins]).toEqual([undefined, undefined]);
    expect(points.x.step).toBe(1);
  });
});
