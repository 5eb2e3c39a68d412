import type { AppError, Result } from '../../../shared/contracts/errors';
import { MAX_PAGE_ROWS, type Page } from '../../../shared/contracts/protocol';
import { GRID_PAGE_ROWS } from '../../../shared/contracts/limits';

export type FetchPage = (offset: number, limit: number) => Promise<Result<Page>>;

/**
 * How long a page whose request failed waits before it is asked again. Asked at once, it looped (the
 * grid asks on every render and a failure renders it); never asked again, a passing failure (a
 * worker that crashed and was replaced) stayed on screen until the person scrolled.
 */
export const FAILED_PAGE_RETRY_MS = 5000;

export interface PageCacheOptions {
  /** Rows per request: small enough to arrive fast while scrolling, big enough for a screenful. */
  readonly pageRows?: number;
  /** Pages kept; older ones are dropped so scrolling through millions of rows keeps memory flat. */
  readonly maxPages?: number;
  /** Requests in flight at once; dragging the scrollbar asks only for what is on screen when a slot frees. */
  readonly maxInFlight?: number;
}

/**
 * The grid's window on a result held by DuckDB in main: fetches the pages the screen shows, keeps a
 * bounded number of them, and never asks again for a page it has or is fetching. Responses that
 * arrive after `reset` (the query finished, another query is shown) are ignored.
 */
export class PageCache {
  private readonly pageRows: number;
  private readonly maxPages: number;
  private readonly maxInFlight: number;
  private readonly pages = new Map<number, Page>();
  private readonly inFlight = new Set<number>();
  /** Short pages still shown but due for a refetch: a running query's rows fill in without flicker. */
  private readonly stale = new Set<number>();
  /**
   * Pages whose request failed, with when they may be asked again (FAILED_PAGE_RETRY_MS), sooner if
   * more rows come (`refresh`) or the cache is reset. The grid asks on every render and a failure
   * renders it, so asking again at once looped, hundreds of requests a second, for as long as a
   * result that cannot be read (not kept, its SQL failing when run again) was shown.
   */
  private readonly failed = new Map<number, number>();
  /** Renders the grid once the earliest failed page may be asked again, so it is. */
  private retry: ReturnType<typeof setTimeout> | undefined;
  private wanted: number[] = [];
  private generation = 0;
  private lastError: AppError | undefined;

  constructor(
    private readonly fetchPage: FetchPage,
    private readonly onChange: () => void,
    options: PageCacheOptions = {},
  ) {
    this.pageRows = Math.min(MAX_PAGE_ROWS, options.pageRows ?? GRID_PAGE_ROWS);
    this.maxPages = options.maxPages ?? 64;
    this.maxInFlight = options.maxInFlight ?? 3;
  }

  get error(): AppError | undefined {
    return this.lastError;
  }

  /** Rows the server said it had in the newest page we got (grows while a query runs). */
  get knownRows(): number {
    let n = 0;
    for (const p of this.pages.values()) n = Math.max(n, p.totalRows);
    return n;
  }

  /** The result's columns, as the first page to arrive named them. */
  get columns(): Page['columns'] | undefined {
    return this.pages.values().next().value?.columns;
  }

  /** DuckDB's text for a cell, null for SQL NULL, undefined while its page is not here yet. */
  cell(row: number, column: number): string | null | undefined {
    const page = this.pages.get(Math.floor(row / this.pageRows));
    if (!page) return undefined;
    const i = row - page.offset;
    const values = page.values[column];
    return values && i < (values.length ?? 0) ? (values[i] ?? null) : undefined;
  }

  /** Asks for the pages covering rows [first, last]; only these are fetched next. */
  ensure(first: number, last: number): void {
    if (last < first) return;
    const now = Date.now();
    for (const [p, at] of this.failed) if (at <= now) this.failed.delete(p);
    const from = Math.floor(Math.max(0, first) / this.pageRows);
    const to = Math.floor(last / this.pageRows);
    this.wanted = [];
    for (let p = from; p <= to; p++) {
      const page = this.pages.get(p);
      if (page) {
        this.pages.delete(p); // keep recently seen pages at the young end of the map
        this.pages.set(p, page);
      }
      if ((!page || this.stale.has(p)) && !this.failed.has(p)) this.wanted.push(p);
    }
    this.pump();
  }

