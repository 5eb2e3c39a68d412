import { describe, expect, it } from 'vitest';
import { brushStops, keyRangeOf, keyRangeText, KEY_SLICES, moveCategory, moveKeyRange } from './keyboardBrush';

const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe('brushStops', () => {
  it('given a histogram, when stepped by keys, then the stops are its bins, in order, snapped to whole brush steps as the cube reads them', () => {
    const bins = [
      { x1: 4.4, x2: 4.5, value: 3 },
      { x1: 4.3, x2: 4.4, value: 2 },
      { x1: 4.6, x2: 4.7, value: 1 },
    ];
    expect(brushStops(bins, { step: 0.01, dateOnly: false }).map(({ lo, hi }) => [lo, hi])).toEqual([
      [String(430 * 0.01), String(440 * 0.01)],
      [String(440 * 0.01), String(450 * 0.01)],
      [String(460 * 0.01), String(470 * 0.01)],
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

  it('given no continuous x, when stepped, then there are no stops', () => {
    expect(brushStops([{ x: 'rain', value: 3 }], { dateOnly: false })).toEqual([]);
  });
});

describe('moveKeyRange', () => {
  it('given no brush, when an arrow is pressed, then the first stop is selected (the last for ArrowLeft and End)', () => {
    expect(moveKeyRange(undefined, 'ArrowRight', true, 5)).toEqual({ anchor: 0, focus: 0 });
    expect(moveKeyRange(undefined, 'ArrowLeft', false, 5)).toEqual({ anchor: 4, focus: 4 });
    expect(moveKeyRange(undefined, 'End', false, 5)).toEqual({ anchor: 4, focus: 4 });
    expect(moveKeyRange(undefined, 'ArrowRight', false, 0)).toBeUndefined();
  });

  it('given a brush, when Shift+Arrow is pressed, then only its focus moves: it grows, shrinks and crosses its anchor', () => {
    expect(moveKeyRange({ anchor: 2, focus: 3 }, 'ArrowRight', true, 5)).toEqual({ anchor: 2, focus: 4 });
    expect(moveKeyRange({ anchor: 2, focus: 4 }, 'ArrowRight', true, 5)).toEqual({ anchor: 2, focus: 4 });
    expect(moveKeyRange({ anchor: 2, focus: 3 }, 'ArrowLeft', true, 5)).toEqual({ anchor: 2, focus: 2 });
    expect(moveKeyRange({ anchor: 2, focus: 2 }, 'ArrowLeft', true, 5)).toEqual({ anchor: 2, focus: 1 });
    expect(moveKeyRange({ anchor: 2, focus: 3 }, 'Home', true, 5)).toEqual({ anchor: 2, focus: 0 });
  });

  it('given a brush, when Arrow, Home or End is pressed, then it moves keeping its width, never past either end', () => {
    expect(moveKeyRange({ anchor: 1, focus: 2 }, 'ArrowRight', false, 5)).toEqual({ anchor: 2, focus: 3 });
    expect(moveKeyRange({ anchor: 3, focus: 4 }, 'ArrowRight', false, 5)).toEqual({ anchor: 3, focus: 4 });
    expect(moveKeyRange({ anchor: 2, focus: 1 }, 'ArrowLeft', false, 5)).toEqual({ anchor: 1, focus: 0 });
    expect(moveKeyRange({ anchor: 0, focus: 1 }, 'ArrowLeft', false, 5)).toEqual({ anchor: 0, focus: 1 });
    expect(moveKeyRange({ anchor: 1, focus: 2 }, 'End', false, 5)).toEqual({ anchor: 3, focus: 4 });
    expect(moveKeyRange({ anchor: 3, focus: 2 }, 'Home', false, 5)).toEqual({ anchor: 1, focus: 0 });
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

describe('moveCategory', () => {
  const bars = ['sun', 'rain', 'fog'];

  it('given no selected bar, when an arrow is pressed, then the first bar is selected (the last for ArrowLeft and End)', () => {
    expect(moveCategory(bars, undefined, 'ArrowRight')).toBe('sun');
    expect(moveCategory(bars, undefined, 'ArrowLeft')).toBe('fog');
    expect(moveCategory([], undefined, 'ArrowRight')).toBeUndefined();
  });

  it('given a selected bar, when an arrow, Home or End is pressed, then the selection moves to that bar and stops at the ends', () => {
    expect(moveCategory(bars, 'sun', 'ArrowRight')).toBe('rain');
    expect(moveCategory(bars, 'fog', 'ArrowRight')).toBe('fog');
    expect(moveCategory(bars, 'rain', 'ArrowLeft')).toBe('sun');
    expect(moveCategory(bars, 'rain', 'End')).toBe('fog');
    expect(moveCategory(bars, 'fog', 'Home')).toBe('sun');
  });
});
