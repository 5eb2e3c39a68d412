import { describe, expect, it } from 'vitest';
import { cellLines, cellTitle } from './cellText';

describe('a cell holding line breaks', () => {
  it('given LF, CRLF or CR, then each is one break between the lines drawn on the cell’s one line', () => {
    expect(cellLines('line1\nline2\ttabbed')).toEqual(['line1', 'line2\ttabbed']);
    expect(cellLines('a\r\nb\rc\n')).toEqual(['a', 'b', 'c', '']);
    expect(cellLines('plain')).toEqual(['plain']);
  });
  it('given a multi-line or long value, then its whole text is the tooltip; a short one-line value has none', () => {
    expect(cellTitle('line1\nline2')).toBe('line1\nline2');
    expect(cellTitle('x'.repeat(41))).toBe('x'.repeat(41));
    expect(cellTitle('short')).toBeUndefined();
    expect(cellTitle(null)).toBeUndefined();
    expect(cellTitle(undefined)).toBeUndefined();
  });
});
