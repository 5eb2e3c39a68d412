import { describe, expect, it } from 'vitest';
import { previewErrorRange } from './previewErrorRange';

const marked = (text: string, position: number) => {
  const r = previewErrorRange(text, position);
  return r && text.slice(r.from, r.to);
};

describe('where a preview error is underlined', () => {
  it('covers the quoted identifier DuckDB points at', () => {
    expect(marked('select "Name", "Horsepowr" from cars', 15)).toBe('"Horsepowr"');
  });
  it('covers the word DuckDB points at', () => {
    expect(marked('select "Name" frm cars', 14)).toBe('frm');
  });
  it('covers one character where no word starts, and the last one at the very end', () => {
    expect(marked('select 1 +', 9)).toBe('+');
    expect(marked('select * from', 13)).toBe('m');
  });
  it('does not run an unclosed quote past its line', () => {
    expect(marked('select "Name\nfrom cars', 7)).toBe('"');
  });
  it('marks nothing outside the text', () => {
    expect(previewErrorRange('select', 7)).toBeUndefined();
    expect(previewErrorRange('', 0)).toBeUndefined();
  });
});
