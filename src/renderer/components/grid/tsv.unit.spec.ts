import { describe, expect, it } from 'vitest';
import { toTsv } from './tsv';

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
