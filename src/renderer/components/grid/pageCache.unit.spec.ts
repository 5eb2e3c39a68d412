import { describe, expect, it, vi } from 'vitest';
import { fail, ok, type Result } from '../../../shared/contracts/errors';
import type { Page } from '../../../shared/contracts/protocol';
import { FAILED_PAGE_RETRY_MS, PageCache } from './pageCache';

/** A fake result of `total` rows whose cell text is the row number, with requests held until released. */
function fakeResult(total: number, complete = true) {
  const requests: { offset: number; limit: number; resolve: () => void }[] = [];
  const fetchPage = (offset: number, limit: number) =>
    new Promise<Result<Page>>((done) => {
      const n = Math.max(0, Math.min(limit, total - offset));
      const page: Page = {
        queryId: 'q',
        offset,
        totalRows: total,
        complete,
        columns: [{ name: 'n', type: 'BIGINT' }],
        values: [Array.from({ length: n }, (_, i) => String(offset + i))],
      };
      requests.push({ offset, limit, resolve: () => done(ok(page)) });
    });
  const flush = async () => {
    while (requests.length) {
      requests.shift()!.resolve();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { fetchPage, requests, flush };
}

describe('page cache', () => {
  it('fetches only the pages on screen and serves their cells', async () => {
    const f = fakeResult(3_000_000);
    const cache = new PageCache(f.fetchPage, () => {}, { pageRows: 100 });
    cache.ensure(2_999_950, 2_999_999);
    expect(f.requests.map((r) => r.offset)).toEqual([2_999_900]);
    expect(cache.cell(2_999_999, 0)).toBeUndefined();
    await f.flush();
    expect(cache.cell(2_999_999, 0)).toBe('2999999');
    expect(cache.knownRows).toBe(3_000_000);
  });

  it('never asks twice for a page it has or is fetching', async () => {
    const f = fakeResult(1000);
    const cache = new PageCache(f.fetchPage, () => {}, { pageRows: 100 });
    cache.ensure(0, 150);
    cache.ensure(0, 150);
    expect(f.requests).toHaveLength(2);
    await f.flush();
    cache.ensure(50, 120);
    expect(f.requests).toHaveLength(0);
  });

  it('while the scrollbar is dragged, asks only for what is on screen when a request slot frees', async () => {
    const f = fakeResult(1_000_000);
    const cache = new PageCache(f.fetchPage, () => {}, { pageRows: 100, maxInFlight: 1 });
    cache.ensure(0, 50);
    for (let row = 1000; row < 500_000; row += 10_000) cache.ensure(row, row + 50);
    cache.ensure(900_000, 900_050);
    await f.flush();
    expect(cache.cell(900_010, 0)).toBe('900010');
    expect(cache.cell(11_000, 0)).toBeUndefined(); // skipped, never fetched
  });

  it('keeps a bounded number of pages', async () => {
    const f = fakeResult(100_000);
    const cache = new PageCache(f.fetchPage, () => {}, { pageRows: 10, maxPages: 5 });
    for (let p = 0; p < 20; p++) {
      cache.ensure(p * 10, p * 10 + 9);
      await f.flush();
    }
    const kept = Array.from({ length: 20 }, (_, p) => cache.cell(p * 10, 0)).filter((v) => v !== undefined);
    expect(kept).toEqual(['150', '160', '170', '180', '190']);
  });

  it('ignores pages that arrive after a reset (the query finished meanwhile)', async () => {
    const f = fakeResult(100);
    const cache = new PageCache(f.fetchPage, () => {}, { pageRows: 10 });
    cache.ensure(0, 5);
    cache.reset();
    await f.flush();
    expect(cache.cell(0, 0)).toBeUndefined();
  });

  it('a refresh refetches the pages on screen while still serving the old rows (no flicker while a query runs)', async () => {
    let produced = 50;
    const requests: number[] = [];
    const fetchPage = async (offset: number, limit: number) => {
      requests.push(offset);
      const n = Math.max(0, Math.min(limit, produced - offset));
      return ok({
        queryId: 'q',
        offset,
        totalRows: produced,
        complete: false,
        columns: [{ name: 'n', type: 'BIGINT' }],
        values: [Array.from({ length: n }, (_, i) => String(offset + i))],
      } satisfies Page);
    };
    const cache = new PageCache(fetchPage, () => {}, { pageRows: 100 });
    cache.ensure(0, 99);
    await new Promise((r) => setTimeout(r, 0));
    expect([cache.cell(49, 0), cache.cell(60, 0), cache.knownRows]).toEqual(['49', undefined, 50]);
    produced = 80;
    cache.refresh();
    expect(cache.cell(49, 0)).toBe('49'); // still shown
    cache.ensure(0, 99);
    await new Promise((r) => setTimeout(r, 0));
    expect([cache.cell(60, 0), cache.knownRows]).toEqual(['60', 80]);
    expect(requests).toEqual([0, 0]);
    cache.ensure(0, 99);
    expect(requests).toEqual([0, 0]); // fresh again: not asked a third time
  });

  it('a refresh leaves full pages alone: their rows are final', async () => {
    const f = fakeResult(150, false);
    const cache = new PageCache(f.fetchPage, () => {}, { pageRows: 100 });
    cache.ensure(0, 149);
    await f.flush();
    cache.refresh();
    cache.ensure(0, 149);
    expect(f.requests.map((r) => r.offset)).toEqual([100]); // only the short last page
  });

  it('given a complete result whose last page is short, when a refresh comes (a grid mounting), then nothing is asked again', async () => {
    const f = fakeResult(150);
    const cache = new PageCache(f.fetchPage, () => {}, { pageRows: 100 });
    cache.ensure(0, 149);
    await f.flush();
    expect(cache.refresh()).toBe(false);
    cache.ensure(0, 149);
    expect(f.requests).toEqual([]);
  });

  it('given pages of a running result, when asked for its final pages, then the full ones are, the short ones are not', async () => {
    const f = fakeResult(150, false);
    const cache = new PageCache(f.fetchPage, () => {}, { pageRows: 100 });
    cache.ensure(0, 149);
    await f.flush();
    expect([...cache.finalPages()].map(([index]) => index)).toEqual([0]);
    const done = fakeResult(150);
    const complete = new PageCache(done.fetchPage, () => {}, { pageRows: 100 });
    complete.ensure(0, 149);
    await done.flush();
    expect([...complete.finalPages()].map(([index]) => index)).toEqual([0, 1]);
  });

  it('given pages a grid of the same result held (seed), when the grid asks for them, then they are served without a request', async () => {
    const f = fakeResult(150);
    const first = new PageCache(f.fetchPage, () => {}, { pageRows: 100 });
    first.ensure(0, 149);
    await f.flush();
    const next = new PageCache(f.fetchPage, () => {}, { pageRows: 100 });
    next.seed(new Map(first.finalPages()));
    expect([next.cell(0, 0), next.cell(149, 0), next.knownRows]).toEqual(['0', '149', 150]);
    next.refresh();
    next.ensure(0, 149);
    expect(f.requests).toEqual([]);
  });

  it('reads a range for copying, across pages, in row-major order', async () => {
    const f = fakeResult(5000);
    const cache = new PageCache(f.fetchPage, () => {}, { pageRows: 100 });
    const reading = cache.read(10, 2510, 1);
    const pump = setInterval(() => void f.flush(), 1);
    const rows = await reading;
    clearInterval(pump);
    expect(rows.ok && rows.value.length).toBe(2500);
    expect(rows.ok && rows.value[0]).toEqual(['10']);
    expect(rows.ok && rows.value.at(-1)).toEqual(['2509']);
  });

  it('given a page whose request failed, when the grid renders again and asks for it, then it is not asked again until a refresh or reset', async () => {
    let asked = 0;
    let changes = 0;
    const error = { id: 'e1', code: 'QUERY_FAILED', message: 'running its SQL again failed' } as const;
    const cache = new PageCache(async () => (asked++, fail(error)), () => changes++, { pageRows: 100 });
    // The grid asks on every render, and the failure renders it (onChange): this was a loop of requests.
    for (let render = 0; render < 5; render++) {
      cache.ensure(0, 50);
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(asked).toBe(1);
    expect(changes).toBe(1);
    expect(cache.error).toEqual(error);
    cache.refresh(); // more rows, or the query completed: worth asking again
    cache.ensure(0, 50);
    expect(asked).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    cache.reset();
    cache.ensure(0, 50);
    expect(asked).toBe(3);
  });

  it('given a page too large to send, then it is not asked again: each ask reads its megabytes again in DuckDB', async () => {
    vi.useFakeTimers();
    try {
      let asked = 0;
      const error = { id: 'e2', code: 'PAYLOAD_TOO_LARGE', message: 'These rows hold 77 MB of text' } as const;
      const cache = new PageCache(async () => (asked++, fail(error)), () => {}, { pageRows: 100 });
      cache.ensure(0, 50);
      await vi.advanceTimersByTimeAsync(FAILED_PAGE_RETRY_MS * 3);
      cache.ensure(0, 50);
      await vi.advanceTimersByTimeAsync(0);
      expect(asked).toBe(1);
      expect(cache.error?.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      vi.useRealTimers();
    }
  });

  it('given a page whose request failed, when FAILED_PAGE_RETRY_MS has passed, then the grid is told to render and the page is asked once more', async () => {
    vi.useFakeTimers();
    try {
      let asked = 0;
      let changes = 0;
      const error = { id: 'e1', code: 'WORKER_CRASHED', message: 'A query worker crashed' } as const;
      const cache = new PageCache(async () => (asked++, fail(error)), () => changes++, { pageRows: 100 });
      cache.ensure(0, 50);
      await vi.advanceTimersByTimeAsync(FAILED_PAGE_RETRY_MS - 1);
      cache.ensure(0, 50);
      expect([asked, changes]).toEqual([1, 1]);
      await vi.advanceTimersByTimeAsync(1);
      expect(changes).toBe(2); // the grid renders, and asks again
      cache.ensure(0, 50);
      await vi.advanceTimersByTimeAsync(0);
      expect(asked).toBe(2);
      cache.reset(); // no render left pending for a view that is gone
      await vi.advanceTimersByTimeAsync(FAILED_PAGE_RETRY_MS);
      expect(changes).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('given a short page held while its query ran, when its refetch fails (the host went down), then it is asked again after the delay, and its answer clears the error', async () => {
    vi.useFakeTimers();
    try {
      let up = true;
      const asked: number[] = [];
      const error = { id: 'e2', code: 'DISCONNECTED', message: 'Lost the connection to Sextant; reconnecting.' } as const;
      const page = (complete: boolean): Page => ({ queryId: 'q', offset: 0, totalRows: 1, complete, columns: [{ name: 'one', type: 'INTEGER' }], values: [['1']] });
      const cache = new PageCache(async (offset) => (asked.push(offset), up ? ok(page(asked.length > 1)) : fail(error)), () => {}, { pageRows: 100 });
      cache.ensure(0, 50);
      await vi.advanceTimersByTimeAsync(0);
      cache.refresh(); // the query completed: its short page is asked again
      up = false;
      cache.ensure(0, 50);
      await vi.advanceTimersByTimeAsync(0);
      expect([cache.error?.code, cache.cell(0, 0)]).toEqual(['DISCONNECTED', '1']); // the old row still shown
      up = true;
      await vi.advanceTimersByTimeAsync(FAILED_PAGE_RETRY_MS);
      cache.ensure(0, 50);
      await vi.advanceTimersByTimeAsync(0);
      expect(asked).toEqual([0, 0, 0]);
      expect(cache.error).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
