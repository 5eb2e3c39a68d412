import { describe, expect, it } from 'vitest';
import { shownMean } from '../../../shared/explore/profileText';
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

  it('given an Average of integers or DECIMALs from a quadrillion to 1e17, then it keeps its whole digits, grouped, as the profile’s mean of that column reads', () => {
    // DuckDB's avg of 9007199254740993 + 0, 1, 2…: the results grid reads 9007199254740994.0, the profile's mean 9,007,199,254,740,994
    expect(pivotCellText('9007199254740994.0', 'DOUBLE', 'BIGINT')).toBe(shownMean('9007199254740994.0', 'BIGINT'));
    expect(pivotCellText('9007199254740994.0', 'DOUBLE', 'BIGINT')).toBe('9,007,199,254,740,994');
    expect(pivotCellText('-9007199254740994.0', 'DOUBLE', 'HUGEINT')).toBe('-9,007,199,254,740,994');
    expect(pivotCellText('1000000000000000.125', 'DOUBLE', 'DECIMAL(18,3)')).toBe('1,000,000,000,000,000.1');
    expect(pivotValueLabel('12345678901234567', 'DOUBLE', false, 'UBIGINT')).toBe('12,345,678,901,234,568');
  });

  it('given an Average of integers that is small, huge or of a float column, then it reads as any float does', () => {
    // small and fractional: two decimals each, as before (the profile's mean drops the zeros: "13")
    expect(['13', '21.85', '0.001234', '999999999999999.9'].map((v) => pivotCellText(v, 'DOUBLE', 'BIGINT'))).toEqual(['13.00', '21.85', '0.00123', '999,999,999,999,999.90']);
    // beyond 1e17 grouping would pad with made-up zeros
    expect(pivotCellText('1.7014118346046923e+38', 'DOUBLE', 'HUGEINT')).toBe('1.7e+38');
    // a DOUBLE column's mean is floatText's in the profile too
    expect(pivotCellText('9007199254740994.0', 'DOUBLE', 'DOUBLE')).toBe('9.01e+15');
    expect(pivotCellText('9007199254740994.0', 'DOUBLE')).toBe('9.01e+15');
    // an exact cell (a Sum, a Min) is DuckDB's own digits whatever the column
    expect(pivotCellText('9007199254740993', 'BIGINT', 'BIGINT')).toBe('9,007,199,254,740,993');
    expect(pivotCellText('inf', 'DOUBLE', 'BIGINT')).toBe('inf');
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
