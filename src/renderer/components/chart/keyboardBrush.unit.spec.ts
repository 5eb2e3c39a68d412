import { describe, expect, it } from 'vitest';
import { brushKeyOf, brushStops, keyRangeOf, keyRangeText, KEY_SLICES, keyStepOf, moveKeyBrush, moveKeyRange } from './keyboardBrush';

const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe('brushStops', () => {
  it('given a histogram, when stepped by keys, then the stops are its bins, in order, snapped to whole brush steps, written as the decimal edges the cube and the range filter read', () => {
    const bins = [
      { x1: 4.4, x2: 4.5, value: 3 },
      { x1: 4.3, x2: 4.4, value: 2 },
      { x1: 4.6, x2: 4.7, value: 1 },
    ];
    expect(brushStops(bins, { step: 0.01, dateOnly: false }).map(({ lo, hi }) => [lo, hi])).toEqual([
      ['4.3', '4.4'],
      ['4.4', '4.5'],
      // 460 × 0.01 is 4.6000000000000005; the edge is the decimal
      ['4.6', '4.7'],
    ]);
  });

  it('given a heatmap, when stepped, then each column of cells is one stop', () => {
    const cells = [
      { x1: 0, x2: 10, y1: 0, y2: 5, value: 1 },
      { x1: 0, x2: 10, y1: 5, y2: 10, value: 1 },
      { x1: 10, x2: 20, y1: 0, y2: 5, value: 1 },
    ];
    expect(brushStops(cells, { step: 1, dateOnly: false }).map(({ lo, hi }) => [lo, hi])).toEqual([
      ['0', '10'],
      ['10', '20'],
    ]);
  });

  it('given a line over numbers, when stepped, then slices of whole steps cover every x, the largest included', () => {
    const line = Array.from({ length: 101 }, (_, i) => ({ x: i, value: i % 7 }));
    const stops = brushStops(line, { step: 1, dateOnly: false });
    expect(stops.length).toBeLessThanOrEqual(KEY_SLICES + 1);
    expect(stops[0]).toMatchObject({ lo: '0' });
    expect(stops.at(-1)?.to).toBeGreaterThan(100);
    stops.slice(1).forEach((s, i) => expect(s.from).toBe(stops[i]?.to));
  });

  it('given a line over dates, when stepped, then slices are whole days with no repeats, the last day included', () => {
    const line = [day('2012-01-01'), day('2012-01-05'), day('2012-01-11')].map((x) => ({ x, value: 1 }));
    const stops = brushStops(line, { dateOnly: true });
    expect(stops[0]?.lo).toBe('2012-01-01');
    expect(stops.at(-1)?.hi).toBe('2012-01-12');
    expect(new Set(stops.map((s) => s.lo)).size).toBe(stops.length);
  });

  it('given a line over four years of days, when stepped, then the stops tile the days: each starts where the one before ends', () => {
    // seattle-weather's dates: 40 slices of 36.5 days, each snapped to whole days
    const line = Array.from({ length: 1461 }, (_, i) => ({ x: new Date(Date.UTC(2012, 0, 1) + i * 86_400_000), value: 1 }));
    const stops = brushStops(line, { dateOnly: true });
    expect(stops.length).toBeGreaterThan(30);
    stops.slice(1).forEach((s, i) => expect([s.lo, s.from], `stop ${i + 1}`).toEqual([stops[i]!.hi, stops[i]!.to]));
    expect(stops[0]?.lo).toBe('2012-01-01');
    expect(stops.at(-1)!.to).toBeGreaterThan(Date.UTC(2015, 11, 31)); // the last day is in the last stop
  });

  it('given no continuous x, when stepped, then there are no stops', () => {
    expect(brushStops([{ x: 'rain', value: 3 }], { dateOnly: false })).toEqual([]);
  });
});

