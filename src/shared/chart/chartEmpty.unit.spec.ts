import { describe, expect, it } from 'vitest';
import { emptyChartNote } from './chartEmpty';

describe('emptyChartNote', () => {
  it('given no marks of a result of no rows, then it says the query returned none, as the grid does', () => {
    expect(emptyChartNote(0, 0, false, undefined)).toBe('The query returned no rows: nothing to chart.');
    expect(emptyChartNote(0, 0, true, 0)).toBe('The query returned no rows: nothing to chart.');
  });

  it('given no marks of rows the filters all leave out, then it says the filters match none', () => {
    expect(emptyChartNote(0, 406, true, 0)).toBe('No rows match the filters: nothing to chart.');
  });

  it('given no marks of rows with no place on the axis, then it leaves it to the "Not drawn" note', () => {
    expect(emptyChartNote(0, 3, false, 3)).toBeUndefined();
  });

  it('given marks, then it says nothing', () => {
    expect(emptyChartNote(1, 0, true, undefined)).toBeUndefined();
  });
});
