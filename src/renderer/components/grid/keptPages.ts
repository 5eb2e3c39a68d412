import type { Page } from '../../../shared/contracts/protocol';

/** Results whose pages are kept: a tab switched back to within the last few shown finds them. */
export const KEPT_RESULTS = 8;
/**
 * Pages kept per result, the first ones: what a grid mounting at the top shows in its first paint,
 * and what it fits its column widths to. A grid returning to a place further down (scrollMemory.ts)
 * asks main for the pages there. 8 × 8 = 64 pages, what one grid holds today.
 */
export const KEPT_PAGES_PER_RESULT = 8;

interface Kept {
  readonly queryId: string;
  readonly rowCount: number;
  readonly pages: ReadonlyMap<number, Page>;
}

/**
 * Pages of complete results across grid instances, so a tab switched back to paints its rows at
 * once instead of mounting empty and asking main again. A complete result's pages do not change
 * for the same query id and view (sort/filter); what could change them (a re-run on demand after
 * main evicted the table, a closed session, another query shown) makes the caller `forget` or
 * `retain`. The caller hands only final pages (`PageCache.finalPages`); a page that failed never is a page.
 */
export class KeptPages {
  /** By query id and view key, least recently kept or taken first. */
  private readonly results = new Map<string, Kept>();

  constructor(
    private readonly maxResults = KEPT_RESULTS,
    private readonly maxPagesPerResult = KEPT_PAGES_PER_RESULT,
  ) {}

  /** Keeps the first (final) pages of a complete result of `rowCount` rows; the oldest result beyond the bound goes. */
  keep(queryId: string, view: string, rowCount: number, pages: Iterable<readonly [number, Page]>): void {
    const key = keyOf(queryId, view);
    const kept = new Map<number, Page>();
    for (const [index, page] of pages) if (index < this.maxPagesPerResult) kept.set(index, page);
    this.results.delete(key);
    if (kept.size === 0) return;
    this.results.set(key, { queryId, rowCount, pages: kept });
    for (const old of this.results.keys()) {
      if (this.results.size <= this.maxResults) break;
      this.results.delete(old);
    }
  }

  /** The kept pages of the result, or undefined; pages kept for another row count are stale and dropped. */
  take(queryId: string, view: string, rowCount: number): ReadonlyMap<number, Page> | undefined {
    const key = keyOf(queryId, view);
    const kept = this.results.get(key);
    if (!kept) return undefined;
    this.results.delete(key);
    if (kept.rowCount !== rowCount) return undefined;
    this.results.set(key, kept); // most recently used
    return kept.pages;
  }

  /** Drops every view of a result: its rows may have changed (re-run on demand). */
  forget(queryId: string): void {
    for (const [key, kept] of this.results) if (kept.queryId === queryId) this.results.delete(key);
  }

  /** Keeps only results an open tab shows: a closed session's or a replaced result's pages go. */
  retain(queryIds: ReadonlySet<string>): void {
    for (const [key, kept] of this.results) if (!queryIds.has(kept.queryId)) this.results.delete(key);
  }

  get size(): number {
    return this.results.size;
  }
}

const keyOf = (queryId: string, view: string) => `${queryId}\u0000${view}`;

/** The window's one store: grids of every tab (and the past session's) share it. */
export const keptPages = new KeptPages();
