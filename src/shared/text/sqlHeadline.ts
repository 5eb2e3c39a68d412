import { shortened } from './codePoints';

/** A query's SQL in one short line for a label: its first non-blank line, "…" when there is more. */
export function sqlHeadline(sql: string, max = 80): string {
  const lines = sql.trim().split('\n');
  const first = lines[0]!.trim();
  if (first.length > max) return shortened(first, max);
  return lines.length > 1 ? `${first} …` : first;
}
