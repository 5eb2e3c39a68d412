import { describe, expect, it } from 'vitest';
import { pageColumns, type PageChunks } from './pageReader.worker';

/** Chunks of `rows` rows × 2 columns of `cell` characters each, counting the values read. */
function chunks(count: number, rows: number, cell: number): PageChunks & { read: number } {
  const result = {
    read: 0,
    chunkCount: count,
    getChunk: () => ({ rowCount: rows, getColumnVector: () => ({ getItem: () => (result.read++, 'x'.repeat(cell)) }) }),
  };
  return result;
}

describe('a page read within its budget', () => {
  it('given rows within the budget, then every value is read, column by column', () => {
    const within = chunks(2, 3, 10);
    expect(pageColumns(within, 2, 120)).toEqual([Array(6).fill('x'.repeat(10)), Array(6).fill('x'.repeat(10))]);
    expect(within.read).toBe(12);
  });

  it('given rows past the budget, then reading stops at the first value past it, so the page is never built', () => {
    const past = chunks(1_000, 2_048, 1_000);
    expect(pageColumns(past, 2, 50_000)).toBeUndefined();
    expect(past.read).toBe(51);
  });

  it('given NULLs, then they count for nothing', () => {
    const nulls: PageChunks = { chunkCount: 1, getChunk: () => ({ rowCount: 4, getColumnVector: () => ({ getItem: () => null }) }) };
    expect(pageColumns(nulls, 1, 0)).toEqual([[null, null, null, null]]);
  });
});
