import { DuckDBTypeId } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { shownRows, type ShownChunk } from './previewValues.worker';

/** A chunk of VARCHAR columns, column-major, that counts the values read. */
function chunk(columns: (string | null)[][], reads: { n: number }): ShownChunk {
  return {
    rowCount: columns[0]?.length ?? 0,
    columnCount: columns.length,
    getColumnVector: (c) => ({
      type: { typeId: DuckDBTypeId.VARCHAR },
      getItem: (r) => {
        reads.n++;
        return columns[c]![r] ?? null;
      },
    }),
  };
}

describe('the rows a preview carries', () => {
  it('given rows within the budget, then all up to the limit show, and a row past it says there are more', () => {
    const reads = { n: 0 };
    const rows = shownRows([chunk([['a', 'b', 'c'], ['1', null, '3']], reads)], 2, 2, 100);
    expect(rows).toEqual({ values: [['a', 'b'], ['1', null]], more: true, overBudget: false });
    expect(reads.n).toBe(4); // the row past the limit is not read
  });

  it('given rows whose text passes the budget, then the rows before it show and the answer says rows were left out', () => {
    const reads = { n: 0 };
    const big = 'x'.repeat(40);
    const rows = shownRows([chunk([[big, big, big, big]], reads), chunk([[big]], reads)], 1, 100, 100);
    expect(rows).toEqual({ values: [[big, big]], more: true, overBudget: true });
    expect(reads.n).toBe(3); // reading stops at the first row past the budget
  });

  it('given exactly the limit, then nothing more is said', () => {
    expect(shownRows([chunk([['a'], ['b']], { n: 0 })], 2, 1, 100)).toEqual({ values: [['a'], ['b']], more: false, overBudget: false });
  });
});
