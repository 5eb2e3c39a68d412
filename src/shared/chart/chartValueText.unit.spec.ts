import { describe, expect, it } from 'vitest';
import { shownMean } from '../explore/profileText';
import type { ChartDataColumn, ChartRole } from './chartDataColumn';
import { chartDataText, computedValueText, isComputedRole, timeTexts } from './chartValueText';

describe('computedValueText', () => {
  it('rounds a float sum to at most two decimals, grouped, as readableNumber does', () => {
    expect(computedValueText('4203.600000000008')).toBe('4,203.6');
    expect(computedValueText('222.39999999999998')).toBe('222.4');
    expect(computedValueText('0.0')).toBe('0');
    expect(computedValueText('0.012345')).toBe('0.0123');
  });

  it('keeps every digit of a whole number, grouped', () => {
    expect(computedValueText('14828')).toBe('14,828');
    expect(computedValueText('-1400000')).toBe('-1,400,000');
    expect(computedValueText('123456789012345678901')).toBe('123,456,789,012,345,678,901');
  });

  it('given an average of an integer or DECIMAL column beyond a quadrillion, then it keeps its whole digits, grouped, as its profile’s mean and the pivot’s Average read', () => {
    expect(computedValueText('9007199254740994.0', 'BIGINT')).toBe('9,007,199,254,740,994');
    expect(computedValueText('9007199254740994.0', 'BIGINT')).toBe(shownMean('9007199254740994.0', 'BIGINT'));
    expect(computedValueText('1000000000000000.5', 'DECIMAL(18,1)')).toBe('1,000,000,000,000,000.5');
    // small ones as before; a DOUBLE column's, or one of no known column, in scientific notation
    expect(computedValueText('4203.600000000008', 'BIGINT')).toBe('4,203.6');
    expect(computedValueText('1.7014118346046923e+38', 'HUGEINT')).toBe('1.7e+38');
    expect(computedValueText('9007199254740994.0', 'DOUBLE')).toBe('9.01e+15');
    expect(computedValueText('9007199254740994.0')).toBe('9.01e+15');
    const data = { columns: [{ role: 'x', kind: 'category', label: 'g' }, { role: 'value', kind: 'number', label: 'average of v' }] as ChartDataColumn[], rows: [['0', '9007199254740994.0']] };
    expect(chartDataText(data, 'BIGINT').rows).toEqual([['0', '9,007,199,254,740,994']]);
  });

  it('computes only a mark’s values, not its categories, coordinates or bin edges', () => {
    const computed: ChartRole[] = ['value', 'min', 'q1', 'median', 'q3', 'max'];
    const given: ChartRole[] = ['x', 'x1', 'x2', 'y', 'y1', 'y2', 'color', 'xRest'];
    expect(computed.filter(isComputedRole)).toEqual(computed);
    expect(given.filter(isComputedRole)).toEqual([]);
  });
});

describe('timeTexts', () => {
  it('writes a column of midnights (bins of a day or more, a DATE column) as days', () => {
    expect(timeTexts(['2012-01-01 00:00:00', null, '2013-01-01 00:00:00'])).toEqual(['2012-01-01', null, '2013-01-01']);
  });
  it('keeps the times of a column where one is not a midnight: every cell the same way', () => {
    const hours = ['2001-01-01 00:00:00', '2001-01-01 01:00:00'];
    expect(timeTexts(hours)).toEqual(hours);
  });
});

describe('chartDataText', () => {
  it('writes the columns shown (no rest flag) and each cell as "Chart data" reads it', () => {
    const text = chartDataText({
      columns: [
        { role: 'x1', kind: 'time', label: 'date from' },
        { role: 'color', kind: 'category', label: 'weather' },
        { role: 'value', kind: 'number', label: 'sum of rain' },
        { role: 'colorRest', kind: 'flag', label: 'rest of weather' },
      ],
      rows: [
        ['2012-01-01 00:00:00', 'sun', '4203.600000000008', 'false'],
        ['2013-01-01 00:00:00', null, '1461', 'false'],
      ],
    });
    expect(text.columns.map((c) => c.label)).toEqual(['date from', 'weather', 'sum of rain']);
    expect(text.rows).toEqual([
      ['2012-01-01', 'sun', '4,203.6'],
      ['2013-01-01', 'NULL', '1,461'],
    ]);
  });

  it('writes the rest of the categories as the axis does, apart from a real (other), in chart data’s order', () => {
    const text = chartDataText({
      columns: [
        { role: 'x', kind: 'category', label: 'weather' },
        { role: 'value', kind: 'number', label: 'count' },
        { role: 'xRest', kind: 'flag', label: 'rest of weather' },
      ],
      rows: [
        ['sun', '9', 'false'],
        ['(other)', '7', 'false'],
        [null, '4', 'false'],
        ['(other)', '3', 'true'],
      ],
    });
    expect(text.rows).toEqual([
      ['sun', '9'],
      ['(other)', '7'],
      ['NULL', '4'],
      ['All others', '3'],
    ]);
  });

  it('writes number bin edges with grouped thousands as the axis ticks do, every decimal kept', () => {
    const text = chartDataText({
      columns: [
        { role: 'x1', kind: 'number', label: 'delay from' },
        { role: 'x2', kind: 'number', label: 'delay to' },
        { role: 'value', kind: 'number', label: 'count' },
      ],
      rows: [
        ['-1200', '-1000', '3'],
        ['1234567.2', '1234567.4', '12000'],
        ['1.2', '1.4', '5'],
        ['1e-07', '2e-07', '1'],
        ['9223372036854775000', '9223372036854775807', '1'],
      ],
    });
    expect(text.rows).toEqual([
      ['-1,200', '-1,000', '3'],
      ['1,234,567.2', '1,234,567.4', '12,000'],
      ['1.2', '1.4', '5'],
      ['1e-07', '2e-07', '1'],
      ['9,223,372,036,854,775,000', '9,223,372,036,854,775,807', '1'],
    ]);
  });
});
