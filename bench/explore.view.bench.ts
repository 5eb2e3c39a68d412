/**
 * Sort and filter by clicking, on the completed flights-3m result. "At the client": SetResultView
 * dispatched and, beside it, the first 100-row page of that view fetched through the wire protocol
 * over an in-process transport, as the grid does after a header click or a filter; timed until both
 * are done. The baseline is raw @duckdb/node-api doing the same work on a table of the same 3M
 * rows in a database file.
 * Every sample asks for a view not asked before, so no sorted copy is reused; each side waits for
 * the other's leftovers (the app's background copy of the view) before it is timed.
 */
import type { Page, PageView } from '../src/shared/contracts/protocol';
import { flightsResult, timed } from './flightsResult';
import { alternateSamples, fromSamples, median, type Bench } from './harness';

/** Sorts: with the warm-up, every one of the ten distinct sorts once. */
const SAMPLES = 7;
/** Filters are all distinct (delay > 40 + i) and a sample is ~10 ms, so more of them steady the median a loaded machine moves. */
const FILTER_SAMPLES = 15;
const WARMUP = 2;
/** flights-3m's columns, by position in `select *`. */
const COLUMNS = ['date', 'delay', 'distance', 'origin', 'destination'] as const;

/** A different sort for every sample: each column, then each again descending. */
const sortOf = (i: number): { column: number; descending: boolean } => ({ column: i % COLUMNS.length, descending: Math.floor(i / COLUMNS.length) % 2 === 1 });
/** A different filter for every sample, each keeping a few percent of the rows (delay > 40 + i). */
const delayAbove = (i: number): number => 40 + i;

async function setup() {
  const app = await flightsResult('sextant-bench-view-');
  const { sessionId, queryId, request } = app;

  /**
   * What a header click or a filter costs at the client: the grid asks for the view's first page
   * beside the SetResultView that records it (usePendingView.ts), and is done when both are: the
   * page is on screen and the view is stored.
   */
  const dispatchMs: number[] = [];
  const apply = async (view: Required<PageView>): Promise<Page> => {
    const t = performance.now();
    const recorded = request({ method: 'dispatch', command: { type: 'SetResultView', sessionId, queryId, orderBy: view.orderBy, filter: view.filter } }).then(() =>
      dispatchMs.push(performance.now() - t),
    );
    const [page] = await Promise.all([request<Page>({ method: 'fetchPage', queryId, offset: 0, limit: 100, ...view }), recorded]);
    return page;
  };
  /** Waits for the view's copy (made after the first page): a page past the first thousand rows needs it. */
  const settle = (view: Required<PageView>) => request({ method: 'fetchPage', queryId, offset: 2000, limit: 1, ...view });
  return {
    apply,
    settle,
    /** Median time of the SetResultView dispatch alone (stored and acknowledged), part of each sample. */
    dispatchMedian: () => median(dispatchMs.slice(WARMUP)),
    raw: app.raw,
    close: () => app.close(),
  };
}

export const benches: Bench[] = [
  {
    name: 'explore.sort_first_page_3m',
    what: "header click (`SetResultView` beside the view's first 100-row page, until both are done) on the completed flights-3m result at the client vs raw DuckDB's `ORDER BY … LIMIT 100` on a table of the same rows",
    goal: 1.5,
    async run() {
      const app = await setup();
      let i = 0;
      let j = 0;
      /** Raw DuckDB with the app's tie-break (`, rowid`): not the baseline, a note of what determinism costs. */
      const tieBreak: number[] = [];
      const { b, s } = await alternateSamples(
        SAMPLES,
        async () => {
          const { column, descending } = sortOf(j++);
          const order = `"${COLUMNS[column]}" ${descending ? 'DESC' : 'ASC'}`;
          const [ms] = await timed(async () => (await app.raw.runAndReadAll(`SELECT * FROM t ORDER BY ${order} LIMIT 100`)).getRowsJS());
          const [tied] = await timed(async () => (await app.raw.runAndReadAll(`SELECT * FROM t ORDER BY ${order} NULLS LAST, rowid LIMIT 100`)).getRowsJS());
          tieBreak.push(tied);
          return ms;
        },
        async () => {
          const view = { orderBy: [sortOf(i++)], filter: [] };
          const [ms, page] = await timed(() => app.apply(view));
          if (page.values[0]?.length !== 100) throw new Error('the sorted page is short');
          await app.settle(view);
          return ms;
        },
        WARMUP,
      );
      const dispatch = app.dispatchMedian().toFixed(1);
      await app.close();
      const tied = median(tieBreak.slice(WARMUP));
      return fromSamples('explore.sort_first_page_3m', 'ms', s, b, { dispatch_ms: dispatch, raw_with_rowid_tiebreak_ms: tied.toFixed(1), raw_tiebreak_ratio: (tied / median(b)).toFixed(2) });
    },
  },
  {
    name: 'explore.filter_first_page_3m',
    what: "a filter (`SetResultView` beside the first 100-row page and exact count, until both are done) on the completed flights-3m result at the client vs raw DuckDB's `WHERE … LIMIT 100` and `count(*)` on a table of the same rows",
    goal: 1.5,
    async run() {
      const app = await setup();
      let i = 0;
      let j = 0;
      let rows = 0;
      const { b, s } = await alternateSamples(
        FILTER_SAMPLES,
        async () => {
          const k = delayAbove(j++);
          const [ms] = await timed(async () => {
            (await app.raw.runAndReadAll(`SELECT * FROM t WHERE delay > ${k} LIMIT 100`)).getRowsJS();
            return (await app.raw.runAndReadAll(`SELECT count(*) FROM t WHERE delay > ${k}`)).getRowsJS();
          });
          return ms;
        },
        async () => {
          const view = { orderBy: [], filter: [{ column: 1, op: 'gt' as const, value: String(delayAbove(i++)) }] };
          const [ms, page] = await timed(() => app.apply(view));
          rows = page.totalRows;
          await app.settle(view);
          return ms;
        },
        WARMUP,
      );
      const dispatch = app.dispatchMedian().toFixed(1);
      await app.close();
      return fromSamples('explore.filter_first_page_3m', 'ms', s, b, { rows_last_filter: rows, dispatch_ms: dispatch });
    },
  },
];
