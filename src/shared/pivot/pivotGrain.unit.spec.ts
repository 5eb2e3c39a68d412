import { describe, expect, it } from 'vitest';
import { grainsAfter, grainsOf, groupText, proposedGrain } from './pivotGrain';
import { pivotOpenAsSql } from './pivotOpenAsSql';
import { pivotRelation } from './pivotRelation';
import { pivotKeysSql, pivotPartialSql, pivotSelectSql } from './pivotSql';
import { pivotLayoutWords, pivotSpecSchema, type PivotSpec } from './pivotSpec';

const columns = [
  { name: 'at', type: 'TIMESTAMP' },
  { name: 'Day', type: 'DATE' },
  { name: 'origin', type: 'VARCHAR' },
  { name: 'n', type: 'BIGINT' },
];
const byMonth: PivotSpec = { rows: ['at', 'origin'], columns: ['Day'], values: 'at', aggregate: 'Min', grains: { at: 'month', Day: 'year' }, collapsed: ['2001-01'] };
const keys = { keys: [['2001']], distinct: 1 };
const bound = (spec: PivotSpec) => {
  const params: string[] = [];
  return { sql: pivotSelectSql(spec, 'rel', keys, { names: 'positional', value: (v) => (params.push(v), `$${params.length}`) }), params };
};

describe('pivot spec: a grain per date field', () => {
  it('given an old stored spec without grains, when parsed, then it is the same spec: exact values', () => {
    const old = { rows: ['at'], columns: [], values: 'n', aggregate: 'Count' };
    expect(pivotSpecSchema.parse(old)).toEqual(old);
    expect(pivotSpecSchema.parse(old)).not.toHaveProperty('grains');
  });

  it('given a grain outside the closed list, or text, when parsed, then it is refused', () => {
    expect(pivotSpecSchema.parse(byMonth)).toEqual(byMonth);
    expect(pivotSpecSchema.safeParse({ ...byMonth, grains: { at: 'decade' } }).success).toBe(false);
    expect(pivotSpecSchema.safeParse({ ...byMonth, grains: { at: "month'); DROP TABLE t; --" } }).success).toBe(false);
  });

  it('given a date or timestamp type, then its grains; a date has no hours; other types none', () => {
    expect(grainsOf('TIMESTAMP')).toContain('minute');
    expect(grainsOf('TIMESTAMP WITH TIME ZONE')).toContain('hour');
    expect(grainsOf('DATE')).toEqual(['year', 'quarter', 'month', 'week', 'day']);
    expect(grainsOf('VARCHAR')).toEqual([]);
    expect(proposedGrain('DATE')).toBe('month');
    expect(proposedGrain('BIGINT')).toBeUndefined();
  });

  it('given the builder adds a date field, then it proposes a month; a field kept keeps its grain or exact values; a removed one loses it', () => {
    const typeOf = (f: string) => columns.find((c) => c.name === f)?.type ?? 'VARCHAR';
    expect(grainsAfter({ rows: ['origin'], columns: [] }, ['origin', 'at'], typeOf)).toEqual({ at: 'month' });
    expect(grainsAfter({ rows: ['origin'], columns: [] }, ['origin', 'n'], typeOf)).toBeUndefined();
    expect(grainsAfter({ rows: ['at'], columns: ['Day'], grains: { at: 'hour' } }, ['at', 'Day'], typeOf)).toEqual({ at: 'hour' });
    expect(grainsAfter({ rows: ['at'], columns: ['Day'], grains: { at: 'hour' } }, ['Day'], typeOf)).toBeUndefined();
  });

  it('says the grain in the layout words', () => expect(pivotLayoutWords(byMonth)).toBe(' by at (month), origin across Day (year)'));
});

describe('pivot SQL: a grained field', () => {
  const { relation, sqlSpec } = pivotRelation('t', columns, byMonth);

  it('given the app relation, then the grains follow the fields to their SQL names', () => {
    expect(relation).toBe('(SELECT c0 AS f0, c2 AS f1, c1 AS f2 FROM t)');
    expect(sqlSpec.grains).toEqual({ f0: 'month', f2: 'year' });
  });

  it('groups by date_trunc of the grain, reads the values themselves (a Min of a date is a day)', () => {
    const partial = pivotPartialSql(sqlSpec, relation)!;
    expect(partial).toContain(`date_trunc('month', "f0") AS g0`);
    expect(partial).toContain(`"f1" AS g1`);
    expect(partial).toContain(`date_trunc('year', "f2") AS kv0`);
    expect(partial).toContain(`"f0" AS v`);
  });

  it('names a group, a key and a collapsed group by the calendar text, and orders by the truncated value', () => {
    const { sql } = bound(sqlSpec);
    expect(sql).toContain(`strftime(g0, '%Y-%m') AS c1, g1 AS c2`);
    expect(sql).toContain(`strftime(kv0, '%Y') AS kt0`);
    expect(sql).toContain(`coalesce(strftime(g0, '%Y-%m') IN ($2), false)`);
    expect(sql).toMatch(/ORDER BY level >= 1, g0 ASC NULLS LAST, level >= 2, g1 ASC NULLS LAST$/);
    expect(pivotKeysSql(sqlSpec, { kind: 'partial', table: 'p' })).toContain(`strftime(k0, '%Y') AS t0`);
    expect(pivotKeysSql(sqlSpec, { kind: 'rows', relation })).toContain(`date_trunc('year', "f2") AS k0`);
  });

  it('writes every grain as a calendar text', () => {
    expect(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute'].map((g) => groupText(g as 'year', 'x'))).toEqual([
      `strftime(x, '%Y')`,
      `(strftime(x, '%Y') || '-Q' || quarter(x))`,
      `strftime(x, '%Y-%m')`,
      `strftime(x, '%Y-%m-%d')`,
      `strftime(x, '%Y-%m-%d')`,
      `strftime(x, '%Y-%m-%d %H:00')`,
      `strftime(x, '%Y-%m-%d %H:%M')`,
    ]);
    expect(groupText(undefined, 'x')).toBe('CAST(x AS VARCHAR)');
    expect(() => groupText('decade' as 'year', 'x')).toThrow();
  });

  it('Open as SQL groups the same way, by the names a person sees', () => {
    const sql = pivotOpenAsSql(byMonth, 'SELECT * FROM flights', keys, columns);
    expect(sql).toContain(`date_trunc('month', "at") AS g0`);
    expect(sql).toContain(`date_trunc('year', "Day") AS kv0`);
    expect(sql).toContain(`strftime(g0, '%Y-%m') AS "at"`);
  });
});
