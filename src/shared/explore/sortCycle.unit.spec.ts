import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SORT_KEYS, pageOrderSchema } from '../contracts/protocol';
import { ariaSort, nextSort, sortButtonName, sortRank, type SortKeys } from './sortCycle';

const click = (column: number, shift = false) => ({ column, shift });

describe('clicking a column header', () => {
  it('sorts ascending, then descending, then not at all', () => {
    const asc = nextSort([], click(2));
    expect(asc).toEqual([{ column: 2 }]);
    const desc = nextSort(asc, click(2));
    expect(desc).toEqual([{ column: 2, descending: true }]);
    expect(nextSort(desc, click(2))).toEqual([]);
  });

  it('replaces every other key with the clicked column', () => {
    const keys: SortKeys = [{ column: 1 }, { column: 4, descending: true }];
    expect(nextSort(keys, click(7))).toEqual([{ column: 7 }]);
    // a column already sorted steps on from its own state
    expect(nextSort(keys, click(4))).toEqual([]);
    expect(nextSort(keys, click(1))).toEqual([{ column: 1, descending: true }]);
  });
});

describe('Shift+clicking a column header', () => {
  it('adds a further key, then steps it in place, then drops it', () => {
    const primary: SortKeys = [{ column: 0, descending: true }];
    const two = nextSort(primary, click(3, true));
    expect(two).toEqual([{ column: 0, descending: true }, { column: 3 }]);
    const stepped = nextSort(two, click(3, true));
    expect(stepped).toEqual([{ column: 0, descending: true }, { column: 3, descending: true }]);
    expect(nextSort(stepped, click(3, true))).toEqual(primary);
  });

  it('steps the primary key without moving it behind the others', () => {
    const keys: SortKeys = [{ column: 5 }, { column: 6 }];
    expect(nextSort(keys, click(5, true))).toEqual([{ column: 5, descending: true }, { column: 6 }]);
    expect(nextSort([{ column: 5, descending: true }, { column: 6 }], click(5, true))).toEqual([{ column: 6 }]);
  });

  it('adds no key beyond what the protocol accepts', () => {
    const full: SortKeys = Array.from({ length: MAX_SORT_KEYS }, (_, column) => ({ column }));
    expect(nextSort(full, click(99, true))).toBe(full);
  });

  it('always leaves keys the protocol accepts, each column at most once', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.boolean()), { maxLength: 60 }), (clicks) => {
        let keys: SortKeys = [];
        for (const [column, shift] of clicks) keys = nextSort(keys, click(column, shift));
        expect(pageOrderSchema.safeParse(keys).success).toBe(true);
        expect(new Set(keys.map((k) => k.column)).size).toBe(keys.length);
      }),
    );
  });
});

describe('what a header tells assistive technology', () => {
  const keys: SortKeys = [{ column: 2, descending: true }, { column: 0 }];
  it('gives aria-sort on the primary key only, and the rank of each sorted column', () => {
    expect(ariaSort(keys, 2)).toBe('descending');
    expect(ariaSort(keys, 0)).toBe('none');
    expect(ariaSort(keys, 1)).toBe('none');
    expect(ariaSort([{ column: 1 }], 1)).toBe('ascending');
    expect([0, 1, 2].map((c) => sortRank(keys, c))).toEqual([2, undefined, 1]);
  });

  it('names the sort button after the column', () => {
    expect(sortButtonName('dep delay')).toBe('Sort by dep delay');
  });
});
