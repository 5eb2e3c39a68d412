import { describe, expect, it } from 'vitest';
import { CELL_CHARS } from '../../../shared/explore/cellChars';
import { cellLines, cellShown, cellTitle } from './cellText';

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

describe('a cell holding a value too long to draw', () => {
  it('given a 1 MB value, then the cell draws and its tooltip shows its first 1,000 characters and "…"', () => {
    const big = 'x'.repeat(1_000_000);
    expect(CELL_CHARS).toBe(1000);
    expect(cellShown(big)).toBe(`${'x'.repeat(1000)}…`);
    expect(cellLines(big)).toEqual([`${'x'.repeat(1000)}…`]);
    expect(cellTitle(big)).toBe(`${'x'.repeat(1000)}…`);
  });
  it('given a value of exactly 1,000 characters, then it is drawn whole, with no "…"', () => {
    expect(cellShown('y'.repeat(1000))).toBe('y'.repeat(1000));
    expect(cellTitle('y'.repeat(1000))).toBe('y'.repeat(1000));
  });
  it('given an emoji across the cut, then it is left out whole rather than halved', () => {
    const value = `${'a'.repeat(999)}😀${'b'.repeat(10)}`;
    expect(cellShown(value)).toBe(`${'a'.repeat(999)}…`);
  });
  it('given line breaks far into a long value, then only the lines of the part drawn are split', () => {
    expect(cellLines(`${'a'.repeat(10)}\n${'b'.repeat(2000)}\nc`)).toEqual(['a'.repeat(10), `${'b'.repeat(989)}…`]);
  });
});
