/**
 * Tab-separated text as spreadsheets read it: a value holding a tab, newline or quote is quoted
 * with quotes doubled, and SQL NULL becomes an empty field.
 */
export function toTsv(rows: readonly (readonly (string | null)[])[], header?: readonly string[]): string {
  const lines = header ? [header, ...rows] : rows;
  return lines.map((r) => r.map(field).join('\t')).join('\n');
}

function field(value: string | null): string {
  if (value === null) return '';
  return /[\t\n\r"]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * What a copy puts on the clipboard: one cell without its header is just its text (pasted into an
 * editor or a search box, quotes around a multi-line value would be wrong); more is TSV.
 */
export function clipboardText(rows: readonly (readonly (string | null)[])[], header?: readonly string[]): string {
  const only = rows.length === 1 && rows[0]!.length === 1 && !header ? rows[0]![0] : undefined;
  return only === undefined ? toTsv(rows, header) : (only ?? '');
}
