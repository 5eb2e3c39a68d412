/**
 * How a profile's figures read, on screen and in the Markdown notebook. Values arrive as DuckDB's
 * own text and stay exact: digits are only grouped (a BIGINT beyond 2^53 or a DECIMAL(38,10) keeps
 * every digit), never parsed.
 */
const PLAIN_NUMBER = /^(-?)(\d+)(\.\d+)?$/;

/** "1234567.5" → "1,234,567.5"; anything not a plain decimal number (dates, exponents, inf) as it is. */
export function groupDigits(text: string): string {
  const m = PLAIN_NUMBER.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** A share of the rows as a percentage with at most one decimal ("0.3%", "100%"); a share that is not 0 never reads "0%". */
export function percent(share: number): string {
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${Math.round(share * 1000) / 10}%`;
}

/** A value or NULL as a person reads it. */
export const shown = (text: string | null): string => (text === null ? '—' : groupDigits(text));
