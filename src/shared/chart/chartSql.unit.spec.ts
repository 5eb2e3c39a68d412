import { describe, expect, it } from 'vitest';
import { chartMarks, MAX_CHART_MARKS, type ChartSpec } from './chartSpec';
import { chartSql } from './chartSql';

const HOSTILE = `x"; DROP TABLE t; --`;
const columns = [
  { name: HOSTILE, type: 'BIGINT' },
  { name: `o'rigin ✈`, type: 'VARCHAR' },
  { name: 'when', type: 'TIMESTAMP' },
  { name: 'dist ance', type: 'DOUBLE' },
];

describe('chartSql', () => {
  it('reaches a hostile column name only through its quoted identifier', () => {
    const { sql } = chartSql({ mark: 'Histogram', x: HOSTILE, aggregate: 'Count' }, 't', columns);
    expect(sql).toContain(`"x""; DROP TABLE t; --"`);
    // every occurrence of the name is inside the quoted identifier
    expect(sql.split(`"x""; DROP TABLE t; --"`).join('')).not.toContain('DROP TABLE');
  });

  it('uses a kept result column reference instead of the name when given', () => {
    const { sql } = chartSql({ mark: 'Bar', x: `o'rigin ✈`, aggregate: 'Count' }, 'results."q"', columns.map((c, i) => ({ ...c, ref: `c${i}` })));
    expect(sql).toContain('c1::VARCHAR AS x_raw');
    expect(sql).not.toContain(`o'rigin`);
  });

  it('caps every mark at MAX_CHART_MARKS + 1 rows (one more says it was truncated)', () => {
    for (const mark of chartMarks) {
      const spec: ChartSpec = { mark, x: mark === 'Box' || mark === 'Histogram' ? HOSTILE : 'when', y: HOSTILE, aggregate: 'Count' };
      const { sql } = chartSql(mark === 'Box' ? { ...spec, x: `o'rigin ✈` } : spec, 't', columns);
      if (mark !== 'Box') expect(sql).toContain(`LIMIT ${MAX_CHART_MARKS + 1}`);
    }
  });

  it('bins numbers into nice steps, dates with date_trunc, and caps categories with (other)', () => {
    expect(chartSql({ mark: 'Histogram', x: 'dist ance', aggregate: 'Count' }, 't', columns).sql).toMatch(/WHEN .* <= 2 THEN 2 WHEN .* <= 5 THEN 5 ELSE 10 END/);
    expect(chartSql({ mark: 'Histogram', x: 'when', aggregate: 'Count' }, 't', columns).sql).toContain('date_trunc(');
    const bar = chartSql({ mark: 'Bar', x: `o'rigin ✈`, aggregate: 'Count' }, 't', columns);
    expect(bar.sql).toContain(`ELSE '(other)'`);
    expect(bar.sql).toContain('LIMIT 50)');
  });

  it('bins integers with edges in a type holding a step past their range: BIGINT up to 32 bits, HUGEINT up to 64, else BIGNUM', () => {
    const histogram = (type: string) => chartSql({ mark: 'Histogram', x: 'n', aggregate: 'Count' }, 't', [{ name: 'n', type }]).sql;
    for (const type of ['SMALLINT', 'INTEGER', 'UINTEGER']) expect(histogram(type), type).toContain('::BIGINT AS x1');
    for (const type of ['BIGINT', 'UBIGINT']) expect(histogram(type), type).toContain('::HUGEINT AS x1');
    for (const type of ['HUGEINT', 'UHUGEINT']) expect(histogram(type), type).toContain('::BIGNUM AS x1');
  });

  it('reduces a line with M4: first, last, min and max per pixel bucket', () => {
    const { sql, columns: out } = chartSql({ mark: 'Line', x: 'when', y: 'dist ance', aggregate: 'Average' }, 't', columns);
    expect(sql).toContain('WHERE r_first = 1 OR r_last = 1 OR r_min = 1 OR r_max = 1');
    expect(out.map((c) => c.role)).toEqual(['x', 'value']);
  });

  it('draws a scatter as points when few rows, as a density grid when many', () => {
    const spec: ChartSpec = { mark: 'Scatter', x: 'dist ance', y: HOSTILE, aggregate: 'Count' };
    expect(chartSql(spec, 't', columns, { rows: 100 }).columns.map((c) => c.role)).toEqual(['x', 'y']);
    expect(chartSql(spec, 't', columns, { rows: MAX_CHART_MARKS + 1 }).columns.map((c) => c.role)).toEqual(['x1', 'x2', 'y1', 'y2', 'value']);
  });

  it('given a filter (linked charts), then only passing rows are counted while bins and top categories come from every row', () => {
    const cols = [{ name: 'n', type: 'INTEGER', ref: 'c0' }, { name: 'k', type: 'VARCHAR', ref: 'c1' }];
    const histogram = chartSql({ mark: 'Histogram', x: 'n', aggregate: 'Count' }, 't', cols, { filter: 'c1 = $1' }).sql;
    expect(histogram).toContain('(c1 = $1) AS keep_ FROM t');
    expect(histogram).toContain('bx AS (SELECT');
    expect(histogram).toMatch(/bx AS \(SELECT .* FROM base\)/);
    const bars = chartSql({ mark: 'Bar', x: 'k', aggregate: 'Count' }, 't', cols, { filter: 'c0 > $1' }).sql;
    expect(bars).toMatch(/tx AS \(SELECT x_raw AS k, count\(\*\) AS n, true AS hit FROM base/);
    expect(bars).toContain('FROM base WHERE keep_');
  });

  it('groups capped categories on a rest flag apart from their label, so a real (other) is not counted with the rest', () => {
    const roles = (spec: ChartSpec) => chartSql(spec, 't', columns).columns.map((c) => `${c.role}:${c.kind}`);
    const o = `o'rigin ✈`;
    expect(roles({ mark: 'Bar', x: o, aggregate: 'Count' })).toEqual(['x:category', 'value:number', 'xRest:flag']);
    expect(roles({ mark: 'Bar', x: o, color: o, aggregate: 'Count' })).toEqual(['x:category', 'color:category', 'value:number', 'xRest:flag', 'colorRest:flag']);
    expect(roles({ mark: 'Heatmap', x: o, y: 'dist ance', aggregate: 'Count' })).toEqual(['x:category', 'y1:number', 'y2:number', 'value:number', 'xRest:flag']);
    expect(roles({ mark: 'Box', x: o, y: 'dist ance', aggregate: 'Count' })).toEqual(['x:category', 'min:number', 'q1:number', 'median:number', 'q3:number', 'max:number', 'xRest:flag']);
    expect(roles({ mark: 'Line', x: 'when', y: 'dist ance', color: o, aggregate: 'Sum' })).toEqual(['x:time', 'color:category', 'value:number', 'colorRest:flag']);
    // a histogram of numbers has no categories to cap, and no flag
    expect(roles({ mark: 'Histogram', x: 'dist ance', aggregate: 'Count' })).toEqual(['x1:number', 'x2:number', 'value:number']);
    expect(chartSql({ mark: 'Bar', x: o, aggregate: 'Count' }, 't', columns).sql).toContain('(tx.hit IS NULL)');
  });
});
