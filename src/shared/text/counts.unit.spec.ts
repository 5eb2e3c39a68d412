import { describe, expect, it } from 'vitest';
import { countText, grouped } from './counts';

describe('counts as people read them', () => {
  it('groups thousands and says one thing in the singular', () => {
    expect(grouped(1048576)).toBe('1,048,576');
    expect(countText(1, 'row')).toBe('1 row');
    expect(countText(0, 'query', 'queries')).toBe('0 queries');
    expect(countText(3_000_000, 'row', 'rows', '\u00a0')).toBe('3,000,000\u00a0rows');
  });
});
