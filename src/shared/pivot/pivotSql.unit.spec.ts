import { describe, expect, it } from 'vitest';
import { pivotOpenAsSql } from './pivotOpenAsSql';
import { aggregateMismatch, pivotKeysSql, pivotLeftOutSql, pivotPartialSql, pivotSelectSql } from './pivotSql';
import { MAX_PIVOT_KEYS, pivotSpecSchema, valueColumnNames, type PivotSpec } from './pivotSpec';

const hostile = 'a"; DROP TABLE x; --';
const spec: PivotSpec = { rows: [hostile, 'city 🌆'], columns: ['mo"nth'], values: 'de lay', aggregate: 'Average' };
const keys = { keys: [['1'], ["it's'); drop table t; --"], [null]], distinct: 3 };

describe('pivotSelectSql', () => {
  const params: string[] = [];
  const sql = pivotSelectSql(spec, 'rel', keys, {
    names: 'positional',
    value: (v) => {
      params.push(v);
      return `$${params.length}`;
    },
  });

  it('quotes every name, so a hostile one stays one identifier', () => {
    expect(sql).toContain('"a""; DROP TABLE x; --" AS g0');
    expect(sql).toContain('"city 🌆" AS g1');
    expect(sql).toContain('"mo""nth" AS kv0');
    expect(sql).not.toContain('"a"; DROP');
  });

  it('binds the column values as parameters and never writes them into the SQL', () => {
    expect(params).toEqual(['1', "it's'); drop table t; --"]);
    expect(sql).not.toContain('drop table t');
    expect(sql).toContain('kt0 IS NULL');
  });

  it('computes one column per key and a total, and the subtotals by ROLLUP', () => {
    expect(sql.match(/CASE WHEN k = \d THEN [sn] END/g)).toHaveLength(3 * 2);
    expect(sql).toContain('sum(CASE WHEN k = 2 THEN s END)::DOUBLE / sum(CASE WHEN k = 2 THEN n END) AS v1');
    expect(sql).toContain('sum(s)::DOUBLE / sum(n) AS v3');
    expect(sql).toContain('GROUP BY ROLLUP (g0, g1)');
    expect(sql).toMatch(/c0, g0 AS c1, g1 AS c2, v0 AS c3, v1 AS c4, v2 AS c5, v3 AS c6, pivot_present AS c7, count\(CASE WHEN level = 2 THEN 1 END\) OVER \(\) AS pivot_detail_groups$/m);
  });

  it('counts the groups of the finest level before collapsed groups are left out, for the app only', () => {
    const collapsed = pivotSelectSql({ ...spec, collapsed: ['a'] }, 'rel', keys, { names: 'positional', value: () => '?' });
    expect(collapsed).toMatch(/^pivot_sorted AS \(SELECT \*, count\(CASE WHEN level = 2 THEN 1 END\) OVER \(\) AS pivot_detail_groups FROM pivot_groups\)$/m);
    expect(collapsed).toMatch(/v3 AS c6, pivot_present AS c7, pivot_detail_groups$/m);
    expect(collapsed).toMatch(/^FROM pivot_sorted WHERE NOT \(level >= 2 AND /m);
    expect(pivotSelectSql(spec, 'rel', keys, { names: 'readable', value: () => '?' })).not.toContain('pivot_detail_groups');
  });

  it('over a table of parts, combines each key once for the details and each level from their parts', () => {
    const parted = pivotSelectSql(spec, 'rel', keys, { names: 'positional', value: () => '?', partialTable: 'part' });
    // the per-key CASEs run once, for the details: 3 keys × 2 parts (not once per level)
    expect(parted.match(/CASE WHEN k = \d THEN [sn] END/g)).toHaveLength(3 * 2);
    expect(parted).toContain('pivot_details AS MATERIALIZED (SELECT g0, g1, sum(CASE WHEN k = 1 THEN s END) AS v0_s, sum(CASE WHEN k = 1 THEN n END) AS v0_n, ');
    expect(parted).toMatch(/sum\(s\) AS v3_s, sum\(n\) AS v3_n, bit_or\(1::UBIGINT << k\) AS pivot_present FROM pivot_source GROUP BY g0, g1\),$/m);
    // the details finish their own parts; each level above combines them (an average stays a sum over a count)
    expect(parted).toMatch(/SELECT 2::BIGINT AS level, r.g0 AS g0, r.g1 AS g1, r.v0_s::DOUBLE \/ r.v0_n AS v0, .* FROM pivot_details AS r UNION ALL /);
    expect(parted).toMatch(/ UNION ALL SELECT 1::BIGINT AS level, r.g0 AS g0, NULL AS g1, sum\(r.v0_s\)::DOUBLE \/ sum\(r.v0_n\) AS v0, .* FROM pivot_details AS r GROUP BY r.g0 UNION ALL /);
    expect(parted).toMatch(/ UNION ALL SELECT 0::BIGINT AS level, NULL AS g0, NULL AS g1, .* FROM pivot_details AS r\),$/m);
    expect(parted).not.toContain('ROLLUP');
    // a minimum combines by min at every level
    const min = pivotSelectSql({ ...spec, aggregate: 'Min' }, 'rel', keys, { names: 'positional', value: () => '?', partialTable: 'part' });
    expect(min).toContain('min(CASE WHEN k = 1 THEN lo END) AS v0_lo');
    expect(min).toContain('SELECT 1::BIGINT AS level, r.g0 AS g0, NULL AS g1, min(r.v0_lo) AS v0');
  });

  it("over a table of parts, sorts by each ancestor's value read from its level's table, not by a window", () => {
    const deep = { ...spec, rows: ['origin', 'dest', 'carrier'], sort: { valueColumn: 1, descending: false } };
    const sorted = pivotSelectSql(deep, 'rel', keys, { names: 'positional', value: () => '?', partialTable: 'part' });
    expect(sorted).not.toContain('OVER (PARTITION BY');
    expect(sorted).toContain('pivot_level_1 AS MATERIALIZED (SELECT r.g0 AS g0, ');
    expect(sorted).toContain('pivot_level_2 AS MATERIALIZED (SELECT r.g0 AS g0, r.g1 AS g1, ');
    // details: s0 and s1 from their ancestors (NULL groups included), s2 their own
    expect(sorted).toContain('a1.v1 AS s0, a2.v1 AS s1, r.v1_s::DOUBLE / r.v1_n AS s2 FROM pivot_details AS r LEFT JOIN pivot_level_1 AS a1 ON r.g0 IS NOT DISTINCT FROM a1.g0 LEFT JOIN pivot_level_2 AS a2 ON r.g0 IS NOT DISTINCT FROM a2.g0 AND r.g1 IS NOT DISTINCT FROM a2.g1 UNION ALL ');
    expect(sorted).toContain('a1.v1 AS s0, r.v1 AS s1, NULL AS s2 FROM pivot_level_2 AS r LEFT JOIN pivot_level_1 AS a1 ON ');
    expect(sorted).toContain('r.v1 AS s0, NULL AS s1, NULL AS s2 FROM pivot_level_1 AS r UNION ALL ');
    expect(sorted).toMatch(/NULL AS s0, NULL AS s1, NULL AS s2 FROM pivot_details AS r\),$/m);
    expect(sorted).toMatch(/ORDER BY level >= 1, s0 ASC NULLS LAST, g0 ASC NULLS LAST, level >= 2, s1 ASC NULLS LAST, g1 ASC NULLS LAST, level >= 3, s2 ASC NULLS LAST, g2 ASC NULLS LAST$/m);
  });

  it('orders the grand total first, each subtotal before its children, and by the sort column when set', () => {
    expect(sql).toMatch(/ORDER BY level >= 1, g0 ASC NULLS LAST, level >= 2, g1 ASC NULLS LAST$/);
    const sorted = pivotSelectSql({ ...spec, sort: { valueColumn: 3, descending: true } }, 'rel', keys, { names: 'positional', value: () => '?' });
    expect(sorted).toContain('max(CASE WHEN level = 1 THEN v3 END) OVER (PARTITION BY level >= 1, g0) AS s0');
    // the window reads the groups a second time: they are computed once
    expect(sorted).toContain('pivot_groups AS MATERIALIZED (');
    expect(sql).toContain('pivot_groups AS (');
    // a detail row is its own ancestor at the last level
    expect(sorted).toContain('CASE WHEN level = 2 THEN v3 END AS s1');
    expect(sorted).toMatch(/ORDER BY level >= 1, s0 DESC NULLS LAST, g0 ASC NULLS LAST, level >= 2, s1 DESC NULLS LAST, g1 ASC NULLS LAST$/);
  });

  it('adds an "Other" column only when keys were capped', () => {
    expect(valueColumnNames(spec, keys)).toEqual(['1', "it's'); drop table t; --", 'null', 'Total']);
    const capped = { keys: keys.keys, distinct: 80 };
    expect(valueColumnNames(spec, capped)).toEqual(['1', "it's'); drop table t; --", 'null', 'Other', 'Total']);
    expect(pivotSelectSql(spec, 'rel', capped, { names: 'positional', value: () => '?' })).toContain('CASE WHEN k = 0 THEN s END');
  });

  it('binds collapsed groups too, and leaves only their subtotal rows', () => {
    const bound: string[] = [];
    const sql = pivotSelectSql({ ...spec, collapsed: ["o'hare", null] }, 'rel', keys, { names: 'positional', value: (v) => (bound.push(v), `$${bound.length}`) });
    expect(bound.at(-1)).toBe("o'hare");
    expect(sql).toContain(`WHERE NOT (level >= 2 AND (coalesce(CAST(g0 AS VARCHAR) IN ($${bound.length}), false) OR g0 IS NULL))`);
  });

  it('takes a median from the rows, the others from per-group parts', () => {
    const median = pivotSelectSql({ ...spec, aggregate: 'Median' }, 'rel', keys, { names: 'positional', value: () => '?' });
    expect(median).not.toContain('pivot_partial');
    // one pass over the rows: ROLLUP's grouping sets, not a GROUP BY (and a read of the rows) per level
    expect(median).toContain('GROUP BY ROLLUP (g0, g1)');
    expect(pivotPartialSql({ ...spec, aggregate: 'Median' }, 'rel')).toBeUndefined();
    expect(sql).toContain('pivot_partial');
  });

  it('keeps only a page of the ordered rows for a head, with the count of them all, and writes only whole numbers', () => {
    const head = pivotSelectSql(spec, 'rel', keys, { names: 'positional', value: () => '?', head: { offset: 200, limit: 100 } });
    expect(head).toMatch(/, count\(\*\) OVER \(\) AS pivot_total_rows\n[^]*\nORDER BY [^\n]*\nLIMIT 100 OFFSET 200$/);
    expect(() => pivotSelectSql(spec, 'rel', keys, { names: 'positional', value: () => '?', head: { offset: 0.5, limit: 100 } })).toThrow(RangeError);
  });

  it('reads the parts from a table when one is given, instead of grouping the rows again', () => {
    const fromTable = pivotSelectSql(spec, 'rel', keys, { names: 'positional', value: () => '?', partialTable: 'part' });
    expect(fromTable).not.toContain('pivot_partial');
    expect(fromTable).not.toContain('rel');
    expect(fromTable).toContain('FROM part)');
  });
});

