/**
 * Markdown that cannot be broken by what it quotes: table cells escape `|`, backslashes, HTML and
 * line breaks; a code block's fence is longer than any run of backticks inside it.
 */
export function cell(text: string | null): string {
  if (text === null) return '*NULL*';
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, '<br>');
}

/** A table of `header` and `rows` (row-major). */
export function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | null>>): string {
  if (header.length === 0) return '*(no columns)*';
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header.map(cell)), line(header.map(() => '---')), ...rows.map((r) => line(header.map((_, i) => cell(r[i] ?? null))))].join('\n');
}

/** A fenced code block, its fence longer than any backtick run in `code`. */
export function codeBlock(language: string, code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${code}\n${fence}`;
}

/** Inline text outside tables: HTML and Markdown's line-leading marks cannot take effect. */
export const inline = (text: string): string => cell(text).replace(/([*_`#[\]])/g, '\\$1');
