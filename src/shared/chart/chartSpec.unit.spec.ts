import { describe, expect, it } from 'vitest';
import { chartMarks, chartProblem, chartSpecSchema, drawnAsNote, drawnMark, proposeChart, unusedField, unusedFieldText } from './chartSpec';

const col = (name: string, type: string) => ({ name, type });

describe('proposeChart', () => {
  it('proposes a line over time for a date and a number', () => {
    expect(proposeChart([col('day', 'DATE'), col('n', 'BIGINT')], 10)).toEqual({ mark: 'Line', x: 'day', y: 'n', aggregate: 'Average' });
  });
  it('proposes a histogram for one number', () => {
    expect(proposeChart([col('name', 'VARCHAR'), col('delay', 'HUGEINT')], 10)).toEqual({ mark: 'Histogram', x: 'delay', aggregate: 'Count' });
  });
  it('proposes a heatmap for two numbers with many rows, a histogram with few', () => {
    const columns = [col('a', 'DOUBLE'), col('b', 'DECIMAL(18,3)')];
    expect(proposeChart(columns, 10_001)).toEqual({ mark: 'Heatmap', x: 'a', y: 'b', aggregate: 'Count' });
    expect(proposeChart(columns, 10_000)?.mark).toBe('Histogram');
  });
  it('proposes bars of counts for a category', () => {
    expect(proposeChart([col('origin "x"', 'VARCHAR')], 5)).toEqual({ mark: 'Bar', x: 'origin "x"', aggregate: 'Count' });
  });
  it('proposes nothing without columns', () => {
    expect(proposeChart([])).toBeUndefined();
  });
});

describe('chartProblem', () => {
  const columns = [col('t', 'TIMESTAMP'), col('n', 'INTEGER'), col('s', 'VARCHAR')];
  it('accepts what proposeChart proposes', () => {
    const spec = proposeChart(columns)!;
    expect(chartProblem(spec, columns)).toBeUndefined();
  });
  it('names a missing column, a non-number aggregate and a histogram of text', () => {
    expect(chartProblem({ mark: 'Bar', x: 'gone', aggregate: 'Count' }, columns)).toMatch(/no column "gone"/);
    expect(chartProblem({ mark: 'Bar', x: 's', y: 's', aggregate: 'Sum' }, columns)).toMatch(/Sum needs a number column as Y/);
    expect(chartProblem({ mark: 'Histogram', x: 's', aggregate: 'Count' }, columns)).toMatch(/histogram needs a number or date/);
    expect(chartProblem({ mark: 'Scatter', x: 'n', aggregate: 'Count' }, columns)).toMatch(/needs a Y column/);
  });
  it('the schema refuses unknown marks and keys', () => {
    expect(chartSpecSchema.safeParse({ mark: 'Pie', x: 'a', aggregate: 'Count' }).success).toBe(false);
    expect(chartSpecSchema.safeParse({ mark: 'Bar', x: 'a', aggregate: 'Count', sql: 'drop' }).success).toBe(false);
  });
});

describe('unusedField', () => {
  it('given a histogram, then Y and the aggregate say why they do nothing; bars, lines and areas read both', () => {
    expect(unusedField('Histogram', 'y')).toMatch(/no Y/);
    expect(unusedField('Histogram', 'aggregate')).toMatch(/does not aggregate/);
    for (const mark of ['Bar', 'Line', 'Area'] as const) {
      expect(unusedField(mark, 'y')).toBeUndefined();
      expect(unusedField(mark, 'aggregate')).toBeUndefined();
    }
    for (const mark of ['Scatter', 'Heatmap', 'Box'] as const) {
      expect(unusedField(mark, 'y')).toBeUndefined();
      expect(unusedField(mark, 'aggregate')).toMatch(/^A (scatter|heatmap|box plot) does not aggregate/);
    }
  });

  it('given a box plot or a heatmap, when Color is set, then Color says why it does nothing; the other marks read it', () => {
    expect(unusedField('Box', 'color')).toBe('A box plot draws one box per X in one color: it has no Color.');
    expect(unusedField('Heatmap', 'color')).toBe('A heatmap’s color is its count: it has no Color.');
    for (const mark of ['Bar', 'Line', 'Area', 'Scatter', 'Histogram'] as const) expect(unusedField(mark, 'color')).toBeUndefined();
  });
});

describe('unusedFieldText', () => {
  it('given a field the mark does not read, then it shows what the mark uses instead of the value the spec keeps', () => {
    expect(unusedFieldText('Histogram', 'y')).toBe('(count)');
    expect(unusedFieldText('Histogram', 'aggregate')).toBe('Count');
    expect(unusedFieldText('Heatmap', 'aggregate')).toBe('Count');
    expect(unusedFieldText('Heatmap', 'color')).toBe('(count)');
    expect(unusedFieldText('Scatter', 'aggregate')).toBe('—');
    expect(unusedFieldText('Box', 'aggregate')).toBe('—');
    expect(unusedFieldText('Box', 'color')).toBe('—');
  });

  it('is asked only where unusedField says why', () => {
    const fields = ['y', 'color', 'aggregate'] as const;
    const unused = chartMarks.flatMap((mark) => fields.filter((f) => unusedField(mark, f) !== undefined).map((f) => `${mark} ${f}`));
    expect(unused).toEqual(['Scatter aggregate', 'Histogram y', 'Histogram aggregate', 'Heatmap color', 'Heatmap aggregate', 'Box color', 'Box aggregate']);
  });
});

describe('drawnMark', () => {
  it('given a line or an area over categories (or true/false), then it is drawn as bars, and says so', () => {
    expect(drawnMark('Line', 'category')).toBe('Bar');
    expect(drawnMark('Area', 'flag')).toBe('Bar');
    expect(drawnAsNote('Line', 'category')).toBe('A line needs a number or date as X: drawn as bars.');
    expect(drawnAsNote('Area', 'category')).toBe('An area needs a number or date as X: drawn as bars.');
  });
  it('given any other mark, or a number or time as X, then it is drawn as picked, with nothing to say', () => {
    expect(drawnMark('Line', 'time')).toBe('Line');
    expect(drawnMark('Area', 'number')).toBe('Area');
    expect(drawnMark('Scatter', 'category')).toBe('Scatter');
    expect(drawnAsNote('Bar', 'category')).toBeUndefined();
  });
});