  /**
   * More rows are ready: pages that came back short are fetched again when next asked for, and
   * shown as they are until their replacements arrive. A full page is left alone: rows of a
   * result only ever grow, so its text is already final; so is a short page main said was complete
   * (the result's end). Says whether anything shown changed (an error cleared), so the grid renders.
   */
  refresh(): boolean {
    for (const [p, page] of this.pages) if (!page.complete && (page.values[0]?.length ?? 0) < this.pageRows) this.stale.add(p);
    const changed = this.lastError !== undefined || this.failed.size > 0;
    this.forgetFailures();
    this.lastError = undefined;
    return changed;
  }

  /** Starts from pages a grid of the same result held before (keptPages.ts): shown on the first paint. */
  seed(pages: ReadonlyMap<number, Page>): void {
    for (const [index, page] of pages) if (this.pages.size < this.maxPages) this.pages.set(index, page);
  }

  /**
   * The pages held whose rows are final, by index, for keeping beyond this grid: complete ones, and
   * full ones (a result's rows only grow, so a full page fetched while it ran does not change).
   */
  *finalPages(): Iterable<readonly [number, Page]> {
    for (const [index, page] of this.pages) if (page.complete || (page.values[0]?.length ?? 0) >= this.pageRows) yield [index, page];
  }

  /** Drops every page and ignores answers still on their way. The next `ensure` fetches afresh. */
  reset(): void {
    this.generation++;
    this.pages.clear();
    this.inFlight.clear();
    this.stale.clear();
    this.forgetFailures();
    this.wanted = [];
    this.lastError = undefined;
  }

  /**
   * Rows [from, to) as row-major text, for copying. Uses pages already here and fetches the rest in
   * the largest pages main allows, without keeping them.
   */
  async read(from: number, to: number, columns: number): Promise<Result<(string | null)[][]>> {
    const rows: (string | null)[][] = [];
    for (let r = from; r < to; ) {
      const cached = this.pages.get(Math.floor(r / this.pageRows));
      if (cached && this.cell(r, 0) !== undefined) {
        rows.push(Array.from({ length: columns }, (_, c) => this.cell(r, c) ?? null));
        r++;
        continue;
      }
      const limit = Math.min(MAX_PAGE_ROWS, to - r);
      const result = await this.fetchPage(r, limit);
      if (!result.ok) return result;
      const got = result.value.values[0]?.length ?? 0;
      for (let i = 0; i < got; i++) rows.push(result.value.values.map((col) => col[i] ?? null));
      if (got === 0) break;
      r += got;
    }
    return { ok: true, value: rows };
  }

  private pump(): void {
    while (this.inFlight.size < this.maxInFlight) {
      const next = this.wanted.find((p) => (!this.pages.has(p) || this.stale.has(p)) && !this.inFlight.has(p));
      if (next === undefined) return;
      this.load(next);
    }
  }

  private load(index: number): void {
    const generation = this.generation;
    this.inFlight.add(index);
    void this.fetchPage(index * this.pageRows, this.pageRows).then((result) => {
      if (generation !== this.generation) return;
      this.inFlight.delete(index);
      if (result.ok) {
        this.stale.delete(index);
        this.pages.set(index, result.value);
        this.lastError = undefined;
        this.evict();
      } else {
        // a page still shown stays stale, so it is asked again after the delay: else its old rows
        // were all there was to ask for, and the error (a connection lost meanwhile) stayed for good
        this.lastError = result.error;
        // a page too large to send stays so (its rows only change with the view, which resets the cache): not asked again
        const lasting = result.error.code === 'PAYLOAD_TOO_LARGE';
        this.failed.set(index, lasting ? Infinity : Date.now() + FAILED_PAGE_RETRY_MS);
        if (!lasting) {
          this.retry ??= setTimeout(() => {
            this.retry = undefined;
            this.onChange();
          }, FAILED_PAGE_RETRY_MS);
        }
        this.wanted = this.wanted.filter((p) => p !== index); // do not hammer a failing request
      }
      this.onChange();
      this.pump();
    });
  }

  private forgetFailures(): void {
    this.failed.clear();
    clearTimeout(this.retry);
    this.retry = undefined;
  }

  private evict(): void {
    for (const key of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) return;
      if (!this.wanted.includes(key)) this.pages.delete(key);
    }
  }
}
