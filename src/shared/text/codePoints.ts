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

/**
 * `text` cut to at most `max` UTF-16 units followed by "…" when longer, never between the two halves
 * of an emoji (a lone half is drawn as "�"). Labels count units, as the screen's widths roughly do.
 */
export function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate whose pair would be cut off
  return `${text.slice(0, end).trimEnd()}…`;
}
