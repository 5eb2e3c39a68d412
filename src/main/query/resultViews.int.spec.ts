import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page, PageView } from '../../shared/contracts/protocol';
import { useTestSession } from '../../../test/support/useTestSession';
import { rawTextRows, rowsOf } from '../../../test/support/rawTextRows';

/**
 * Rows tie on the sort key in the thousands, over several row groups DuckDB scans in parallel: the
 * order among ties is where a top-N, a full sort and the next page could each pick their own.
 */
const ROWS = 600_000;
const SQL = `select range as n, (range * 7919) % 4 as g, 'row ' || range as s,
  CASE WHEN range % 10000 = 0 THEN range % 3 END as h, ((range * 31) % 20000) / 8.0 as x from range(${ROWS})`;

describe('sorted views of a result: deterministic pages, first pages that do not queue', () => {
  const { core, run } = useTestSession('all');
  let queryId: string;
  beforeAll(async () => {
    ({ queryId } = await run(SQL));
  }, 60_000);

  async function page(offset: number, limit: number, view: PageView): Promise<Page> {
    const r = await core().runner.fetchPage(queryId, offset, limit, view);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  }

  for (const descending of [false, true]) {
    it(`the first page (top-N) is rows 0–99 of the view's copy and runs on into the next pages (${descending ? 'descending' : 'ascending'})`, async () => {
      const view: PageView = { orderBy: [{ column: 1, descending }] };
      const expected = await rawTextRows(`${SQL} order by g ${descending ? 'desc' : 'asc'}, n limit 300`);
      // not materialised yet: answered by the top-N on the result table
      const first = await page(0, 100, view);
      expect(rowsOf(first)).toEqual(expected.slice(0, 100));
      expect(rowsOf(await page(100, 100, view))).toEqual(expected.slice(100, 200));
      // past the first thousand rows: waits for the view's copy, then reads it
      expect((await page(2000, 1, view)).totalRows).toBe(ROWS);
      expect(rowsOf(await page(0, 100, view))).toEqual(rowsOf(first));
      expect(rowsOf(await page(50, 250, view))).toEqual(expected.slice(50, 300));
    }, 60_000);
  }

  // A first key that is a number is bounded by its (offset + limit)-th value before the tie-broken
  // top-N (pageView.ts, viewHeadSql); these are the cases where that bound could go wrong.
  const bounded: { name: string; view: PageView; raw: string; offset: number }[] = [
    { name: 'a DOUBLE key, 30 rows to a value, the page ending inside a tie, descending', view: { orderBy: [{ column: 4, descending: true }] }, raw: 'order by x desc, n', offset: 0 },
    { name: 'the same key ascending, at an offset', view: { orderBy: [{ column: 4 }] }, raw: 'order by x, n', offset: 250 },
    { name: 'a filter bound twice, in the bound and in the page', view: { orderBy: [{ column: 4 }], filter: [{ column: 1, op: 'eq', value: '1' }] }, raw: 'where g = 1 order by x, n', offset: 0 },
    { name: 'a second key under a tied first key, at an offset', view: { orderBy: [{ column: 1, descending: true }, { column: 2 }] }, raw: 'order by g desc, s, n', offset: 100 },
    { name: 'a NULL where the bound would be (60 values, then NULLs)', view: { orderBy: [{ column: 3 }] }, raw: 'order by h nulls last, n', offset: 0 },
    { name: 'fewer rows pass the filter than the page holds', view: { orderBy: [{ column: 1 }], filter: [{ column: 0, op: 'ge', value: String(ROWS - 50) }] }, raw: `where n >= ${ROWS - 50} order by g, n`, offset: 0 },
  ];
  for (const { name, view, raw, offset } of bounded) {
    it(`a first page sorted by a number agrees with a full sort: ${name}`, async () => {
      const expected = await rawTextRows(`select * from (${SQL}) ${raw} limit 100 offset ${offset}`);
      expect(rowsOf(await page(offset, 100, view))).toEqual(expected);
    }, 60_000);
  }

  it("a new view's first page does not wait for the copy of the view before it", async () => {
    const before: PageView = { orderBy: [{ column: 2 }, { column: 1, descending: true }] };
    const next: PageView = { orderBy: [{ column: 0, descending: true }] };
    // The copy of `before` goes to the worker as usual, but main hears its answer only once `next`'s
    // first page is back (or after 5 s): however fast or loaded the machine, the copy is in flight
    // when that page is asked for. Which of the two DuckDB finishes first is its own scheduling (one
    // thread pool for every connection); what the app promises is not to hold the page behind it.
    const queryWorker = core().queryWorker;
    const send = queryWorker.request.bind(queryWorker);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let copySent = false;
    const spy = vi.spyOn(queryWorker, 'request').mockImplementation(((request: Parameters<typeof send>[0]) => {
      const answer = send(request);
      if (request.type !== 'copyView') return answer;
      copySent = true;
      return answer.then(async (value) => (await held, value));
    }) as typeof queryWorker.request);
    const timeout = setTimeout(release, 5_000);
    try {
      await page(0, 100, before);
      const order: string[] = [];
      const copied = page(2000, 1, before).then(() => order.push('copy of the view before'));
      await vi.waitFor(() => expect(copySent).toBe(true));
      const first = await page(0, 100, next);
      order.push('first page of the next view');
      release();
      await copied;
      expect(order).toEqual(['first page of the next view', 'copy of the view before']);
      expect(first.values[0]?.slice(0, 2)).toEqual([String(ROWS - 1), String(ROWS - 2)]);
    } finally {
      clearTimeout(timeout);
      release();
      spy.mockRestore();
    }
  }, 60_000);
});
