import { describe, expect, it } from 'vitest';
import type { Column } from '../../../shared/contracts/events';
import { proposePivot } from './pivotProposal';

/** A few of cars' columns, in cars.json's order. */
const CARS: Column[] = [
  { name: 'Name', type: 'VARCHAR' },
  { name: 'Miles_per_Gallon', type: 'DOUBLE' },
  { name: 'Cylinders', type: 'BIGINT' },
  { name: 'Year', type: 'DATE' },
  { name: 'Origin', type: 'VARCHAR' },
];
/** Column-major cells, as a page holds them. */
const carsSample = [
  ['chevrolet chevelle malibu', 'buick skylark 320', 'toyota corona', 'volkswagen 1131', 'datsun pl510'],
  ['18', '15', '24', null, '27'],
  ['8', '8', '4', '4', '4'],
  ['1970-01-01', '1971-01-01', '1972-01-01', '1973-01-01', '1970-01-01'],
  ['USA', 'USA', 'Japan', 'Europe', 'Japan'],
];

describe('proposePivot', () => {
  it('given cars’ first rows, when proposing, then rows by Origin (3 values), not Name (one per car), and the average of the first number', () => {
    expect(proposePivot(CARS, carsSample)).toEqual({ rows: ['Origin'], columns: [], values: 'Miles_per_Gallon', aggregate: 'Average' });
  });

  it('given a text of few values beside a whole-number column of fewer, when proposing, then the text: a person groups by words first', () => {
    const columns: Column[] = [
      { name: 'Name', type: 'VARCHAR' },
      { name: 'Cylinders', type: 'BIGINT' },
    ];
    expect(proposePivot(columns, [['a', 'b', 'c', 'd', 'e'], ['4', '6', '8', '4', '6']])?.rows).toEqual(['Name']);
  });

  it('given two columns that are not numbers with as few values, when proposing, then the leftmost, so the proposal is always the same', () => {
    const sample = [carsSample[0]!, carsSample[1]!, carsSample[2]!, ['1970', '1970', '1971', '1971', '1972'], carsSample[4]!];
    expect(proposePivot(CARS, sample)?.rows).toEqual(['Year']);
  });

  it('given texts of one value (or only NULLs) or one per row, when proposing, then a whole-number column with few values', () => {
    const rows = Array.from({ length: 60 }, (_, i) => i);
    const sample = [rows.map((i) => `car ${i}`), rows.map(() => '20'), rows.map((i) => String(4 + (i % 3) * 2)), rows.map(() => null), rows.map(() => 'USA')];
    expect(proposePivot(CARS, sample)?.rows).toEqual(['Cylinders']);
  });

  it('given only numbers, when proposing, then the number column with the fewest values, and the average of another', () => {
    const columns: Column[] = [
      { name: 'x', type: 'DOUBLE' },
      { name: 'k', type: 'INTEGER' },
    ];
    expect(proposePivot(columns, [['1.5', '2.5', '3.5'], ['1', '2', '1']])).toEqual({ rows: ['k'], columns: [], values: 'x', aggregate: 'Average' });
  });

  it('given whole numbers of few values (a year, a month) before a measure, when proposing, then the average of the measure', () => {
    const columns: Column[] = [
      { name: 'weather', type: 'VARCHAR' },
      { name: 'year', type: 'BIGINT' },
      { name: 'month', type: 'BIGINT' },
      { name: 'temp_max', type: 'DOUBLE' },
    ];
    const sample = [['sun', 'rain', 'sun', 'fog'], ['2012', '2012', '2013', '2013'], ['1', '2', '3', '1'], ['12.8', '10.6', '11.7', '12.2']];
    expect(proposePivot(columns, sample)).toEqual({ rows: ['weather'], columns: [], values: 'temp_max', aggregate: 'Average' });
    // with only whole numbers of few values, the first of them still
    expect(proposePivot(columns.slice(0, 3), sample.slice(0, 3))?.values).toBe('year');
  });

  it('given a repeated name, when proposing, then its first column is what is counted (main reads that one)', () => {
    const columns: Column[] = [
      { name: 'a', type: 'VARCHAR' },
      { name: 'a', type: 'VARCHAR' },
      { name: 'b', type: 'VARCHAR' },
    ];
    expect(proposePivot(columns, [['1', '2', '3', '4'], ['x', 'y', 'x', 'y'], ['p', 'q', 'r', 'p']])?.rows).toEqual(['b']);
  });

  it('given no sample (its read failed), when proposing, then the first text column and the first number, or a count', () => {
    expect(proposePivot([{ name: 'n', type: 'BIGINT' }, { name: 'city', type: 'VARCHAR' }])).toEqual({ rows: ['city'], columns: [], values: 'n', aggregate: 'Average' });
    expect(proposePivot([{ name: 'city', type: 'VARCHAR' }], [['a', 'b']])).toEqual({ rows: ['city'], columns: [], values: 'city', aggregate: 'Count' });
    expect(proposePivot(CARS, [['only one']])?.rows).toEqual(['Name']);
    expect(proposePivot([])).toBeUndefined();
  });
});
