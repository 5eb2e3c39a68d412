import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../shared/explore/columnProfile';
import { profileSummary } from './profileSummary';

const carrier = (sampled?: ColumnProfile['sampled']): ColumnProfile => ({
  kind: 'categorical',
  name: 'carrier',
  type: 'VARCHAR',
  nulls: 0,
  nullShare: 0,
  distinct: 2,
  distinctExact: true,
  top: [
    { value: 'WN', count: 600 },
    { value: 'AA', count: 400 },
  ],
  other: 0,
  ...(sampled ? { sampled } : {}),
});

describe('profileSummary: a notebook profile reads as its cards do', () => {
  it('given a profile over all rows, then the most frequent values carry their counts as they are', () => {
    const [, , table] = profileSummary({ rows: 1000, columns: [carrier()], columnCount: 1 });
    expect(table).toContain('WN (600), AA (400)');
  });

  it('given a sampled profile, then the most frequent values carry their counts over all rows, as they come: the sample only chose the values', () => {
    const [line, , table] = profileSummary({ rows: 1000, sample: { rows: 1000, of: 3_000_000 }, columns: [carrier({ rows: 1000, nonNull: 1000, of: 3_000_000 })], columnCount: 1 });
    expect(line).toBe('Profile of 1 column, over a sample of 1,000 rows of 3,000,000 rows (the most frequent values counted over all rows):');
    expect(table).toContain('WN (600), AA (400)');
  });
});
