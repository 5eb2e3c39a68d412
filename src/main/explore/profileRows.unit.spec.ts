import { describe, expect, it } from 'vitest';
import type { Column } from '../../shared/contracts/events';
import type { PageFilter } from '../../shared/contracts/pageView';
import { profileSql } from './profileSql';
import { badProfileFilter, profileRows } from './profileRows';

/** A result's profile over the rows the grid shows: its view filters, as the grid, the charts and the pivot apply them. */
const columns: Column[] = [
  { name: 'col_0', type: 'BIGINT' },
  { name: 'note', type: 'VARCHAR' },
  { name: 'day', type: 'TIMESTAMP' },
];
const hostile = "it's'); drop table t; --";
const TABLE = 'sextant_results."q_1"';

describe('profileRows', () => {
  it('given no filter, when the rows are built, then they are the result table itself and bind nothing', () => {
    expect(profileRows(TABLE, columns)).toEqual({ relation: TABLE, params: [] });
    expect(profileRows(TABLE, columns, [])).toEqual({ relation: TABLE, params: [] });
  });

  it('given the grid keeps col_0 < 48 and note <> a hostile text, when the rows are built, then they are the rows the grid keeps, values bound', () => {
    const filter: PageFilter[] = [
      { column: 0, op: 'lt', value: '48' },
      { column: 1, op: 'ne', value: hostile },
    ];
    const { relation, params } = profileRows(TABLE, columns, filter);
    // filterCondition's rule over the table's positional columns, the same as the grid's pages
    expect(relation).toBe(`(SELECT * FROM ${TABLE} WHERE c0 < TRY_CAST($1 AS BIGINT) AND c1 <> $2)`);
    expect(params).toEqual(['48', hostile]);
    expect(relation).not.toContain('drop table');
  });

  it('given a date typed on a timestamp column and a chart’s brush, when the rows are built, then the day is whole and the brush compares as the chart’s does', () => {
    const { relation, params } = profileRows(TABLE, columns, [
      { column: 2, op: 'le', value: '2001-03-31' },
      { column: 0, op: 'range', lo: '1', hi: '4', chart: 0 },
    ]);
    expect(relation).toBe(
      `(SELECT * FROM ${TABLE} WHERE c2 < TRY_CAST(TRY_CAST($1 AS DATE) + 1 AS TIMESTAMP) AND (CAST(c0 AS DOUBLE) >= TRY_CAST($2 AS DOUBLE) AND CAST(c0 AS DOUBLE) < TRY_CAST($3 AS DOUBLE)))`,
    );
    expect(params).toEqual(['2001-03-31', '1', '4']);
  });
});

describe('profileSql over filtered rows', () => {
  const filter: PageFilter[] = [{ column: 1, op: 'contains', value: hostile }];
  const rows = profileRows(TABLE, columns, filter);
  const request = { relation: rows.relation, columns: [{ name: 'col_0', type: 'BIGINT', ref: 'c0' }] };

  it('given filtered rows, when a batch is profiled, then it reads only them, with the value as $1 and never as text', () => {
    const sql = profileSql(request);
    expect(sql).toContain(`src AS MATERIALIZED (SELECT "c0" AS v0 FROM (SELECT * FROM ${TABLE} WHERE contains(lower(CAST(c1 AS VARCHAR)), lower($1))))`);
    expect(sql).not.toContain('drop table');
  });

  it('given filtered rows above a million, when a batch is sampled, then the sample and the pass over all rows (its total count) both read the filtered rows with the same $1', () => {
    const sql = profileSql({ ...request, sample: { rows: 1_000_000, of: 3_000_000 } });
    expect(sql).toContain(`FROM ${rows.relation} USING SAMPLE`);
    expect(sql).toContain('whole AS MATERIALIZED (SELECT count(*) AS n, ');
    expect(sql).toContain(`FROM ${rows.relation}), stats`);
    expect(sql.match(/\$\d+/g)).toEqual(['$1', '$1']);
  });
});

describe('badProfileFilter', () => {
  it('given a filter on a column the result lacks, then it names it; given good ones, nothing', () => {
    expect(badProfileFilter([{ column: 3, op: 'isNull' }], columns)).toBe('The result has no column 4.');
    expect(badProfileFilter([{ column: 2, op: 'notNull' }], columns)).toBeUndefined();
  });
});
