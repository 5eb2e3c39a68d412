import { describe, expect, it } from 'vitest';
import { sqlHeadline } from './sqlHeadline';

describe('sqlHeadline', () => {
  it('keeps a short one-line query as it is', () => {
    expect(sqlHeadline('  select * from cars where 1=0\n')).toBe('select * from cars where 1=0');
  });

  it('says there is more after the first line', () => {
    expect(sqlHeadline('\nselect *\nfrom cars')).toBe('select * …');
  });

  it('cuts a long line to the limit, ending in "…"', () => {
    const line = sqlHeadline(`select ${'x, '.repeat(50)}y from t`, 20);
    expect(line.length).toBeLessThanOrEqual(20);
    expect(line).toBe('select x, x, x, x,…');
  });
});
