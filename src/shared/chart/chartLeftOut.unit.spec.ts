import { describe, expect, it } from 'vitest';
import { chartLeftOutNote, leftOutSql, readChartLeftOut } from './chartLeftOut';
import { chartSql } from './chartSql';

const columns = [
  { name: 'delay "s"', type: 'DOUBLE' },
  { name: 'distance', type: 'INTEGER' },
  { name: 'origin', type: 'VARCHAR' },
  { name: 'day', type: 'DATE' },
];

describe('what a chart’s aggregate leaves out', () => {
  it('given bars of the average of a DOUBLE, then the marks read its finite values only, and its NaNs and infinities are counted', () => {
    const spec = { mark: 'Bar', x: 'origin', y: 'delay "s"', aggregate: 'Average' } as const;
    expect(chartSql(spec, 'rel', columns).sql).toContain('CASE WHEN isfinite("delay ""s""") THEN "delay ""s""" END AS y');
    expect(leftOutSql(spec, 'rel', columns)).toBe(
      'SELECT count(CASE WHEN isnan("delay ""s""") THEN 1 END)::VARCHAR AS nan, count(CASE WHEN isinf("delay ""s""") AND "delay ""s""" > 0 THEN 1 END)::VARCHAR AS inf, count(CASE WHEN isinf("delay ""s""") AND "delay ""s""" < 0 THEN 1 END)::VARCHAR AS neg_inf FROM rel',
    );
  });

  it('given a line, then only the rows it places (a finite X) are counted, with the grid filter', () => {
    expect(leftOutSql({ mark: 'Line', x: 'day', y: 'delay "s"', aggregate: 'Max' }, 'rel', columns, 'c1 > $1')).toMatch(/ FROM rel WHERE isfinite\("day"\) AND \(c1 > \$1\)$/);
  });

  it('given counts, an integer Y or points, then nothing can be left out and nothing is counted', () => {
    expect(chartSql({ mark: 'Bar', x: 'origin', y: 'delay "s"', aggregate: 'Count' }, 'rel', columns).sql).not.toContain('isfinite');
    expect(leftOutSql({ mark: 'Bar', x: 'origin', y: 'delay "s"', aggregate: 'Count' }, 'rel', columns)).toBeUndefined();
    expect(leftOutSql({ mark: 'Bar', x: 'origin', y: 'distance', aggregate: 'Sum' }, 'rel', columns)).toBeUndefined();
    expect(leftOutSql({ mark: 'Scatter', x: 'distance', y: 'delay "s"', aggregate: 'Average' }, 'rel', columns)).toBeUndefined();
  });

  it('given a box plot, then its values are finite ones and it says what it left out', () => {
    const spec = { mark: 'Box', x: 'origin', y: 'delay "s"', aggregate: 'Count' } as const;
    expect(chartSql(spec, 'rel', columns).sql).toContain('WHERE isfinite("delay ""s""")');
    expect(chartSql({ mark: 'Box', x: 'delay "s"', aggregate: 'Count' }, 'rel', columns).sql).toMatch(/WHERE isfinite\(v\)$/);
    expect(chartLeftOutNote(readChartLeftOut(['0', '3', '1']), spec, columns)).toBe('3 inf, 1 -inf left out of the box of delay "s".');
  });

  it('says what it left out of the aggregate in the profile’s words; nothing when nothing was', () => {
    const spec = { mark: 'Line', x: 'day', y: 'delay "s"', aggregate: 'Sum' } as const;
    expect(chartLeftOutNote({ nan: 2, inf: 0, negInf: 0 }, spec, columns)).toBe('2 NaN left out of the sum of delay "s".');
    expect(chartLeftOutNote({ nan: 0, inf: 0, negInf: 0 }, spec, columns)).toBeUndefined();
    expect(chartLeftOutNote(undefined, spec, columns)).toBeUndefined();
  });
});