describe('brushStops along Y', () => {
  it('given a heatmap, when stepped along Y, then each row of cells is one stop, in order, whatever order the cells come in', () => {
    const cells = [
      { x1: 0, x2: 10, y1: 5, y2: 7.5, value: 1 },
      { x1: 10, x2: 20, y1: 0, y2: 2.5, value: 1 },
      { x1: 0, x2: 10, y1: 0, y2: 2.5, value: 1 },
      { x1: 10, x2: 20, y1: 2.5, y2: 5, value: 1 },
    ];
    expect(brushStops(cells, { axis: 'y', dateOnly: false }).map(({ lo, hi }) => [lo, hi])).toEqual([
      ['0', '2.5'],
      ['2.5', '5'],
      ['5', '7.5'],
    ]);
    // X is stepped over the columns of the same cells
    expect(brushStops(cells, { step: 1, dateOnly: false }).map(({ lo, hi }) => [lo, hi])).toEqual([
      ['0', '10'],
      ['10', '20'],
    ]);
  });

  it('given the points of a scatter, when stepped along Y, then slices of a nice width of Y’s own span cover every y, the largest included', () => {
    const points = Array.from({ length: 200 }, (_, i) => ({ x: i, y: 3 + ((i * 37) % 91) / 4.5 }));
    const ys = points.map((p) => p.y);
    const stops = brushStops(points, { axis: 'y', dateOnly: false });
    expect(stops.length).toBeGreaterThan(KEY_SLICES / 3);
    expect(stops.length).toBeLessThanOrEqual(KEY_SLICES + 1);
    expect(stops[0]!.from).toBeLessThanOrEqual(Math.min(...ys));
    expect(stops.at(-1)!.to).toBeGreaterThan(Math.max(...ys));
    stops.slice(1).forEach((s, i) => expect(s.from).toBe(stops[i]?.to));
    // every y falls in exactly one stop
    for (const y of ys) expect(stops.filter((s) => s.from <= y && y < s.to)).toHaveLength(1);
    // each edge is short text, a multiple of a nice width (1, 2 or 5 × 10ⁿ), not a float's noise
    expect(stops.map((s) => s.lo).slice(0, 3)).toEqual(['3', '3.5', '4']);
    for (const s of stops) expect(Number(s.lo) * 2).toBe(Math.round(Number(s.lo) * 2));
  });

  it('given a scatter of dates on Y, when stepped along Y, then slices are whole days', () => {
    const points = [day('2012-01-01'), day('2012-03-01'), day('2012-06-30')].map((y, x) => ({ x, y }));
    const stops = brushStops(points, { axis: 'y', dateOnly: true });
    expect(stops[0]?.lo).toBe('2012-01-01');
    expect(stops.at(-1)?.to).toBeGreaterThan(day('2012-06-30').getTime());
    for (const s of stops) expect(s.lo).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('given a histogram, when stepped along Y, then there are no stops: its Y is a count, not a column', () => {
    expect(brushStops([{ x1: 0, x2: 1, value: 3 }], { axis: 'y', dateOnly: false })).toEqual([]);
  });
});

describe('keys', () => {
  it('given a key, when read, then Left/Right, Home and End step along X and Up/Down along Y, Up towards larger values', () => {
    expect(['ArrowLeft', 'ArrowRight', 'ArrowDown', 'ArrowUp', 'Home', 'End'].map((k) => keyStepOf(brushKeyOf(k)!))).toEqual([
      { axis: 'x', step: 'back' },
      { axis: 'x', step: 'forward' },
      { axis: 'y', step: 'back' },
      { axis: 'y', step: 'forward' },
      { axis: 'x', step: 'start' },
      { axis: 'x', step: 'end' },
    ]);
    expect(brushKeyOf('PageUp')).toBeUndefined();
  });
});

describe('moveKeyBrush', () => {
  const counts = { x: 10, y: 5 };

  it('given no brush, when Left/Right then Up/Down are pressed, then X is brushed first and Y is added to it, making a rectangle', () => {
    const x = moveKeyBrush({}, 'ArrowRight', false, counts);
    expect(x).toEqual({ x: { anchor: 0, focus: 0 } });
    const rect = moveKeyBrush(x!, 'ArrowUp', false, counts);
    expect(rect).toEqual({ x: { anchor: 0, focus: 0 }, y: { anchor: 0, focus: 0 } });
    expect(moveKeyBrush({}, 'ArrowDown', false, counts)).toEqual({ y: { anchor: 4, focus: 4 } });
  });

  it('given a rectangle, when Shift+Up/Down or Up/Down are pressed, then only Y grows or moves; Left/Right, Home and End move only X', () => {
    const rect = { x: { anchor: 2, focus: 3 }, y: { anchor: 1, focus: 1 } };
    expect(moveKeyBrush(rect, 'ArrowUp', true, counts)).toEqual({ x: rect.x, y: { anchor: 1, focus: 2 } });
    expect(moveKeyBrush(rect, 'ArrowDown', true, counts)).toEqual({ x: rect.x, y: { anchor: 1, focus: 0 } });
    expect(moveKeyBrush(rect, 'ArrowUp', false, counts)).toEqual({ x: rect.x, y: { anchor: 2, focus: 2 } });
    expect(moveKeyBrush({ ...rect, y: { anchor: 4, focus: 4 } }, 'ArrowUp', false, counts)).toEqual({ x: rect.x, y: { anchor: 4, focus: 4 } });
    expect(moveKeyBrush(rect, 'ArrowLeft', true, counts)).toEqual({ x: { anchor: 2, focus: 2 }, y: rect.y });
    expect(moveKeyBrush(rect, 'End', false, counts)).toEqual({ x: { anchor: 8, focus: 9 }, y: rect.y });
    expect(moveKeyBrush(rect, 'Home', true, counts)).toEqual({ x: { anchor: 2, focus: 0 }, y: rect.y });
  });

  it('given a chart with no Y to brush, when Up or Down is pressed, then the key is not the brush’s', () => {
    expect(moveKeyBrush({ x: { anchor: 1, focus: 1 } }, 'ArrowUp', false, { x: 10, y: 0 })).toBeUndefined();
    expect(moveKeyBrush({}, 'ArrowRight', false, { x: 0, y: 5 })).toBeUndefined();
  });
});

describe('moveKeyRange', () => {
  it('given no brush, when an arrow steps it, then the first stop is selected (the last for back and end)', () => {
    expect(moveKeyRange(undefined, 'forward', true, 5)).toEqual({ anchor: 0, focus: 0 });
    expect(moveKeyRange(undefined, 'back', false, 5)).toEqual({ anchor: 4, focus: 4 });
    expect(moveKeyRange(undefined, 'end', false, 5)).toEqual({ anchor: 4, focus: 4 });
    expect(moveKeyRange(undefined, 'forward', false, 0)).toBeUndefined();
  });

  it('given a brush, when Shift+Arrow is pressed, then only its focus moves: it grows, shrinks and crosses its anchor', () => {
    expect(moveKeyRange({ anchor: 2, focus: 3 }, 'forward', true, 5)).toEqual({ anchor: 2, focus: 4 });
    expect(moveKeyRange({ anchor: 2, focus: 4 }, 'forward', true, 5)).toEqual({ anchor: 2, focus: 4 });
    expect(moveKeyRange({ anchor: 2, focus: 3 }, 'back', true, 5)).toEqual({ anchor: 2, focus: 2 });
    expect(moveKeyRange({ anchor: 2, focus: 2 }, 'back', true, 5)).toEqual({ anchor: 2, focus: 1 });
    expect(moveKeyRange({ anchor: 2, focus: 3 }, 'start', true, 5)).toEqual({ anchor: 2, focus: 0 });
  });

  it('given a brush, when Arrow, Home or End is pressed, then it moves keeping its width, never past either end', () => {
    expect(moveKeyRange({ anchor: 1, focus: 2 }, 'forward', false, 5)).toEqual({ anchor: 2, focus: 3 });
    expect(moveKeyRange({ anchor: 3, focus: 4 }, 'forward', false, 5)).toEqual({ anchor: 3, focus: 4 });
    expect(moveKeyRange({ anchor: 2, focus: 1 }, 'back', false, 5)).toEqual({ anchor: 1, focus: 0 });
    expect(moveKeyRange({ anchor: 0, focus: 1 }, 'back', false, 5)).toEqual({ anchor: 0, focus: 1 });
    expect(moveKeyRange({ anchor: 1, focus: 2 }, 'end', false, 5)).toEqual({ anchor: 3, focus: 4 });
    expect(moveKeyRange({ anchor: 3, focus: 2 }, 'start', false, 5)).toEqual({ anchor: 1, focus: 0 });
  });
});

describe('keyRangeOf and keyRangeText', () => {
  const stops = brushStops(
    [0, 10, 20, 30].map((x1) => ({ x1, x2: x1 + 10, value: 1 })),
    { step: 1, dateOnly: false },
  );

  it('given stops, when a key range is written, then it is the first stop’s lo to the last stop’s hi, either way round', () => {
    expect(keyRangeText(stops, { anchor: 1, focus: 2 })).toEqual({ lo: '10', hi: '30' });
    expect(keyRangeText(stops, { anchor: 2, focus: 1 })).toEqual({ lo: '10', hi: '30' });
  });

  it('given a brush drawn by a mouse, when keys continue it, then it covers the stops it overlaps, anchored at its start', () => {
    expect(keyRangeOf(stops, { lo: '12', hi: '25' }, false)).toEqual({ anchor: 1, focus: 2 });
    expect(keyRangeOf(stops, { lo: '10', hi: '20' }, false)).toEqual({ anchor: 1, focus: 1 });
    expect(keyRangeOf(stops, { lo: '50', hi: '60' }, false)).toBeUndefined();
  });

  it('given a date brush, when read back, then its days are compared as instants', () => {
    const days = brushStops([{ x1: day('2012-01-01'), x2: day('2012-02-01'), value: 1 }, { x1: day('2012-02-01'), x2: day('2012-03-01'), value: 1 }], { dateOnly: true });
    expect(keyRangeOf(days, { lo: '2012-02-01', hi: '2012-03-01' }, true)).toEqual({ anchor: 1, focus: 1 });
  });
});
