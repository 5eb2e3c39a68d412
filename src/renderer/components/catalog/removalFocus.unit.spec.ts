import { describe, expect, it } from 'vitest';
import { focusAfterRemoval } from './removalFocus';

describe('where focus goes when the dataset that had it is removed', () => {
  it('given datasets after it, then the next one takes it', () => {
    expect(focusAfterRemoval(['a', 'b', 'c'], ['a', 'c'], 'b')).toBe('c');
    expect(focusAfterRemoval(['a', 'b', 'c'], ['b', 'c'], 'a')).toBe('b');
  });

  it('given it was the last, then the one before it takes it', () => {
    expect(focusAfterRemoval(['a', 'b', 'c'], ['a', 'b'], 'c')).toBe('b');
  });

  it('given its neighbours went with it (another window), then the nearest left takes it, after it first', () => {
    expect(focusAfterRemoval(['a', 'b', 'c', 'd', 'e'], ['a', 'e'], 'c')).toBe('e');
    expect(focusAfterRemoval(['a', 'b', 'c', 'd'], ['a'], 'c')).toBe('a');
  });

  it('given a dataset new since, then it is no neighbour: the one before takes it', () => {
    expect(focusAfterRemoval(['a', 'b'], ['a', 'x'], 'b')).toBe('a');
  });

  it('given none is left, then none takes it (the path box does)', () => {
    expect(focusAfterRemoval(['a'], [], 'a')).toBeUndefined();
  });

  it('given it was not listed before, then the first left takes it', () => {
    expect(focusAfterRemoval([], ['a'], 'z')).toBe('a');
  });
});
