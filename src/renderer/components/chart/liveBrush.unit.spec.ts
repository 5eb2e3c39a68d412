import { describe, expect, it } from 'vitest';
import type { PageFilter } from '../../../shared/contracts/pageView';
import { brushMoved, brushRecorded, brushSent, filterKey, settled, type LiveBrush } from './liveBrush';

/** Chart 0's brush of temp_min (column 3) over [lo, hi). */
const band = (lo: number, hi: number): PageFilter[] => [{ column: 3, op: 'range', lo: String(lo), hi: String(hi), chart: 0 }];
const key = (lo: number, hi: number) => filterKey(band(lo, hi));
const NOTHING = filterKey([]);

/** Keys pressed and released on chart 0, one record per release, starting from nothing recorded. */
function keyed(...steps: Array<[number, number]>): LiveBrush {
  let live: LiveBrush | undefined;
  // nothing recorded yet: every record is still on its way
  for (const [lo, hi] of steps) live = brushSent(brushMoved(live, 0, band(lo, hi)), NOTHING);
  return live!;
}

describe('a live brush', () => {
  it('given keys released faster than the session records them, each record is awaited in order', () => {
    expect(keyed([6, 7], [6, 8], [6, 9]).awaiting).toEqual([key(6, 7), key(6, 8), key(6, 9)]);
  });

  it('given a step there and back, when the recorded filters pass through the brush shown, it stays live until the last record', () => {
    // 6..9, grown to 6..10, shrunk back to 6..9: three records on their way
    let live: LiveBrush | undefined = keyed([6, 9], [6, 10], [6, 9]);
    live = brushRecorded(live, key(6, 9));
    expect(live?.filters).toEqual(band(6, 9)); // the same as shown, but 6..10 and 6..9 are still coming
    live = brushRecorded(live, key(6, 10));
    expect(live?.filters).toEqual(band(6, 9)); // not the older 6..10 now recorded
    expect(brushRecorded(live, key(6, 9))).toBeUndefined();
  });

  it('given the session records the last record before the ones it overtook are seen, nothing older is awaited', () => {
    expect(brushRecorded(keyed([6, 7], [6, 8], [6, 9]), key(6, 9))).toBeUndefined();
    expect(brushRecorded(keyed([6, 7], [6, 8], [6, 9]), key(6, 8))?.awaiting).toEqual([key(6, 9)]);
  });

  it('given the recorded filters change to something never sent (an undo, another window), nothing is awaited any more', () => {
    const live = brushRecorded(keyed([6, 7], [6, 8]), key(0, 1));
    expect(live?.awaiting).toEqual([]);
    expect(live?.filters).toEqual(band(6, 8)); // still shown: it is not what is recorded
  });

  it('given a release equal to the record before it, or to what is recorded, nothing more is awaited', () => {
    const live = keyed([6, 9]);
    expect(brushSent(live, NOTHING).awaiting).toEqual([key(6, 9)]);
    expect(brushSent(brushMoved(undefined, 0, band(6, 9)), key(6, 9)).awaiting).toEqual([]);
  });

  it('given a brush moved on another chart, what the first chart sent is not awaited by it', () => {
    const other: PageFilter[] = [{ column: 1, op: 'range', lo: '0', hi: '5', chart: 1 }];
    expect(brushMoved(keyed([6, 9]), 1, other)).toEqual({ chart: 1, filters: other, awaiting: [] });
  });

  it('is settled only when nothing it sent is on its way and the recorded filters are its own', () => {
    expect(settled(brushMoved(undefined, 0, band(6, 9)), key(6, 9))).toBe(true);
    expect(settled(keyed([6, 9]), key(6, 9))).toBe(false);
    expect(settled(brushMoved(undefined, 0, band(6, 9)), key(6, 10))).toBe(false);
  });
});
