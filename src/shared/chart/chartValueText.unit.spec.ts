import { describe, expect, it } from 'vitest';
import type { ChartRole } from './chartSql';
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
});
