import { describe, expect, it } from 'vitest';
import { ScrollMemory } from './scrollMemory';

const deep = { row: 5000.5, left: 640 };

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
    memory.remember('b', '', { row: 12, left: 0 });
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
    memory.remember('a', '', { row: 0, left: 0 });
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
