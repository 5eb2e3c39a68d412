/**
 * Runs of the same SQL one after another ("select * from cars" ten times), in a list shown newest
 * first. Each run stays its own entry (its own result, rows, time, exports and fork point, and the
 * event log is untouched); the list only draws them grouped: the newest of a run carries "×N", the
 * older ones are drawn compact, their SQL said once above them.
 */
export interface Repeat {
  /** On the newest entry of a run of two or more: how many entries the run has. */
  readonly times?: number;
  /** An older entry of a run: the same SQL as the entry drawn above it. */
  readonly again: boolean;
}

export function historyRepeats(sqlNewestFirst: readonly string[]): Repeat[] {
  const repeats: Repeat[] = [];
  for (let i = 0; i < sqlNewestFirst.length; ) {
    let end = i + 1;
    while (end < sqlNewestFirst.length && sqlNewestFirst[end] === sqlNewestFirst[i]) end++;
    repeats.push(end - i > 1 ? { times: end - i, again: false } : { again: false });
    for (let j = i + 1; j < end; j++) repeats.push({ again: true });
    i = end;
  }
  return repeats;
}

/** A failed query's error as its history entry shows it: the first line (DuckDB adds the SQL and a caret under it). */
export const errorFirstLine = (message: string): string => message.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
