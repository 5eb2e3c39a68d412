import { describe, expect, it } from 'vitest';
import { emptyCells, hasEmptyCells, pivotHeadSql, readPivotHead } from './pivotBound';
import { pivotOpenAsSql } from './pivotOpenAsSql';
import { pivotPageSchema } from './pivotPage';
import { pivotSelectSql } from './pivotSql';
import type { PivotSpec } from './pivotSpec';

/** A cell with no rows is told apart from a NULL aggregate by a bitmask of the keys with rows (PIVOT_PRESENT). */
const spec: PivotSpec = { rows: ['cat'], columns: ['flag'], values: 'v', aggregate: 'Sum' };
const keys = { keys: [['false'], ['true'], [null]], distinct: 3 };
const capped = { keys: keys.keys, distinct: 9 };
const positional = { names: 'positional', value: () => '?' } as const;

describe('the empty cells of a pivot', () => {
  it('given a row’s mask of keys with rows, when read, then the shown keys without a bit are empty; the Total never is', () => {
    // key i is bit i + 1: false (bit 1) and NULL (bit 3) have rows, true (bit 2) has none
    expect(emptyCells(String(0b1010), keys)).toEqual([1]);
    expect(emptyCells(String(0b1110), keys)).toEqual([]);
    // no key has rows (the grand total of no rows): every key's cell is empty, not the Total (3)
    expect(emptyCells(null, keys)).toEqual([0, 1, 2]);
    expect(emptyCells('0', keys)).toEqual([0, 1, 2]);
  });

  it('given capped keys, when read, then "Other" (bit 0, after the shown keys) is empty without its bit', () => {
    expect(emptyCells(String(0b1110), capped)).toEqual([3]);
    expect(emptyCells(String(0b1111), capped)).toEqual([]);
  });

  it('given 50 keys, when the mask has the 51st bit, then it is read exactly (beyond a double’s 2^53 too)', () => {
    const fifty = { keys: Array.from({ length: 50 }, (_, i) => [String(i)]), distinct: 60 };
    expect(emptyCells((1n << 50n).toString(), fifty)).toEqual([...Array.from({ length: 49 }, (_, i) => i), 50]);
    expect(emptyCells(((1n << 51n) - 1n).toString(), fifty)).toEqual([]);
  });

  it('given column fields, when the app’s SQL is written, then each row carries the keys with rows after its value columns; a Count’s Total over no rows is 0', () => {
    expect(hasEmptyCells(spec)).toBe(true);
    expect(hasEmptyCells({ ...spec, columns: [] })).toBe(false);
    const count = pivotSelectSql({ ...spec, aggregate: 'Count' }, 'rel', keys, positional);
    expect(count).toContain('bit_or(1::UBIGINT << k) AS pivot_present');
    expect(count).toContain('v3 AS c5, pivot_present AS c6, ');
    // a key's count of no rows stays NULL (so empty in the SQL too); only the Total is DuckDB's count over none
    expect(count).toContain('sum(CASE WHEN k = 1 THEN n END)::BIGINT AS v0');
    expect(count).toContain('coalesce(sum(n)::BIGINT, 0) AS v3');
    // a Sum over no rows is NULL, as DuckDB's sum
    expect(pivotSelectSql(spec, 'rel', keys, positional)).toContain('sum(s) AS v3');
  });

  it('given no column field, or Open as SQL, when the SQL is written, then no mask: nothing can be empty, or an empty cell reads NULL', () => {
    expect(pivotSelectSql({ ...spec, columns: [] }, 'rel', { keys: [], distinct: 0 }, positional)).not.toContain('pivot_present');
    const sql = pivotOpenAsSql(spec, 'select 1', keys, [{ name: 'cat', type: 'VARCHAR' }, { name: 'flag', type: 'BOOLEAN' }, { name: 'v', type: 'INTEGER' }]);
    expect(sql).not.toContain('pivot_present');
  });

  it('given a head read with its keys, then each row’s empty cells are in the page; a page without them is still valid', () => {
    expect(pivotHeadSql(['level', 'cat', 'a'], 'X', true)).toContain('c1::VARCHAR AS t1, typeof(c1) AS y1, c2::VARCHAR AS t2, typeof(c2) AS y2, c3::VARCHAR AS present, ');
    expect(pivotHeadSql(['level', 'cat', 'a'], 'X')).not.toContain('present');
    const names = ['level', 'cat', 'false', 'true', 'null', 'Total'];
    const row = (present: string | null) => ({ t0: '1', y0: 'BIGINT', present, pivot_total_rows: 2, pivot_detail_groups: 1 });
    expect(readPivotHead(names, [row('14'), row('2')], keys)?.empty).toEqual([[], [1, 2]]);
    expect(readPivotHead(names, [row('14')])?.empty).toBeUndefined();
    const page = { queryId: 'q', offset: 0, totalRows: 1, groups: 1, rowFields: 0, columns: [], values: [], keys: { distinct: 0, values: [] } };
    expect(pivotPageSchema.safeParse(page).success).toBe(true);
    expect(pivotPageSchema.safeParse({ ...page, empty: [[0, 2], []] }).success).toBe(true);
    expect(pivotPageSchema.safeParse({ ...page, empty: [[-1]] }).success).toBe(false);
  });
});
