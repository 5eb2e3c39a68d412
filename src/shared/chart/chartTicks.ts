import type { Mark } from './chartMarks';
import { niceStep } from './numberBin';

/** At most this many ticks (and a few more) are placed: a bad span never loops long. */
const MAX_TICKS = 50;

/**
 * Whole-number ticks for a binned number axis whose bin edges are all whole (an integer column's
 * bins: docs/charts.md, "Number bins"), about `count` of them on a nice step (1, 2 or 5 × 10ⁿ, at
 * least 1); undefined when an edge is fractional, where Plot's own ticks stay. Plot places ticks by
 * the pixels alone, so a single value's bin [1234567, 1234568) read "1,234,567.5": a value an
 * integer column cannot have.
 */
export function wholeTicks(marks: readonly Mark[], from: 'x1' | 'y1', to: 'x2' | 'y2', count: number): number[] | undefined {
  const edges = marks.flatMap((m) => [m[from], m[to]]).filter((v): v is number => typeof v === 'number');
  if (edges.length === 0 || !edges.every((v) => Number.isInteger(v))) return undefined;
  const lo = Math.min(...edges);
  const hi = Math.max(...edges);
  if (!(hi > lo)) return undefined;
  const step = niceStep((hi - lo) / Math.max(1, count), true);
  const ticks: number[] = [];
  // by index, not by adding steps: past 2^53 a sum of steps may never move
  for (let k = Math.ceil(lo / step); k * step <= hi && ticks.length <= MAX_TICKS; k++) ticks.push(k * step);
  return ticks;
}
