import { describe, expect, it } from 'vitest';
import { unplacedNote, unplacedSql } from './chartUnplaced';

const columns = [
  { name: 'delay', type: 'DOUBLE' },
  { name: 'distance', type: 'INTEGER' },
  { name: 'origin', type: 'VARCHAR' },
  { name: 'day', type: 'DATE' },
];

describe('what a chart says of the rows it does not draw', () => {
  it('given a histogram of a DOUBLE, then NaN and infinities are named beside empty', () => {
    expect(unplacedNote(3, { mark: 'Histogram', x: 'delay', aggregate: 'Count' }, columns)).toBe('Not drawn: 3 rows whose delay is empty, NaN or infinite.');
  });
  it('given one row of an integer line, then the row is singular and only empty is named', () => {
    expect(unplacedNote(1, { mark: 'Line', x: 'distance', y: 'delay', aggregate: 'Sum' }, columns)).toBe('Not drawn: 1 row whose distance is empty.');
  });
  it('given a heatmap, then both axes are named, and thousands are grouped', () => {
    expect(unplacedNote(12_345, { mark: 'Heatmap', x: 'origin', y: 'day', aggregate: 'Count' }, columns)).toBe('Not drawn: 12,345 rows whose origin or day is empty or infinite.');
    expect(unplacedNote(12_345, { mark: 'Heatmap', x: 'delay', y: 'day', aggregate: 'Count' }, columns)).toBe('Not drawn: 12,345 rows whose delay or day is empty, NaN or infinite.');
  });
  it('given no row left out, or a mark that places every row, then nothing is said and nothing is counted', () => {
    expect(unplacedNote(0, { mark: 'Histogram', x: 'delay', aggregate: 'Count' }, columns)).toBeUndefined();
    for (const spec of [
      { mark: 'Bar', x: 'origin', aggregate: 'Count' },
      { mark: 'Box', x: 'delay', aggregate: 'Count' },
      { mark: 'Histogram', x: 'origin', aggregate: 'Count' },
      { mark: 'Line', x: 'origin', y: 'delay', aggregate: 'Sum' },
    ] as const) {
      expect(unplacedSql(spec, 't', columns), spec.mark).toBeUndefined();
      expect(unplacedNote(5, spec, columns), spec.mark).toBeUndefined();
    }
  });
  it('given bars of a date, then the rows without a day are counted, as the bars leave them out; a date has no NaN', () => {
    expect(unplacedNote(2, { mark: 'Bar', x: 'day', aggregate: 'Count' }, columns)).toBe('Not drawn: 2 rows whose day is empty or infinite.');
  });

  it('given a hostile column name, then the count quotes it', () => {
    const sql = unplacedSql({ mark: 'Histogram', x: 'a"b', aggregate: 'Count' }, 't', [{ name: 'a"b', type: 'DOUBLE' }]);
    expect(sql).toContain('isfinite("a""b")');
  });
});
