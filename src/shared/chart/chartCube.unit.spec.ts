import { describe, expect, it } from 'vitest';
import { brushStep, chartCube, cubeable, snapBrush, stepIndex } from './chartCube';

describe('brush bins', () => {
  it('given a range, when stepped, then the step is nice (1, 2 or 5 × 10ⁿ) for at most about 1,000 bins, whole for integers', () => {
    expect(brushStep(0, 999.999, false)).toBe(1);
    expect(brushStep(-1.6, 35.6, false)).toBe(0.05);
    expect(brushStep(0, 30, true)).toBe(1);
    expect(brushStep(0, 3_000_000, true)).toBe(5000);
    expect(brushStep(5, 5, false)).toBe(1);
  });

  it('given a snapped brush, when read back, then its edges are whole steps; anything else is not', () => {
    const { lo, hi } = snapBrush(4.35, 8.05, 0.1);
    expect([stepIndex(lo, 0.1), stepIndex(hi, 0.1)]).toEqual([43, 81]);
    expect(stepIndex('4.35', 0.1)).toBeUndefined();
    expect(stepIndex('', 0.1)).toBeUndefined();
    expect(stepIndex('x', 0.1)).toBeUndefined();
    // the decimal edge is the step; k × step's double that is not the decimal is not
    expect(stepIndex('1.4', 0.2)).toBe(7);
    expect(stepIndex('1.4000000000000001', 0.2)).toBeUndefined();
    expect(snapBrush(0.3, 0.3, 0.1)).toEqual({ lo: '0.3', hi: '0.4' });
    expect(brushStep(0, 0.00003, false)).toBe(5e-8);
  });
});

describe('chartCube', () => {
  const columns = [
    { name: 'a', type: 'DOUBLE', ref: 'c0' },
    { name: `o'rigin "x"`, type: 'VARCHAR', ref: 'c1' },
    { name: 'd', type: 'DATE', ref: 'c2' },
  ];

  it('given a histogram or bars of counts without color, then a cube answers it; other charts go the direct way', () => {
    expect(cubeable({ mark: 'Histogram', x: 'a', aggregate: 'Count' }, columns)).toBe(true);
    expect(cubeable({ mark: 'Bar', x: `o'rigin "x"`, aggregate: 'Count' }, columns)).toBe(true);
    expect(cubeable({ mark: 'Bar', x: 'd', aggregate: 'Count' }, columns)).toBe(false);
    expect(cubeable({ mark: 'Bar', x: `o'rigin "x"`, aggregate: 'Sum', y: 'a' }, columns)).toBe(false);
    expect(cubeable({ mark: 'Histogram', x: 'a', aggregate: 'Count', color: `o'rigin "x"` }, columns)).toBe(false);
  });

  it('given a brush, then a move reads only the cube, between whole bin numbers, and names no column of the result', () => {
    const cube = chartCube({ mark: 'Bar', x: `o'rigin "x"`, aggregate: 'Count' }, 'results."q_1"', columns, 'c0', 0.05, 'c2 >= $1');
    expect(cube.create('results."cube"')).toContain('(c2 >= $1) AS keep_');
    const marks = cube.marks('results."cube"', 43, 81.7);
    expect(marks.sql).toContain('FROM results."cube" WHERE b_ >= 43 AND b_ < 81');
    expect(marks.sql).not.toContain('rigin');
  });
});
