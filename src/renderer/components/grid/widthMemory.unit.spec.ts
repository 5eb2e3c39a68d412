import { describe, expect, it } from 'vitest';
import { columnsKey, WidthMemory } from './widthMemory';

const columns = [
  { name: 'origin', type: 'VARCHAR' },
  { name: 'delay', type: 'BIGINT' },
];

describe('width memory', () => {
  it('given widths a person set on a result, when its grid mounts again with the same columns, then it gets them', () => {
    const memory = new WidthMemory();
    memory.remember('a', columnsKey(columns), [300, 90]);
    expect(memory.recall('a', columnsKey(columns))).toEqual([300, 90]);
    expect(memory.recall('b', columnsKey(columns))).toBeUndefined();
  });

  it('given widths set for some columns, when the result has other columns (a name or a type differs), then none are recalled', () => {
    const memory = new WidthMemory();
    memory.remember('a', columnsKey(columns), [300, 90]);
    expect(memory.recall('a', columnsKey([columns[0]!, { name: 'delay', type: 'DOUBLE' }]))).toBeUndefined();
    expect(memory.recall('a', columnsKey([columns[1]!, columns[0]!]))).toBeUndefined();
    // a name that contains the separator cannot pass for two columns
    expect(columnsKey([{ name: 'a\u0000b', type: 'c' }])).not.toBe(columnsKey([{ name: 'a', type: 'b\u0000c' }]));
  });

  it('given widths of several results, when only some are still shown by open tabs, then the others are forgotten', () => {
    const memory = new WidthMemory();
    memory.remember('a', '', [1]);
    memory.remember('b', '', [2]);
    memory.retain(new Set(['b']));
    expect(memory.size).toBe(1);
    expect(memory.recall('b', '')).toEqual([2]);
  });
});
