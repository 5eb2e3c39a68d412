import { describe, expect, it } from 'vitest';
import { focusAfterRemoval } from './pivotFieldFocus';

describe('focusAfterRemoval', () => {
  it('given a field removed from the middle, when the list re-renders, then the focus goes to the × of the field now in its place', () => {
    expect(focusAfterRemoval(1, 2)).toEqual({ removeOf: 1 });
  });

  it('given the last field removed, when the list re-renders, then to the × of the field before it', () => {
    expect(focusAfterRemoval(2, 2)).toEqual({ removeOf: 1 });
  });

  it('given one field left (the only row field has a × too: no row field is a pivot of totals), when the list re-renders, then to its ×', () => {
    expect(focusAfterRemoval(0, 1)).toEqual({ removeOf: 0 });
    expect(focusAfterRemoval(1, 1)).toEqual({ removeOf: 0 });
  });

  it('given no field left, when the list re-renders, then to the picker', () => {
    expect(focusAfterRemoval(0, 0)).toBe('picker');
  });
});
