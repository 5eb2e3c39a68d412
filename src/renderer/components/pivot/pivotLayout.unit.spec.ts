import { describe, expect, it } from 'vitest';
import type { PivotPage } from '../../../shared/pivot/pivotPage';
import { columnLefts, FIELD_WIDTH, MAX_COLUMN_WIDTH, pivotColumnWidths, pivotCountText, VALUE_WIDTH, valueTextWidths } from './pivotLayout';

/** Header names whose measured width is written in them ("w126"), as a font would give it. */
const measured = (name: string) => Number(name.slice(1));

describe('pivotColumnWidths', () => {
  it('fits a value header’s text and its sort icon, so "Average of Cylinders" is not cut', () => {
    // about 126 px of text at 12 px: more than the narrowest value column leaves it
    const [field, value] = pivotColumnWidths(['w40', 'w126'], 1, [], measured);
    expect(field).toBe(FIELD_WIDTH);
    expect(value).toBeGreaterThanOrEqual(126 + 16 + 14);
    expect(value).toBeLessThan(126 + 60);
  });

  it('keeps the narrowest widths for short or unmeasurable headers, and caps long ones', () => {
    expect(pivotColumnWidths(['w1', 'w2', 'w3', 'w4'], 2, [], measured)).toEqual([FIELD_WIDTH, FIELD_WIDTH, VALUE_WIDTH, VALUE_WIDTH]);
    expect(pivotColumnWidths(['w10', 'w8', 'wNaN'], 1, [], measured)).toEqual([FIELD_WIDTH, VALUE_WIDTH, VALUE_WIDTH]);
    expect(pivotColumnWidths(['w900', 'w900'], 1, [], measured)).toEqual([MAX_COLUMN_WIDTH, MAX_COLUMN_WIDTH]);
    expect(pivotColumnWidths(['w200.2'], 1, [], measured)[0]).toBe(219);
  });

  it('outside a browser, measures as the results grid does: a longer name is never narrower', () => {
    const [short, long] = pivotColumnWidths(['Average of Cylinders', 'Average of Miles_per_Gallon by origin'], 0);
    expect(long).toBeGreaterThan(short!);
  });

  it('widens a value column to its widest value as shown, past the header’s cap: a number is never cut', () => {
    // 10 px of a monospace font: 6 px a character; cells are 12 px, so 7.2
    const mono = (text: string) => text.length * 6;
    const page = (values: (string | null)[][], types: string[]): PivotPage => ({
      queryId: 'q',
      offset: 0,
      totalRows: values[0]!.length,
      groups: 1,
      rowFields: 1,
      columns: [{ name: 'level', type: 'INTEGER' }, { name: 'genre', type: 'VARCHAR' }, ...types.map((type, i) => ({ name: `v${i}`, type }))],
      values,
      keys: { distinct: 0, values: [] },
    });
    const averages = page([['0', '1'], [null, 'a very long group name indeed'], ['139588242.5217391', '13'], ['1', null]], ['DOUBLE', 'BIGINT']);
    const huge = page([['1'], ['x'], ['170141183460469231731687303715884105727'], ['2']], ['HUGEINT', 'BIGINT']);
    // "139,588,242.52": 14 characters; row fields are not fitted (they end in an ellipsis, titled)
    const tenths = (widths: number[]) => widths.map((w) => Math.round(w * 10) / 10);
    // SQL NULL reads "NULL": 4 characters, wider than "1"
    expect(tenths(valueTextWidths([averages], mono))).toEqual([0, 14 * 7.2, 4 * 7.2]);
    expect(tenths(valueTextWidths([averages, huge], mono))).toEqual([0, 51 * 7.2, 4 * 7.2]);
    const [field, wide, narrow] = pivotColumnWidths(['w10', 'w50', 'w50'], 1, valueTextWidths([averages, huge], mono), measured);
    expect(field).toBe(FIELD_WIDTH);
    expect(wide).toBe(Math.ceil(51 * 7.2 + 16 + 1 + 1));
    expect(wide).toBeGreaterThan(MAX_COLUMN_WIDTH);
    expect(narrow).toBe(VALUE_WIDTH);
  });

  it('given cells with no rows, when the columns are fitted, then an empty cell takes no room (it is blank, not NULL)', () => {
    const mono = (text: string) => text.length * 6;
    const page: PivotPage = {
      queryId: 'q',
      offset: 0,
      totalRows: 2,
      groups: 2,
      rowFields: 1,
      columns: [{ name: 'level', type: 'BIGINT' }, { name: 'g', type: 'VARCHAR' }, { name: 'a', type: 'BIGINT' }, { name: 'b', type: 'BIGINT' }, { name: 'Total', type: 'BIGINT' }],
      values: [['1', '1'], ['x', 'y'], [null, '7'], [null, null], ['7', '7']],
      keys: { distinct: 2, values: [['a'], ['b']] },
      // x has no rows of a; y none of b; x's b is a real NULL
      empty: [[0], [1]],
    };
    expect(valueTextWidths([page], mono).map((w) => Math.round(w * 10) / 10)).toEqual([0, 1 * 7.2, 4 * 7.2, 1 * 7.2]);
  });

  it('places each column after the ones before it', () => {
    expect(columnLefts([150, 104, 180])).toEqual([0, 150, 254]);
  });
});

describe('pivotCountText', () => {
  // read as a person does: whatever space keeps a number with its noun
  const read = (groups: number, rows: readonly string[]) => {
    const { text, title } = pivotCountText(groups, rows);
    return { text: text.replace(/\s/g, ' '), title: title.replace(/\s/g, ' ') };
  };

  it('counts the groups, not the Total row, and says so', () => {
    expect(read(3, ['Origin'])).toEqual({ text: '3 groups', title: '3 groups of Origin; the Total row is not counted' });
    expect(read(1, ['Origin']).text).toBe('1 group');
    expect(read(12_345, ['Name']).text).toBe('12,345 groups');
  });

  it('given no row field, when counted, then it says the pivot is totals only (no group to count), not "1 group"', () => {
    expect(read(1, [])).toEqual({ text: 'Totals only', title: 'No row field: one Total row, of every row the grid shows' });
  });

  it('with several row fields, counts the finest level’s groups and says subtotals are not counted', () => {
    const { text, title } = read(13, ['Origin', 'Cylinders']);
    expect(text).toBe('13 groups');
    expect(title).toBe('13 groups of Origin › Cylinders, collapsed ones included; subtotal rows and the Total row are not counted');
  });
});
