import { describe, expect, it } from 'vitest';
import { columnAt, leftOf, ScrollMemory } from './scrollMemory';

const deep = { row: 5000.5, column: 4.25 };

describe('scroll memory', () => {
  it('given a grid left far down and sideways, when its result mounts again in the same view, then it starts there', () => {
    const memory = new ScrollMemory();
    memory.remember('a', '', deep);
    expect(memory.recall('a', '')).toEqual(deep);
    // a tab is switched back to many times: the place stays until the grid is left elsewhere
    expect(memory.recall('a', '')).toEqual(deep);
  });

  it('given two tabs left at different places, when each mounts, then each gets its own', () => {
    const memory = new ScrollMemory();
    memory.remember('a', '', deep);
    memory.remember('b', '', { row: 12, column: 0 });
    expect(memory.recall('b', '')?.row).toBe(12);
    expect(memory.recall('a', '')?.row).toBe(5000.5);
  });

  it('given a place left in one view, when the result mounts in another (sorted or filtered), then it starts at the top and the place is forgotten', () => {
    const memory = new ScrollMemory();
    memory.remember('a', '', deep);
    expect(memory.recall('a', 'sort:0')).toBeUndefined();
    expect(memory.recall('a', '')).toBeUndefined();
  });

  it('given a result never scrolled, or scrolled back to the top, when it mounts, then nothing is remembered', () => {
    const memory = new ScrollMemory();
    expect(memory.recall('a', '')).toBeUndefined();
    memory.remember('a', '', deep);
    memory.remember('a', '', { row: 0, column: 0 });
    expect(memory.recall('a', '')).toBeUndefined();
    expect(memory.size).toBe(0);
  });

  it('given places of several results, when only some are still shown by open tabs, then the others are forgotten', () => {
    const memory = new ScrollMemory();
    memory.remember('open', '', deep);
    memory.remember('closed tab', '', deep);
    memory.remember('replaced by a new run', '', deep);
    memory.retain(new Set(['open', 'new run']));
    expect(memory.size).toBe(1);
    expect(memory.recall('open', '')).toEqual(deep);
    expect(memory.recall('closed tab', '')).toBeUndefined();
    expect(memory.recall('new run', '')).toBeUndefined();
  });
});

describe('the first column on screen', () => {
  const widths = [100, 50, 200];
  it('given widths, when scrolled sideways, then the offset reads as a fractional column and back', () => {
    expect(columnAt(0, widths)).toBe(0);
    expect(columnAt(125, widths)).toBe(1.5);
    expect(columnAt(150, widths)).toBe(2);
    expect(leftOf(1.5, widths)).toBe(125);
    for (const left of [0, 37, 100, 149, 251]) expect(leftOf(columnAt(left, widths), widths)).toBe(left);
  });
  it('given the columns fitted again wider, when the place comes back, then the same column is first, not the same pixels', () => {
    const column = columnAt(125, widths); // half of column 1
    expect(leftOf(column, [300, 80, 200])).toBe(340);
  });
  it('given fewer columns than the place named, then it ends at the last one', () => {
    expect(columnAt(1000, widths)).toBe(3);
    expect(leftOf(5, widths)).toBe(350);
  });
});
