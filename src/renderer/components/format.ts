import { countText, grouped } from '../../shared/text/counts';

export const formatCount = grouped;

/** Between a number and its unit: a no-break space, so a narrow list never leaves "columns" or "ms" alone on the next line. */
export const NBSP = '\u00a0';

/** A count with its noun, grouped and in the right number: "1 row", "3,000,000 rows". */
export const countOf = (n: number, singular: string, plural = `${singular}s`): string => countText(n, singular, plural, NBSP);

/**
 * Always whole milliseconds, grouped like the row count beside it ("3,000,000 rows in 6,160 ms"):
 * one unit whatever the duration, so durations compare at a glance down the history.
 * A clock stepped back reads 0 (Intl would write "-0"); a duration not known reads as a dash.
 */
export const formatMs = (ms: number): string => (Number.isFinite(ms) ? `${formatCount(Math.max(0, Math.round(ms)))}${NBSP}ms` : '—');

/** A running query's clock: tenths of a second, then minutes. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)}${NBSP}s`;
  const m = Math.floor(s / 60);
  return `${m}${NBSP}min ${Math.floor(s - m * 60)}${NBSP}s`;
}

/**
 * When a query ran: the time today, the date and time before. The time holds together ("02:03:04
 * PM" wrapped its "PM" onto a line of its own in a narrow history); a line may break before it.
 */
export function formatWhen(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).replace(/\s/g, NBSP);
  return d.toDateString() === now.toDateString() ? time : `${d.toLocaleDateString()} ${time}`;
}
