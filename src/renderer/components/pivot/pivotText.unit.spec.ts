import { describe, expect, it } from 'vitest';
import { pivotCellText } from './pivotText';
import { proposePivot } from './pivotProposal';

describe('pivotCellText', () => {
  it('rounds floats to two decimals with grouped thousands, keeps exact integers', () => {
    expect(pivotCellText('12345.6789', 'DOUBLE')).toBe('12,345.68');
    expect(pivotCellText('170141183460469231731687303715884105727', 'HUGEINT')).toBe('170,141,183,460,469,231,731,687,303,715,884,105,727');
    expect(pivotCellText(null, 'DOUBLE')).toBe('');
    expect(pivotCellText('inf', 'DOUBLE')).toBe('inf');
  });
});

describe('proposePivot', () => {
  it('groups by the first text column and averages the first number', () => {
    expect(proposePivot([{ name: 'n', type: 'BIGINT' }, { name: 'city', type: 'VARCHAR' }])).toEqual({ rows: ['city'], columns: [], values: 'n', aggregate: 'Average' });
    expect(proposePivot([{ name: 'city', type: 'VARCHAR' }])).toEqual({ rows: ['city'], columns: [], values: 'city', aggregate: 'Count' });
    expect(proposePivot([])).toBeUndefined();
  });
});
