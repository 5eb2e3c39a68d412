import { describe, expect, it } from 'vitest';
import { columnLefts, FIELD_WIDTH, MAX_COLUMN_WIDTH, pivotColumnWidths, pivotCountText, VALUE_WIDTH } from './pivotLayout';

/** Header names whose measured width is written in them ("w126"), as a font would give it. */
const measured = (name: string) => Number(name.slice(1));

describe('pivotColumnWidths', () => {
  it('fits a value header’s text and its sort icon, so "Average of Cylinders" is not cut', () => {
    // about 126 px of text at 12 px: more than the narrowest value column leaves it
    const [field, value] = pivotColumnWidths(['w40', 'w126'], 1, measured);
    expect(field).toBe(FIELD_WIDTH);
    expect(value).toBeGreaterThanOrEqual(126 + 16 + 14);
    expect(value).toBeLessThan(126 + 60);
  });

  it('keeps the narrowest widths for short or unmeasurable headers, and caps long ones', () => {
    expect(pivotColumnWidths(['w1', 'w2', 'w3', 'w4'], 2, measured)).toEqual([FIELD_WIDTH, FIELD_WIDTH, VALUE_WIDTH, VALUE_WIDTH]);
    expect(pivotColumnWidths(['w10', 'w8', 'wNaN'], 1, measured)).toEqual([FIELD_WIDTH, VALUE_WIDTH, VALUE_WIDTH]);
    expect(pivotColumnWidths(['w900', 'w900'], 1, measured)).toEqual([MAX_COLUMN_WIDTH, MAX_COLUMN_WIDTH]);
    expect(pivotColumnWidths(['w200.2'], 1, measured)[0]).toBe(219);
  });

  it('outside a browser, measures as the results grid does: a longer name is never narrower', () => {
    const [short, long] = pivotColumnWidths(['Average of Cylinders', 'Average of Miles_per_Gallon by origin'], 0);
    expect(long).toBeGreaterThan(short!);
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

  it('with several row fields, counts the finest level’s groups and says subtotals are not counted', () => {
    const { text, title } = read(13, ['Origin', 'Cylinders']);
    expect(text).toBe('13 groups');
    expect(title).toBe('13 groups of Origin › Cylinders, collapsed ones included; subtotal rows and the Total row are not counted');
  });
});
