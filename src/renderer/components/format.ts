const countFormat = new Intl.NumberFormat('en-US');

export const formatCount = (n: number): string => countFormat.format(n);

/** A count with its noun, grouped and in the right number: "1 row", "3,000,000 rows". */
export const countOf = (n: number, singular: string, plural = `${singular}s`): string => `${formatCount(n)} ${n === 1 ? singular : plural}`;

/** Always whole milliseconds: the status line reads "N rows in T ms" whatever the duration. */
export const formatMs = (ms: number): string => `${Math.round(ms)} ms`;

/** A running query's clock: tenths of a second, then minutes. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.floor(s - m * 60)} s`;
}

/** When a query ran: the time today, the date and time before. */
export function formatWhen(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return d.toDateString() === now.toDateString() ? time : `${d.toLocaleDateString()} ${time}`;
}
