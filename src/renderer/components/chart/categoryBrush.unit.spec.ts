import { describe, expect, it } from 'vitest';
import { categoriesCovered, categoriesOfKeyRange, categoriesSpan, categoryKeyRange } from './categoryBrush';
import { moveKeyRange } from './keyboardBrush';
import { NULL_CATEGORY, REST_CATEGORY, UNSELECTABLE_CATEGORIES } from '../../../shared/chart/chartMarks';

// bars 20 px wide with 4 px between them, as Plot draws a band scale: sun, rain, NULL, fog, (other)
const bands = ['sun', 'rain', 'NULL', 'fog', '(other)'].map((category, i) => ({ category, from: 10 + i * 24, to: 30 + i * 24 }));
const UNSELECTABLE = ['(other)', 'NULL'];

describe('categoriesCovered', () => {
  it('given a drag from the middle of one bar to the middle of another, either way, then it covers both and every bar between, in drawn order', () => {
    expect(categoriesCovered(bands, 15, 85, UNSELECTABLE)).toEqual(['sun', 'rain', 'fog']);
    expect(categoriesCovered(bands, 85, 15, UNSELECTABLE)).toEqual(['sun', 'rain', 'fog']);
    // the bands in another order than drawn: still left to right
    expect(categoriesCovered([...bands].reverse(), 15, 45, UNSELECTABLE)).toEqual(['sun', 'rain']);
  });

  it('given a drag inside one bar, or only across a gap, then it covers that bar, or none', () => {
    expect(categoriesCovered(bands, 36, 40, UNSELECTABLE)).toEqual(['rain']);
    expect(categoriesCovered(bands, 30, 33, UNSELECTABLE)).toEqual([]);
    // an edge: a band is [from, to), so ending on the next bar's first pixel covers it, starting on a bar's end does not
    expect(categoriesCovered(bands, 20, 34, UNSELECTABLE)).toEqual(['sun', 'rain']);
    expect(categoriesCovered(bands, 30, 33.9, UNSELECTABLE)).toEqual([]);
  });

  it('given a drag across (other) and NULL, then they are skipped: it selects the named bars it covers, and none over them alone', () => {
    expect(categoriesCovered(bands, 40, 130, UNSELECTABLE)).toEqual(['rain', 'fog']);
    expect(categoriesCovered(bands, 110, 130, UNSELECTABLE)).toEqual([]);
    expect(categoriesCovered(bands, 60, 62, UNSELECTABLE)).toEqual([]);
  });
});

describe('categoriesSpan', () => {
  it('given selected categories, when drawn, then the brush spans from the leftmost one’s band to the rightmost one’s', () => {
    expect(categoriesSpan(bands, ['fog', 'sun'])).toEqual([10, 102]);
    expect(categoriesSpan(bands, ['rain'])).toEqual([34, 54]);
    expect(categoriesSpan(bands, ['hail'])).toBeUndefined();
  });
});

describe('bars brushed by keys', () => {
  const bars = ['sun', 'rain', 'fog', 'snow'];

  it('given no selection, when Right then Shift+Right twice, then the first bar then the first three are selected', () => {
    const first = moveKeyRange(categoryKeyRange(bars, []), 'forward', false, bars.length)!;
    expect(categoriesOfKeyRange(bars, first)).toEqual(['sun']);
    const grown = moveKeyRange(moveKeyRange(first, 'forward', true, bars.length), 'forward', true, bars.length)!;
    expect(categoriesOfKeyRange(bars, grown)).toEqual(['sun', 'rain', 'fog']);
    // Right moves the three together; at the end it stays
    const moved = moveKeyRange(grown, 'forward', false, bars.length)!;
    expect(categoriesOfKeyRange(bars, moved)).toEqual(['rain', 'fog', 'snow']);
    expect(categoriesOfKeyRange(bars, moveKeyRange(moved, 'forward', false, bars.length)!)).toEqual(['rain', 'fog', 'snow']);
  });

  it('given bars selected by a drag or a reload, when keys carry on, then they are anchored at the first drawn and Shift+Left shrinks them from the far end', () => {
    const range = categoryKeyRange(bars, ['fog', 'rain'])!;
    expect(range).toEqual({ anchor: 1, focus: 2 });
    expect(categoriesOfKeyRange(bars, moveKeyRange(range, 'back', true, bars.length)!)).toEqual(['rain']);
    // a value no longer drawn is dropped; none drawn: no range, so the next key starts afresh
    expect(categoryKeyRange(bars, ['hail', 'snow'])).toEqual({ anchor: 3, focus: 3 });
    expect(categoryKeyRange(bars, ['hail'])).toBeUndefined();
  });
});

describe('categories that read like the rest or SQL NULL', () => {
  // bars of a messy column: the real texts 'NULL' and '(other)' beside SQL NULL and the rest
  const messy = ['sun', 'NULL', NULL_CATEGORY, '(other)', REST_CATEGORY].map((category, i) => ({ category, from: 10 + i * 24, to: 30 + i * 24 }));

  it('given a drag across all of them, then the real NULL and (other) are selected by value, SQL NULL and the rest skipped', () => {
    expect(categoriesCovered(messy, 15, 125, UNSELECTABLE_CATEGORIES)).toEqual(['sun', 'NULL', '(other)']);
    expect(categoriesCovered(messy, 38, 40, UNSELECTABLE_CATEGORIES)).toEqual(['NULL']);
    expect(categoriesCovered(messy, 62, 64, UNSELECTABLE_CATEGORIES)).toEqual([]);
    expect(categoriesCovered(messy, 110, 112, UNSELECTABLE_CATEGORIES)).toEqual([]);
  });

  it('given a selection of the real NULL, when drawn, then the brush spans its own bar, not SQL NULL’s', () => {
    expect(categoriesSpan(messy, ['NULL'])).toEqual([34, 54]);
    expect(categoriesSpan(messy, ['(other)'])).toEqual([82, 102]);
  });
});

