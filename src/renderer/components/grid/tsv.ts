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