describe('pivotKeysSql', () => {
  it('keeps the most frequent keys, capped', () => {
    expect(pivotKeysSql(spec, { kind: 'rows', relation: 'rel' })).toContain(`WHERE r <= ${MAX_PIVOT_KEYS}`);
  });

  it('counts the keys from the partial groups by their rows, not by their values', () => {
    const sql = pivotKeysSql(spec, { kind: 'partial', table: 'part' });
    expect(sql).toContain('SELECT kv0 AS k0, sum(pivot_rows) AS n FROM part GROUP BY ALL');
    expect(pivotPartialSql(spec, 'rel')).toMatch(/^SELECT g0, g1, kv0, sum\(v\) AS s, count\(v\) AS n, count\(\*\) AS pivot_rows FROM \(SELECT "a""; DROP TABLE x; --" AS g0, /);
  });
});

describe('pivotOpenAsSql', () => {
  it('writes the keys as escaped literals and names the columns as the grid does', () => {
    const sql = pivotOpenAsSql(spec, 'select * from t; -- note', keys, columnsOf(spec));
    expect(sql).toContain("kt0 = 'it''s''); drop table t; --'");
    // the statement the result came from, without the semicolon and comment after it (DuckDB refused `; -- note` inside the parentheses)
    expect(sql).toContain('(\nselect * from t\n) AS t');
    expect(sql).toContain('AS "a""; DROP TABLE x; --"');
    expect(sql).toContain('AS "Total"');
  });
  it('renames columns DuckDB cannot tell apart (it binds names ignoring case), so each field reads its own', () => {
    const cased: PivotSpec = { rows: ['n'], columns: [], values: 'N', aggregate: 'Sum' };
    const sql = pivotOpenAsSql(cased, 'select 1 as n, 2 as "N"', { keys: [], distinct: 0 }, [{ name: 'n', type: 'INTEGER' }, { name: 'N', type: 'INTEGER' }]);
    expect(sql).toContain(') AS t("n", "N_1")');
    expect(sql).toContain('"N_1" AS v FROM');
  });
});

const columnsOf = (s: PivotSpec) => [...s.rows, ...s.columns, s.values].map((name) => ({ name, type: 'VARCHAR' }));

describe('the pivot spec', () => {
  it('needs a known aggregate (no row field is a pivot of totals: pivotTotalsOnly.unit.spec.ts)', () => {
    expect(pivotSpecSchema.safeParse({ ...spec, aggregate: 'sum; drop' }).success).toBe(false);
    expect(pivotSpecSchema.safeParse(spec).success).toBe(true);
  });

  it('refuses sums and averages of text, medians of booleans', () => {
    expect(aggregateMismatch('Average', 'VARCHAR')).toMatch(/number/);
    expect(aggregateMismatch('Median', 'BOOLEAN')).toMatch(/Median/);
    expect(aggregateMismatch('Median', 'DATE')).toBeUndefined();
    expect(aggregateMismatch('Sum', 'DECIMAL(18,3)')).toBeUndefined();
    expect(aggregateMismatch('Max', 'VARCHAR')).toBeUndefined();
  });
});

describe('a pivot of a column holding NaN or infinities', () => {
  const value = (v: string) => `'${v}'`;
  const of = (aggregate: PivotSpec['aggregate'], valueType?: string) =>
    pivotSelectSql({ rows: ['g'], columns: [], values: 'x "v"', aggregate }, 'rel', { keys: [], distinct: 0 }, { names: 'readable', value, ...(valueType ? { valueType } : {}) });

  it('given a DOUBLE, when any aggregate but Count is taken, then it reads the finite values only, in the one pass every total comes from', () => {
    for (const aggregate of ['Sum', 'Average', 'Median', 'Min', 'Max'] as const) expect(of(aggregate, 'DOUBLE'), aggregate).toContain('CASE WHEN isfinite("x ""v""") THEN "x ""v""" END AS v');
    expect(pivotPartialSql({ rows: ['g'], columns: [], values: 'x "v"', aggregate: 'Sum' }, 'rel', 'DOUBLE')).toContain('CASE WHEN isfinite("x ""v""") THEN "x ""v""" END AS v');
  });

  it('given a Count, an INTEGER or no type, then the values are read as they are', () => {
    expect(of('Count', 'DOUBLE')).toContain('"x ""v""" AS v');
    expect(of('Count', 'DOUBLE')).not.toContain('isfinite');
    expect(of('Average', 'INTEGER')).not.toContain('isfinite');
    expect(of('Average')).not.toContain('isfinite');
  });

  it('counts what it leaves out only where something can be', () => {
    expect(pivotLeftOutSql({ values: 'x "v"', aggregate: 'Average' }, 'rel', 'DOUBLE')).toBe(
      'SELECT count(CASE WHEN isnan("x ""v""") THEN 1 END) AS nan, count(CASE WHEN isinf("x ""v""") AND "x ""v""" > 0 THEN 1 END) AS inf, count(CASE WHEN isinf("x ""v""") AND "x ""v""" < 0 THEN 1 END) AS neg_inf FROM rel',
    );
    expect(pivotLeftOutSql({ values: 'x', aggregate: 'Count' }, 'rel', 'DOUBLE')).toBeUndefined();
    expect(pivotLeftOutSql({ values: 'x', aggregate: 'Max' }, 'rel', 'BIGINT')).toBeUndefined();
  });
});
