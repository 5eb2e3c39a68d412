import { describe, expect, it } from 'vitest';
import { CELL_CHARS } from '../../../shared/explore/cellChars';
import { cellLines, cellParts, cellPartsText, cellShown, cellTitle, invisibleMarks } from './cellText';

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

describe('a cell holding only characters that draw nothing', () => {
  it('given spaces, a tab or a zero-width space, then it is drawn as marks and its title names the code points', () => {
    expect(invisibleMarks('   ')).toEqual({ marks: '···', title: '3 characters that draw nothing: U+0020' });
    expect(invisibleMarks('\u200b')).toEqual({ marks: '[U+200B]', title: '1 character that draws nothing: U+200B' });
    expect(invisibleMarks('\u{e0020}\u{e0020}')).toEqual({ marks: '[U+E0020][U+E0020]', title: '2 characters that draw nothing: U+E0020' });
    expect(invisibleMarks(' \t\u00a0\ufeff')).toEqual({ marks: '·→[U+00A0][U+FEFF]', title: '4 characters that draw nothing: U+0020, U+0009, U+00A0, U+FEFF' });
  });
  it('given an empty value, a visible character, an emoji joined by U+200D or a line break, then it is drawn as it is', () => {
    for (const value of ['', ' a ', 'a\u200b', '👩\u200d💻', '\n', ' \r\n ']) expect(invisibleMarks(value)).toBeUndefined();
  });
  it('given 2,000 spaces, then the marks stop where the cell cuts the value, and the title counts them all', () => {
    const marks = invisibleMarks(' '.repeat(2000))!;
    expect(marks.marks).toBe(`${'·'.repeat(CELL_CHARS)}…`);
    expect(marks.title).toBe('2,000 characters that draw nothing: U+0020');
  });
});

describe('a cell holding controls among its text', () => {
  it('given a bidi override, a NUL or a bell inside a value, then each is a mark and the text around it is as it is', () => {
    expect(cellParts('abc\u202edef')).toEqual(['abc', { mark: '[U+202E]' }, 'def']);
    expect(cellPartsText('a\u0000b\u0007')).toBe('a[U+0000]b[U+0007]');
    expect(cellPartsText('\u2067rtl\u2069')).toBe('[U+2067]rtl[U+2069]');
  });

  it('given text without controls, tabs or emoji joined by ZWJ, then it is one part, as it is', () => {
    for (const text of ['plain', 'a\tb', '👨\u200d👩\u200d👧', 'Zürich']) expect(cellParts(text)).toEqual([text]);
  });
});
