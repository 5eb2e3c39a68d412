import { describe, expect, it } from 'vitest';
import { CELL_CHARS } from '../../../shared/explore/cellChars';
import type { ColumnProfile } from '../../../shared/explore/columnProfile';
import { countShown, distinctShown, distinctTerm, sampledTitle, sampledValue, topValueLabel, topValueRefusal, topValuesNote } from './profileFigures';

const origin = (over: Partial<Extract<ColumnProfile, { kind: 'categorical' }>> = {}): ColumnProfile => ({
  kind: 'categorical',
  name: 'origin',
  type: 'VARCHAR',
  nulls: 0,
  nullShare: 0,
  distinct: 229,
  distinctExact: true,
  top: [{ value: 'ORD', count: 55_461 }],
  other: 944_947,
  ...over,
});
const sampled = { sampled: { rows: 1_000_408, nonNull: 1_000_408, of: 3_000_000 } };

describe('what a card says each figure is of', () => {
  it('given a sampled profile, when a bar’s count is shown, then it is scaled to all rows and marked ≈, the sample’s count in its tooltip', () => {
    const delay = (over: Partial<Extract<ColumnProfile, { kind: 'number' }>>): ColumnProfile => ({
      ...origin(),
      kind: 'number',
      min: '-1116',
      max: '1234',
      nonFinite: { nan: 0, inf: 0, negInf: 0 },
      mean: null,
      stddev: null,
      quartiles: null,
      histogram: [],
      ...over,
    });
    expect(countShown(delay(sampled), 55_461)).toEqual({ text: '≈166,000', title: '55,461 in the sample of 1,000,408 rows (of 3,000,000)' });
    // nulls are over all rows: the scale is the non-null values of all rows over the sample's
    expect(countShown(delay({ nulls: 1_000_000, nullShare: 1 / 3, sampled: { rows: 1_000_000, nonNull: 666_000, of: 3_000_000 } }), 333_000).text).toBe('≈1,000,000');
  });
  it('given a sampled profile, when a frequent value’s count is shown, then it is the exact count over all rows, and the card says the sample chose the values', () => {
    // flights-3m's ORD: 166,341 rows, counted over all of them (a sample's 55,461 scaled up read "≈166,000")
    expect(countShown(origin(sampled), 166_341)).toEqual({ text: '166,341', title: '166,341' });
    expect(topValuesNote(origin(sampled))).toBe('Values chosen from a sample of 1,000,408 rows, counted over all 3,000,000');
    expect(topValuesNote(origin())).toBe('');
  });
  it('given a 1 MB most frequent value, when its row is labelled, then it is cut as the grid cuts a cell; an empty one reads (empty)', () => {
    const label = topValueLabel('x'.repeat(1_000_000));
    expect(label).toHaveLength(1001);
    expect(label.endsWith('x…')).toBe(true);
    expect(topValueLabel('ORD')).toBe('ORD');
    expect(topValueLabel('')).toBe('(empty)');
  });
  it('given all rows profiled, when a count is shown, then it is the count itself, unmarked', () => {
    expect(countShown(origin(), 55_461)).toEqual({ text: '55,461', title: '55,461' });
    expect(sampledValue(origin(), '1 · 2 · 3')).toBe('1 · 2 · 3');
    expect(sampledTitle(origin(), '1 · 2 · 3')).toBe('1 · 2 · 3');
  });
  it('given a sample’s quartiles or deviation, when shown, then they are marked ≈ and their tooltip says so', () => {
    expect(sampledValue(origin(sampled), '-9 · -1 · 11')).toBe('≈-9 · -1 · 11');
    expect(sampledValue(origin(sampled), '—')).toBe('—');
    expect(sampledTitle(origin(sampled), '32.01')).toBe('Estimated from a sample of 1,000,408 rows: 32.01');
  });
  it('names the distinct count by what it counts: all rows or the sample, exactly or estimated', () => {
    expect(distinctTerm(origin())).toBe('Distinct');
    expect(distinctTerm(origin({ ...sampled, distinctInSample: true }))).toBe('Distinct in sample');
    // an estimate is marked ≈ on its figure, as the card's other estimates, not by its term
    expect(distinctTerm(origin({ ...sampled, distinctExact: false, distinctInSample: true }))).toBe('Distinct in sample');
    expect(distinctShown(origin({ distinct: 1234, distinctExact: false }))).toEqual({ value: '≈1,234', title: 'Estimated with HyperLogLog: 1,234' });
    expect(distinctShown(origin({ distinct: 1234 }))).toEqual({ value: '1,234', title: '1,234' });
  });
});

describe('which most frequent values filter the grid when clicked', () => {
  it('given a value of up to 1,000 characters, when shown, then it is a filter', () => {
    expect(topValueRefusal(0, { value: 'ORD' })).toBeUndefined();
    expect(topValueRefusal(0, { value: 'y'.repeat(1000) })).toBeUndefined();
  });
  it('given a value main would refuse as a filter, when shown, then it is none, its tooltip in the filter box’s words', () => {
    expect(topValueRefusal(0, { value: 'y'.repeat(1001) })).toBe('Too long to filter by: at most 1,000 characters');
  });
  it('given a value cut for the card, when shown, then it is none: its label is not the value', () => {
    // cut as profileTops.ts cuts it, so longer than a filter takes: were filters to take more, this fails
    const label = `${'x'.repeat(CELL_CHARS)}…`;
    expect(topValueRefusal(0, { value: label })).toBe('Too long to filter by: at most 1,000 characters');
    expect(topValueLabel(label)).toBe(label);
  });
});
