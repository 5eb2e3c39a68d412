/**
 * The string index (UTF-16 units) of code point `n` of `text`. DuckDB counts a statement's
 * characters as code points, JS strings (and so the editor) as UTF-16 units: past an emoji the two
 * differ, and DuckDB's error position underlined the wrong word. Past the end, counted on as units.
 */
export function utf16Offset(text: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n; k++) {
    if (i >= text.length) return text.length + (n - k);
    i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return i;
}
