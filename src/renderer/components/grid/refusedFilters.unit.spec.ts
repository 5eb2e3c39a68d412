import { describe, expect, it } from 'vitest';
import type { PageFilter } from '../../../shared/contracts/pageView';
import { refusedFilters, tooManyConditions } from './refusedFilters';

const varchar = () => 'VARCHAR';

describe('filters set from elsewhere that main would refuse', () => {
  it('given a 100 KB value clicked in a profile, then its box says why, as a typed one does, and it is not sent', () => {
    const value = 'x'.repeat(100_000);
    const refused = refusedFilters(new Map([[2, [{ column: 2, op: 'eq', value }] as PageFilter[]]]), varchar);
    expect(refused.refused).toEqual(new Map([[2, { text: `=${value}`, error: 'Too long: at most 1,000 characters' }]]));
    expect(refused.accepted.size).toBe(0);
  });
  it('given a brush over two columns of which one is refused, then the other column is still sent', () => {
    const ok: PageFilter[] = [{ column: 0, op: 'ge', value: '1' }];
    const changes = new Map<number, PageFilter[]>([
      [0, ok],
      [1, [{ column: 1, op: 'eq', value: 'z'.repeat(1_001) }]],
    ]);
    const { refused, accepted } = refusedFilters(changes, varchar);
    expect([...refused.keys()]).toEqual([1]);
    expect(accepted).toEqual(new Map([[0, ok]]));
  });
  it('given values main takes (1,000 characters, a null, no filter), then nothing is refused', () => {
    const changes = new Map<number, PageFilter[]>([
      [0, [{ column: 0, op: 'eq', value: 'y'.repeat(1_000) }]],
      [1, [{ column: 1, op: 'isNull' }]],
      [2, []],
    ]);
    const { refused, accepted } = refusedFilters(changes, varchar);
    expect(refused.size).toBe(0);
    expect(accepted).toEqual(changes);
  });
});

describe('filters that would take the view past 16 conditions', () => {
  const range = (column: number): PageFilter[] => [
    { column, op: 'ge', value: '1' },
    { column, op: 'le', value: '90' },
  ];
  const eight = [0, 1, 2, 3, 4, 5, 6, 7].flatMap(range);

  it('given 8 ranges on other columns, when a ninth is typed, then it is refused in words, not sent as a malformed view', () => {
    expect(tooManyConditions(16, range(8))).toBe('At most 16 conditions in all: the other columns hold 16, this one 2 (a range a..b is 2)');
    expect(tooManyConditions(15, [{ column: 8, op: 'isNull' }])).toBeUndefined();
    expect(tooManyConditions(14, range(8))).toBeUndefined();
  });
  it('given a brush over two columns after 15 conditions, then the first fits and the one past the limit is refused with its text', () => {
    const current = eight.slice(0, 15);
    const changes = new Map<number, PageFilter[]>([
      [8, [{ column: 8, op: 'range', lo: '1', hi: '5' }]],
      [9, [{ column: 9, op: 'range', lo: '2', hi: '6' }]],
    ]);
    const { refused, accepted } = refusedFilters(changes, () => 'BIGINT', current);
    expect([...accepted.keys()]).toEqual([8]);
    expect(refused.get(9)).toEqual({ text: '2..<6', error: 'At most 16 conditions in all: the other columns hold 16, this one 1' });
  });
  it('given a column whose own filters are replaced, then its old ones are not counted', () => {
    const { refused } = refusedFilters(new Map([[7, range(7)]]), () => 'BIGINT', eight);
    expect(refused.size).toBe(0);
  });
});
