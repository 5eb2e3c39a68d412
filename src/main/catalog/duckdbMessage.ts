/** Lines of DuckDB's text a person gains nothing from: the options it read with, a row of the file, the SQL it ran. */
const NOISE = [/^ {2}\w[\w ]* = /, /^Original Line:/i, /^\^$/];

/**
 * What DuckDB said, for a person and the log: its first line, then the lines giving the cause and
 * its suggestions (`Invalid unicode … This file is not utf-8 encoded.`, `Possible Solution: …`),
 * one after another on one line. Left out: the options it read a CSV with (`  delimiter = , (Auto-Detected)`),
 * the row it failed on (`Original Line: …`, the file's own data) and the SQL it ran (`LINE 1: …`).
 * At most `max` characters, cut with "…".
 */
export function duckdbMessage(message: string, max = 600): string {
  const lines = message.split('\n');
  const sql = lines.findIndex((l) => /^LINE \d+:/.test(l));
  const kept = (sql < 0 ? lines : lines.slice(0, sql))
    .filter((l) => !NOISE.some((n) => n.test(l)))
    .map((l) => l.trim().replace(/^\* /, ''))
    .filter((l) => l !== '');
  const text = kept.map((l, i) => (i === kept.length - 1 || /[.:!?]$/.test(l) ? l : `${l}.`)).join(' ');
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
