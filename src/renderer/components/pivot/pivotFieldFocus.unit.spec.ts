import { describe, expect, it } from 'vitest';
import { focusAfterRemoval } from './pivotFieldFocus';

describe('focusAfterRemoval', () => {
  it('given a field removed from the middle, when the list re-renders, then the focus goes to the × of the field now in its place', () => {
    expect(focusAfterRemoval(1, 2, 1)).toEqual({ removeOf: 1 });
  });

  it('given the last field removed, when the list re-renders, then to the × of the field before it', () => {
    expect(focusAfterRemoval(2, 2, 0)).toEqual({ removeOf: 1 });
  });

  it('given no × left (one row field, which stays, or no column field), when the list re-renders, then to the picker', () => {
    expect(focusAfterRemoval(0, 1, 1)).toBe('picker');
    expect(focusAfterRemoval(1, 1, 1)).toBe('picker');
    expect(focusAfterRemoval(0, 0, 0)).toBe('picker');
  });
});
