import { describe, expect, it } from 'vitest';
import { isEmptyCell, pivotCellText, pivotTitle, pivotValueLabel, valueName } from './pivotText';

describe('pivotCellText', () => {
  it('rounds floats to two decimals with grouped thousands, keeps exact integers', () => {
    expect(pivotCellText('12345.6789', 'DOUBLE')).toBe('12,345.68');
    expect(pivotCellText('170141183460469231731687303715884105727', 'HUGEINT')).toBe('170,141,183,460,469,231,731,687,303,715,884,105,727');
    expect(pivotCellText('inf', 'DOUBLE')).toBe('inf');
  });

  it('given SQL NULL (an average of only NULLs), when shown, then it reads NULL as the results grid shows it, not blank', () => {
    expect(pivotCellText(null, 'DOUBLE')).toBe('NULL');
    expect(pivotCellText(null, 'BIGINT')).toBe('NULL');
  });

  it('given a combination with no rows, when drawn, then it is blank for every type, apart from a NULL aggregate (NULL) and a 0', () => {
    expect(pivotValueLabel(null, 'BIGINT', true)).toBe('');
    expect(pivotValueLabel(null, 'DOUBLE', true)).toBe('');
    expect(pivotValueLabel(null, 'HUGEINT', false)).toBeNull();
    expect(pivotValueLabel('0', 'BIGINT', false)).toBe('0');
    expect(pivotValueLabel('1234.5', 'DOUBLE', false)).toBe('1,234.50');
  });

  it('given a page’s empty cells, then a value column is empty only where its row lists it; a page without them has none', () => {
    const page = { empty: [[0, 2], []] };
    expect([0, 1, 2].map((v) => isEmptyCell(page, 0, v))).toEqual([true, false, true]);
    expect(isEmptyCell(page, 1, 0)).toBe(false);
    expect(isEmptyCell({}, 0, 0)).toBe(false);
  });

  it('gives every float two decimals, so a column’s values line up; integers stay whole', () => {
    expect(['13', '21.85', '18.1', '0', '-3.999', '0.5'].map((v) => pivotCellText(v, 'DOUBLE'))).toEqual(['13.00', '21.85', '18.10', '0.00', '-4.00', '0.50']);
    expect(pivotCellText('13', 'BIGINT')).toBe('13');
    expect(pivotCellText('1234', 'HUGEINT')).toBe('1,234');
    expect(pivotCellText('12.500', 'DECIMAL(38,3)')).toBe('12.500');
  });

  it('keeps significant digits where two decimals would hide the value or digits stop being readable', () => {
    expect(pivotCellText('0.001234', 'DOUBLE')).toBe('0.00123');
    expect(pivotCellText('-0.00001', 'DOUBLE')).toBe('-1e-5');
    expect(pivotCellText('1.5e20', 'DOUBLE')).toBe('1.5e+20');
  });
});

describe('valueName', () => {
  it('names SQL NULL NULL and quotes a text that reads so, so buttons never share a name', () => {
    expect(valueName(null)).toBe('NULL');
    expect(valueName('NULL')).toBe("'NULL'");
    expect(valueName('null')).toBe("'null'");
    expect(valueName('Nullable')).toBe('Nullable');
    expect(valueName('Action')).toBe('Action');
    expect(valueName('x'.repeat(5000))).toBe(`${'x'.repeat(1000)}…`);
  });

  it('names the empty text (empty), as a profile’s frequent value reads, and quotes a text that reads so', () => {
    // blank, "Sort by " and "Selected name = " named nothing
    expect(valueName('')).toBe('(empty)');
    expect(valueName('(empty)')).toBe("'(empty)'");
  });
});

describe('pivotTitle', () => {
  it('names a pivot as the history does, so the previous one kept on screen says which it is', () => {
    expect(pivotTitle({ rows: ['a "quoted" name'], columns: [], values: 'id', aggregate: 'Average' })).toBe('Average of id by a "quoted" name');
    expect(pivotTitle({ rows: ['origin', 'destination'], columns: ['month'], values: 'delay', aggregate: 'Count' })).toBe('Count of delay by origin, destination across month');
  });

  it('given no row field, when named, then no dangling "by": "Sum of delay", or "Count of delay across month"', () => {
    expect(pivotTitle({ rows: [], columns: [], values: 'delay', aggregate: 'Sum' })).toBe('Sum of delay');
    expect(pivotTitle({ rows: [], columns: ['month'], values: 'delay', aggregate: 'Count' })).toBe('Count of delay across month');
  });
});
