import { describe, expect, it } from 'vitest';
import type { ChartData } from './chartData';
import { categoryText, marksOf, withoutIdleFlags, NULL_CATEGORY, REST_CATEGORY, REST_TEXT, selectableCategory, UNSELECTABLE_CATEGORIES } from './chartMarks';

// bars of weather: real values '(other)' and 'NULL' beside SQL NULL (null) and the rest of the categories (flagged)
const bars: ChartData = {
  queryId: 'q',
  spec: { mark: 'Bar', x: 'weather', aggregate: 'Count' },
  columns: [
    { role: 'x', kind: 'category', label: 'weather' },
    { role: 'value', kind: 'number', label: 'count' },
    { role: 'xRest', kind: 'flag', label: 'weather is the rest' },
  ],
  rows: [
    ['sun', '9', 'false'],
    ['(other)', '7', 'false'],
    ['NULL', '5', 'false'],
    [null, '4', 'false'],
    ['(other)', '3', 'true'],
  ],
  truncated: false,
};

describe('marksOf', () => {
  it('given a real (other) and NULL beside SQL NULL and the rest, then each is a category of its own, the real ones as their text', () => {
    expect(marksOf(bars)).toEqual([
      { x: 'sun', value: 9 },
      { x: '(other)', value: 7 },
      { x: 'NULL', value: 5 },
      { x: NULL_CATEGORY, value: 4 },
      { x: REST_CATEGORY, value: 3 },
    ]);
  });

  it('given chart data without rest flags (a scatter’s colors), then a null category is SQL NULL', () => {
    const points: ChartData = { ...bars, columns: [{ role: 'x', kind: 'category', label: 'g' }, { role: 'value', kind: 'number', label: 'count' }], rows: [[null, '1'], ['NULL', '2']] };
    expect(marksOf(points).map((m) => m.x)).toEqual([NULL_CATEGORY, 'NULL']);
  });
});

describe('categories a person reads and selects', () => {
  it('given the rest and SQL NULL, then they read All others (not a real value’s (other)) and NULL, and cannot be selected', () => {
    expect(categoryText(REST_CATEGORY)).toBe(REST_TEXT);
    expect(REST_TEXT).toBe('All others');
    expect(categoryText(REST_CATEGORY)).not.toBe(categoryText('(other)'));
    expect(categoryText(NULL_CATEGORY)).toBe('NULL');
    expect(UNSELECTABLE_CATEGORIES.every((c) => !selectableCategory(c))).toBe(true);
  });

  it('given real values that read like them, then they are shown as themselves and can be selected', () => {
    for (const real of ['(other)', 'NULL', 'null', '', 'sun']) {
      expect(categoryText(real)).toBe(real);
      expect(selectableCategory(real)).toBe(true);
    }
  });
});

describe('withoutIdleFlags', () => {
  it('given bars with a rest, then the flag stays on every row; without one, the flag goes and the marks read as before', () => {
    expect(withoutIdleFlags(bars.columns, bars.rows)).toEqual({ columns: bars.columns, rows: bars.rows });
    const fit = bars.rows.slice(0, 4);
    expect(withoutIdleFlags(bars.columns, fit)).toEqual({ columns: bars.columns.slice(0, 2), rows: fit.map((r) => r.slice(0, 2)) });
    expect(marksOf({ ...bars, ...withoutIdleFlags(bars.columns, fit) })).toEqual(marksOf({ ...bars, rows: fit }));
  });
});
