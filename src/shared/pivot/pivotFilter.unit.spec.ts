import { describe, expect, it } from 'vitest';
import type { Column } from '../contracts/events';
import type { PageFilter } from '../contracts/pageView';
import { openAsSql } from '../explore/openAsSql';
import { boundPivotSql } from './pivotBound';
import { pivotOpenAsSql } from './pivotOpenAsSql';
import { pivotRelation } from './pivotRelation';
import type { PivotSpec } from './pivotSpec';

/** The pivot of a result's rows the grid shows: its view filters, as the grid and the charts apply them. */
const columns: Column[] = [
  { name: 'weather', type: 'VARCHAR' },
  { name: 'n', type: 'BIGINT' },
  { name: 'note', type: 'VARCHAR' },
];
const spec: PivotSpec = { rows: ['weather'], columns: [], values: 'n', aggregate: 'Average' };
const hostile = "it's'); drop table t; --";
const filter: PageFilter[] = [
  { column: 1, op: 'gt', value: '60' },
  { column: 2, op: 'ne', value: hostile },
];
const keys = { keys: [['k1']], distinct: 1 };

describe('pivotRelation', () => {
  it('given no filter, when the relation is built, then it reads every row and binds nothing', () => {
    const { relation, sqlSpec, params } = pivotRelation('res', columns, spec);
    expect(relation).toBe('(SELECT c0 AS f0, c1 AS f1 FROM res)');
    expect(sqlSpec).toMatchObject({ rows: ['f0'], values: 'f1' });
    expect(params).toEqual([]);
  });

  it('given the grid filters n > 60 and note <> a hostile text, when the relation is built, then it keeps the rows the grid keeps, values bound', () => {
    const { relation, params } = pivotRelation('res', columns, spec, filter);
    // filterCondition's rule, over the result table's positional columns, even one the pivot does not read
    expect(relation).toBe('(SELECT c0 AS f0, c1 AS f1 FROM res WHERE c1 > TRY_CAST($1 AS BIGINT) AND c2 <> $2)');
    expect(params).toEqual(['60', hostile]);
    expect(relation).not.toContain('drop table');
  });
});

describe('boundPivotSql over filtered rows', () => {
  const filtered = pivotRelation('res', columns, { ...spec, columns: ['note'], aggregate: 'Median' }, filter);

  it('given the pivot reads the rows (Median), when it is bound, then the filters’ values come first, then the keys’', () => {
    const { sql, params } = boundPivotSql(filtered.sqlSpec, { relation: filtered.relation, params: filtered.params, partialTable: undefined, valueType: 'BIGINT' }, keys);
    expect(params).toEqual(['60', hostile, 'k1']);
    expect(sql).toContain('WHERE c1 > TRY_CAST($1 AS BIGINT) AND c2 <> $2');
    expect(sql).toContain('kt0 = $3');
  });

  it('given the pivot reads its partial groups (already filtered), when it is bound, then only the keys are bound', () => {
    const parts = pivotRelation('res', columns, { ...spec, columns: ['note'] }, filter);
    const { sql, params } = boundPivotSql(parts.sqlSpec, { relation: parts.relation, params: parts.params, partialTable: 'part', valueType: 'BIGINT' }, keys);
    expect(params).toEqual(['k1']);
    expect(sql).not.toContain('$2');
    expect(sql).toContain('kt0 = $1');
  });
});

describe('pivotOpenAsSql over filtered rows', () => {
  it('given the grid filters the result, when the pivot is opened as SQL, then it pivots the grid’s own "Open as SQL" rows (WHERE, no ORDER BY)', () => {
    const sql = pivotOpenAsSql(spec, 'select * from w -- note', { keys: [], distinct: 0 }, columns, filter);
    const gridSql = openAsSql('select * from w -- note', columns, { orderBy: [], filter });
    expect(sql).toContain(`FROM (SELECT "weather" AS g0, "n" AS v FROM (\n${gridSql}\n) AS t)`);
    expect(gridSql).toContain(`WHERE "n" > 60\n  AND "note" <> 'it''s''); drop table t; --'`);
    expect(sql).not.toContain('ORDER BY "');
  });

  it('given repeated names and a filter, when opened as SQL, then the filtered rows carry the renamed names the fields read', () => {
    const cased: Column[] = [
      { name: 'n', type: 'BIGINT' },
      { name: 'N', type: 'BIGINT' },
    ];
    const sql = pivotOpenAsSql({ rows: ['n'], columns: [], values: 'N', aggregate: 'Sum' }, 'select 1 n, 2 N', { keys: [], distinct: 0 }, cased, [{ column: 1, op: 'ge', value: '2' }]);
    expect(sql).toContain(`) AS t("n", "N_1")\nWHERE "N_1" >= 2\n) AS t)`);
    expect(sql).toContain('"n" AS g0, "N_1" AS v');
  });

  it('given no filter, when opened as SQL, then it is the pivot of the query as before', () => {
    const sql = pivotOpenAsSql(spec, 'select * from w', { keys: [], distinct: 0 }, columns);
    expect(sql).toContain('FROM (\nselect * from w\n) AS t)');
    expect(sql).not.toContain('WHERE');
  });
});
