import { describe, expect, it } from 'vitest';
import type { Page } from '../../../shared/contracts/protocol';
import { KeptPages } from './keptPages';

const page = (index: number): readonly [number, Page] => [
  index,
  { queryId: 'q', offset: index * 200, totalRows: 1000, complete: true, columns: [{ name: 'n', type: 'BIGINT' }], values: [Array.from({ length: 200 }, (_, i) => String(index * 200 + i))] },
];

describe('kept pages', () => {
  it('given a complete result kept, when its grid mounts again, then it gets the same pages', () => {
    const kept = new KeptPages();
    kept.keep('a', '', 1000, [page(0), page(1)]);
    expect([...(kept.take('a', '', 1000)?.keys() ?? [])]).toEqual([0, 1]);
    expect(kept.take('a', '', 1000)?.get(0)?.values[0]?.[0]).toBe('0');
  });

  it('given a result kept in one view, when another view of it mounts, then nothing is taken', () => {
    const kept = new KeptPages();
    kept.keep('a', '', 1000, [page(0)]);
    expect(kept.take('a', 'sort:0', 1000)).toBeUndefined();
  });

  it('given many pages, when kept, then only the first pages per result are (a grid mounts at the top)', () => {
    const kept = new KeptPages(8, 2);
    kept.keep('a', '', 1000, [page(4), page(0), page(1), page(2)]);
    expect([...(kept.take('a', '', 1000)?.keys() ?? [])].sort()).toEqual([0, 1]);
  });

  it('given more results than the bound, when one more is kept, then the least recently used goes', () => {
    const kept = new KeptPages(2, 8);
    kept.keep('a', '', 1000, [page(0)]);
    kept.keep('b', '', 1000, [page(0)]);
    kept.take('a', '', 1000); // a is shown again: b is now the oldest
    kept.keep('c', '', 1000, [page(0)]);
    expect(kept.size).toBe(2);
    expect(kept.take('b', '', 1000)).toBeUndefined();
    expect(kept.take('a', '', 1000)).toBeDefined();
    expect(kept.take('c', '', 1000)).toBeDefined();
  });

  it('given a kept result, when its row count is another now, then its pages are stale and dropped', () => {
    const kept = new KeptPages();
    kept.keep('a', '', 1000, [page(0)]);
    expect(kept.take('a', '', 999)).toBeUndefined();
    expect(kept.take('a', '', 1000)).toBeUndefined();
  });

  it('given a result kept in two views, when it re-runs (forget), then neither view is taken', () => {
    const kept = new KeptPages();
    kept.keep('a', '', 1000, [page(0)]);
    kept.keep('a', 'sort:0', 1000, [page(0)]);
    kept.keep('b', '', 1000, [page(0)]);
    kept.forget('a');
    expect(kept.take('a', '', 1000)).toBeUndefined();
    expect(kept.take('a', 'sort:0', 1000)).toBeUndefined();
    expect(kept.take('b', '', 1000)).toBeDefined();
  });

  it('given results of several tabs, when a tab closes (retain the rest), then its pages go', () => {
    const kept = new KeptPages();
    kept.keep('a', '', 1000, [page(0)]);
    kept.keep('b', '', 1000, [page(0)]);
    kept.retain(new Set(['b']));
    expect(kept.take('a', '', 1000)).toBeUndefined();
    expect(kept.take('b', '', 1000)).toBeDefined();
  });

  it('given a result kept, when it is kept again with no complete page (the grid failed), then nothing stays', () => {
    const kept = new KeptPages();
    kept.keep('a', '', 1000, [page(0)]);
    kept.keep('a', '', 1000, []);
    expect(kept.take('a', '', 1000)).toBeUndefined();
  });
});
