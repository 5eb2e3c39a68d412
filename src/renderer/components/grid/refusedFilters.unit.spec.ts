import { describe, expect, it } from 'vitest';
import type { PageFilter } from '../../../shared/contracts/pageView';
import { refusedFilters } from './refusedFilters';

const varchar = () => 'VARCHAR';

describe('filters set from elsewhere that main would refuse', () => {
  it('given a 100 KB value clicked in a profile, then its box says why, as a typed one does, and it is not sent', () => {
    const value = 'x'.repeat(100_000);
    const refused = refusedFilters(new Map([[2, [{ column: 2, op: 'eq', value }] as PageFilter[]]]), varchar);
    expect(refused).toEqual(new Map([[2, { text: `=${value}`, error: 'Too long: at most 1,000 characters' }]]));
  });
  it('given values main takes (1,000 characters, a null, no filter), then nothing is refused', () => {
    const changes = new Map<number, PageFilter[]>([
      [0, [{ column: 0, op: 'eq', value: 'y'.repeat(1_000) }]],
      [1, [{ column: 1, op: 'isNull' }]],
      [2, []],
    ]);
    expect(refusedFilters(changes, varchar).size).toBe(0);
  });
});
