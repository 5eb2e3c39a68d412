import { describe, expect, it } from 'vitest';
import { groupInsets, groupOrder, stacksByColor } from './chartGroups';

describe('stacksByColor', () => {
  it('given counts or sums, then colour groups stack: their total is a count or a sum too', () => {
    expect(stacksByColor({ aggregate: 'Count', y: 'delay' })).toBe(true);
    expect(stacksByColor({ aggregate: 'Sum', y: 'delay' })).toBe(true);
  });
  it('given an average, median, min or max, then they do not: two averages added are nobody’s average', () => {
    for (const aggregate of ['Average', 'Median', 'Min', 'Max'] as const) expect(stacksByColor({ aggregate, y: 'delay' })).toBe(false);
  });
  it('given no Y, then the value is a count whatever the aggregate, and stacks', () => {
    expect(stacksByColor({ aggregate: 'Average' })).toBe(true);
  });
});

describe('groupInsets', () => {
  it('given 3 groups in a band of 60 px, then each takes its 20 px slot, left to right, a pixel apart', () => {
    const slots = [0, 1, 2].map((i) => groupInsets(i, 3, 60));
    expect(slots).toEqual([
      { insetLeft: 0.5, insetRight: 40.5 },
      { insetLeft: 20.5, insetRight: 20.5 },
      { insetLeft: 40.5, insetRight: 0.5 },
    ]);
    // every bar is 19 px wide, and none overlaps the next
    for (const s of slots) expect(60 - s.insetLeft - s.insetRight).toBe(19);
  });
  it('given slots too narrow to spare a gap, then they touch, each still wider than 0', () => {
    const s = groupInsets(1, 10, 30);
    expect(s).toEqual({ insetLeft: 3, insetRight: 24 });
  });
  it('given one group, or no width known yet, then the bar takes the whole band', () => {
    expect(groupInsets(0, 1, 80)).toEqual({ insetLeft: 0, insetRight: 0 });
    expect(groupInsets(2, 4, 0)).toEqual({ insetLeft: 0, insetRight: 0 });
  });
});

describe('groupOrder', () => {
  const text = (k: string) => (k === '\uDC00NULL' ? 'NULL' : k);
  it('given the legend’s order, then the slots follow it, not the marks’ order', () => {
    expect(groupOrder(['SFO', 'ATL', 'SFO', 'BOS'], text, ['ATL', 'BOS', 'SFO'])).toEqual(['ATL', 'BOS', 'SFO']);
  });
  it('given SQL NULL and a real "NULL" (one legend entry), then both keep a slot, in their first appearance', () => {
    expect(groupOrder(['\uDC00NULL', 'a', 'NULL'], text, ['a', 'NULL'])).toEqual(['a', '\uDC00NULL', 'NULL']);
  });
  it('given no legend yet, then first appearance', () => {
    expect(groupOrder(['b', 'a', 'b'], text, [])).toEqual(['b', 'a']);
  });
});
