import type { PageFilter } from '../../../shared/contracts/pageView';

/**
 * A chart's brush while it is dragged or keyed, shown (and filtering the other charts) until the
 * result's filters record it. Keys record a brush at every release, so several records can be on
 * their way at once: the recorded filters then pass through each of them, and one of those may equal
 * the brush shown (a step there and back). The brush stays live until the last record sent is seen,
 * or it would jump back to the older ones still arriving.
 */
export interface LiveBrush {
  readonly chart: number;
  readonly filters: readonly PageFilter[];
  /** The filters sent to be recorded and not seen recorded yet, oldest first (as `filterKey`). */
  readonly awaiting: readonly string[];
}

/** Filters compared whatever their order (a view keeps each column's filters together). */
export const filterKey = (filters: readonly PageFilter[]): string => JSON.stringify([...filters].sort((a, b) => a.column - b.column));

/** The brush of `chart` moved to `filters`; what it sent before is still awaited. */
export function brushMoved(live: LiveBrush | undefined, chart: number, filters: readonly PageFilter[]): LiveBrush {
  return { chart, filters, awaiting: live?.chart === chart ? live.awaiting : [] };
}

/**
 * The live brush sent to be recorded, the chart's filters being `recorded` now. A record equal to
 * the one before it (or, with none on its way, to what is recorded) changes nothing, so none is awaited.
 */
export function brushSent(live: LiveBrush, recorded: string): LiveBrush {
  const key = filterKey(live.filters);
  const before = live.awaiting.at(-1) ?? recorded;
  return key === before ? live : { ...live, awaiting: [...live.awaiting, key] };
}

/**
 * The chart's recorded filters changed to `recorded`. A record awaited is seen (with any before it,
 * which the session overtook); anything else (an undo, another window) leaves nothing to await.
 */
export function brushRecorded(live: LiveBrush | undefined, recorded: string): LiveBrush | undefined {
  if (!live) return undefined;
  const seen = live.awaiting.indexOf(recorded);
  const awaiting = seen === -1 ? [] : live.awaiting.slice(seen + 1);
  if (settled({ ...live, awaiting }, recorded)) return undefined;
  return awaiting.length === live.awaiting.length ? live : { ...live, awaiting };
}

/** Whether the brush is recorded: nothing it sent is still on its way, and the chart's recorded filters are the brush's. */
export function settled(live: LiveBrush, recorded: string): boolean {
  return live.awaiting.length === 0 && filterKey(live.filters) === recorded;
}
