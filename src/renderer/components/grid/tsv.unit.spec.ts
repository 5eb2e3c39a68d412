import { describe, expect, it } from 'vitest';
import { clipboardText, toTsv } from './tsv';

describe('copying as TSV', () => {
  it('joins cells with tabs and rows with newlines, with an optional header', () => {
    expect(toTsv([['a', '1'], ['b', '2']], ['name', 'n'])).toBe('name\tn\na\t1\nb\t2');
  });
  it('writes NULL as an empty field', () => {
    expect(toTsv([['x', null, 'y']])).toBe('x\t\ty');
  });
  it('quotes values holding tabs, newlines or quotes', () => {
    expect(toTsv([['a\tb', 'line1\nline2', 'say "hi"']])).toBe('"a\tb"\t"line1\nline2"\t"say ""hi"""');
  });
});

describe('what a copy puts on the clipboard', () => {
  it('given one cell, when copied without its header, then it is the text itself, not quoted', () => {
    expect(clipboardText([['line1\nline2\ttabbed']])).toBe('line1\nline2\ttabbed');
    expect(clipboardText([['say "hi"']])).toBe('say "hi"');
    expect(clipboardText([[null]])).toBe('');
  });
  it('given more than one cell, or a header, then it is TSV, quoted as spreadsheets read it', () => {
    expect(clipboardText([['a\nb', 'c']])).toBe('"a\nb"\tc');
    expect(clipboardText([['a\nb'], ['c']])).toBe('"a\nb"\nc');
    expect(clipboardText([['a\nb']], ['name'])).toBe('name\n"a\nb"');
  });
});
