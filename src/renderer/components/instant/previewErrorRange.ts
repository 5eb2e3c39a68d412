/**
 * What to underline for a preview error at `position` of `text`: the quoted identifier or the word
 * that starts there (DuckDB points at the start of `"Horsepowr"`), else one character; at the very
 * end (an unfinished statement) the character before it.
 */
export function previewErrorRange(text: string, position: number): { from: number; to: number } | undefined {
  if (position < 0 || position > text.length || text.length === 0) return undefined;
  if (position === text.length) return { from: position - 1, to: position };
  const at = text[position]!;
  if (at === '"' || at === "'") {
    const close = text.indexOf(at, position + 1);
    const lineEnd = text.indexOf('\n', position);
    if (close !== -1 && (lineEnd === -1 || close < lineEnd)) return { from: position, to: close + 1 };
  }
  let to = position;
  while (to < text.length && /[\w$]/.test(text[to]!)) to++;
  return { from: position, to: Math.max(to, position + 1) };
}
