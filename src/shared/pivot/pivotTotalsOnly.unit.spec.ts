import { describe, expect, it } from 'vitest';
import { pivotColumnNames } from './pivotBound';
import { pivotOpenAsSql } from './pivotOpenAsSql';
import { pivotPageSchema } from './pivotPage';
import { pivotPartialSql, pivotSelectSql } from './pivotSql';
import { pivotLayoutWords, pivotSpecSchema, type PivotSpec } from './pivotSpec';

/** A pivot of totals only: no row field, as Excel's and Tad's pivots allow (one "Grand Total" row). */
const totals: PivotSpec = { rows: [], columns: [], values: 'Horsepower', aggregate: 'Sum' };
const across: PivotSpec = { rows: [], columns: ['Origin'], values: 'Horsepower', aggregate: 'Count' };
const keys = { keys: [['Europe'], ['Japan'], ['USA']], distinct: 3 };
const none = { keys: [], distinct: 0 };
const positional = { names: 'positional', value: () => '?' } as const;

describe('a pivot with no row field', () => {
  it('given no row field, when the spec is read, then it is valid (totals only), and more than four still is not', () => {
    expect(pivotSpecSchema.safeParse(totals).success).toBe(true);
    expect(pivotSpecSchema.safeParse({ ...totals, rows: ['a', 'b', 'c', 'd', 'e'] }).success).toBe(false);
  });

  it('given no row field, when a page of it is read, then its rowFields of 0 is valid', () => {
    const page = { queryId: 'q', offset: 0, totalRows: 1, groups: 1, rowFields: 0, columns: [], values: [], keys: { distinct: 0, values: [] } };
    expect(pivotPageSchema.safeParse(page).success).toBe(true);
  });

  it('given no row field, when its SQL is written over the rows (ROLLUP path), then one ungrouped row: no ROLLUP of nothing, no ORDER BY', () => {
    for (const aggregate of ['Sum', 'Median'] as const) {
      const sql = pivotSelectSql({ ...totals, aggregate }, 'rel', none, positional);
      expect(sql).not.toContain('ROLLUP');
      // the first pass groups by every field, here none (GROUP BY ALL of aggregates: one row); nothing else groups
      expect(sql).not.toMatch(/GROUP BY (?!ALL\))/);
      expect(sql).not.toContain('ORDER BY');
      expect(sql).toMatch(/^pivot_groups AS \(SELECT 0::BIGINT AS level, (sum\(s\)|median\(v\)) AS v0 FROM pivot_source\),$/m);
      expect(sql).toMatch(/^SELECT level AS c0, v0 AS c1, count\(CASE WHEN level = 0 THEN 1 END\) OVER \(\) AS pivot_detail_groups$/m);
    }
  });

  it('given no row field, when its SQL reads a table of parts, then the details are the one total row, ungrouped', () => {
    const sql = pivotSelectSql(across, 'rel', keys, { ...positional, partialTable: 'part' });
    expect(sql).toContain('pivot_details AS MATERIALIZED (SELECT sum(CASE WHEN k = 1 THEN n END) AS v0_n, ');
    expect(sql).toMatch(/sum\(n\) AS v3_n, bit_or\(1::UBIGINT << k\) AS pivot_present FROM pivot_source\),$/m);
    // the Total over no rows is a Count's 0, as DuckDB's count; a key's cell of none stays NULL (and empty)
    expect(sql).toMatch(/^pivot_groups AS \(SELECT 0::BIGINT AS level, r\.v0_n::BIGINT AS v0, r\.v1_n::BIGINT AS v1, r\.v2_n::BIGINT AS v2, coalesce\(r\.v3_n::BIGINT, 0\) AS v3, r\.pivot_present FROM pivot_details AS r\),$/m);
    expect(sql).not.toContain('GROUP BY');
    expect(sql).not.toContain('ORDER BY');
  });

  it('given no row field and a sort left over, when its SQL is written, then the sort orders nothing and breaks nothing', () => {
    const sorted = { ...across, sort: { valueColumn: 1, descending: true } };
    for (const partialTable of [undefined, 'part']) {
      const sql = pivotSelectSql(sorted, 'rel', keys, { ...positional, ...(partialTable ? { partialTable } : {}) });
      expect(sql).not.toContain('ORDER BY');
      expect(sql).not.toContain('OVER (PARTITION BY');
    }
  });

  it('given no row field, when its first pass is written, then it groups by the column fields alone (or by nothing: one row)', () => {
    expect(pivotPartialSql(totals, 'rel')).toMatch(/^SELECT sum\(v\) AS s, count\(\*\) AS pivot_rows FROM \(SELECT "Horsepower" AS v FROM rel\) GROUP BY ALL$/);
    expect(pivotPartialSql(across, 'rel')).toMatch(/^SELECT kv0, count\(v\) AS n, count\(\*\) AS pivot_rows FROM \(SELECT "Origin" AS kv0, "Horsepower" AS v FROM rel\) GROUP BY ALL$/);
  });

  it('given no row field, when a head of it is asked for, then a LIMIT over the one row', () => {
    const sql = pivotSelectSql(totals, 'rel', none, { ...positional, partialTable: 'part', head: { offset: 0, limit: 200 } });
    expect(sql).toMatch(/, count\(\*\) OVER \(\) AS pivot_total_rows\nFROM pivot_sorted\nLIMIT 200 OFFSET 0$/);
  });

  it('given no row field, when its columns are named, then the level and the value columns only', () => {
    expect(pivotColumnNames(across, keys)).toEqual(['level', 'Europe', 'Japan', 'USA', 'Total']);
    expect(pivotColumnNames(totals, none)).toEqual(['level', 'Sum of Horsepower']);
  });

  it('given no row field, when opened as SQL, then the value columns under the names the grid shows, one row, no ROLLUP', () => {
    const sql = pivotOpenAsSql(across, 'select * from cars', keys, [
      { name: 'Origin', type: 'VARCHAR' },
      { name: 'Horsepower', type: 'BIGINT' },
    ]);
    expect(sql).toMatch(/^SELECT v0 AS "Europe", v1 AS "Japan", v2 AS "USA", v3 AS "Total"$/m);
    expect(sql).not.toContain('ROLLUP');
    expect(sql).not.toContain('ORDER BY');
  });

  it('given a layout, when it is said in words, then "by" only with row fields and "across" only with column fields', () => {
    expect(pivotLayoutWords({ rows: ['a', 'b'], columns: ['m'] })).toBe(' by a, b across m');
    expect(pivotLayoutWords({ rows: [], columns: ['m'] })).toBe(' across m');
    expect(pivotLayoutWords({ rows: [], columns: [] })).toBe('');
  });
});
