import { describe, expect, it } from 'vitest';
import type { PageFilter } from '../../../shared/contracts/pageView';
import { refusedFilters } from './refusedFilters';

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
