import { describe, expect, it } from 'vitest';
import { menuKeyTarget } from './menuKeys';

const items = ['Query this dataset', 'Copy name', 'Remove', 'Profile'];

describe('menu keys', () => {
  it('given a menu, when Home or End is pressed, then focus goes to its first or last item', () => {
    expect(menuKeyTarget('Home', 2, items)).toBe(0);
    expect(menuKeyTarget('End', 0, items)).toBe(3);
  });

  it('given an item, when an arrow is pressed, then focus steps to the next one and wraps at either end', () => {
    expect(menuKeyTarget('ArrowDown', 0, items)).toBe(1);
    expect(menuKeyTarget('ArrowDown', 3, items)).toBe(0);
    expect(menuKeyTarget('ArrowUp', 0, items)).toBe(3);
    expect(menuKeyTarget('ArrowUp', 2, items)).toBe(1);
    // no item focused yet: down is the first, up the last
    expect(menuKeyTarget('ArrowDown', -1, items)).toBe(0);
    expect(menuKeyTarget('ArrowUp', -1, items)).toBe(3);
  });

  it('given a letter, when typed, then focus goes to the next item starting with it, whatever its case, wrapping round', () => {
    expect(menuKeyTarget('r', 0, items)).toBe(2);
    expect(menuKeyTarget('C', 2, items)).toBe(1);
    expect(menuKeyTarget('p', 3, ['Profile', 'Query', 'Pivot', 'Profile'])).toBe(0);
    expect(menuKeyTarget('p', 0, ['Profile', 'Query', 'Pivot'])).toBe(2);
    expect(menuKeyTarget('q', 0, items)).toBe(0); // the only one: stays
  });

  it('given other keys, or letters no item starts with, then the menu leaves them alone', () => {
    expect(menuKeyTarget('x', 0, items)).toBeUndefined();
    expect(menuKeyTarget(' ', 0, items)).toBeUndefined();
    expect(menuKeyTarget('Enter', 0, items)).toBeUndefined();
    expect(menuKeyTarget('F2', 0, items)).toBeUndefined();
    expect(menuKeyTarget('Home', 0, [])).toBeUndefined();
  });
});
