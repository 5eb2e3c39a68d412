/**
 * A pivot of the completed flights-3m result (with a month column): rows origin → destination,
 * one column per month, the average delay, sorted by one month. "At the client": SetPivot
 * dispatched and, beside it, the pivot's first 100-row page fetched through the wire protocol over
 * an in-process transport, as the pivot panel does, timed until both are done. The baseline is raw
 * @duckdb/node-api running DuckDB's own `PIVOT … ON month USING avg(delay) GROUP BY origin,
 * destination`, ordered by the same month, first 100 rows, on a table of the same rows. The app
 * computes more (a subtotal row per origin, a grand total, a Total column).
 * Every sample sorts by another month or direction, so no pivot is reused from the app's cache;
 * after each app sample the bench waits for the pivot's table, which the app makes right after the
 * first page, so the next sample of either side starts on a quiet worker.
 */
import type { PivotPage } from '../src/shared/pivot/pivotPage';
import type { PivotSpec } from '../src/shared/pivot/pivotSpec';
import { flightsResult, timed } from './flightsResult';
import { alternateSamples, fromSamples, median, type Bench } from './harness';

const SAMPLES = 7;
const WARMUP = 2;
/** flights-3m holds 7 months (January to July 2001). */
const MONTHS = 7;
const sortOf = (i: number) => ({ valueColumn: i % MONTHS, descending: Math.floor(i / MONTHS) % 2 === 1 });
const specOf = (i: number): PivotSpec => ({ rows: ['origin', 'destination'], columns: ['month'], values: 'delay', aggregate: 'Average', sort: sortOf(i) });

async function setup() {
  const app = await flightsResult('sextant-bench-pivot-', ', month(date) as month');
  const { sessionId, queryId, request } = app;

  const dispatchMs: number[] = [];
  const apply = async (spec: PivotSpec): Promise<PivotPage> => {
    const t = performance.now();
    const recorded = request({ method: 'dispatch', command: { type: 'SetPivot', sessionId, queryId, spec } }).then(() => dispatchMs.push(performance.now() - t));
    const [page] = await Promise.all([request<PivotPage>({ method: 'pivotPage', queryId, spec, offset: 0, limit: 100 }), recorded]);
    return page;
  };
  /**
   * Waits for the pivot's table (made right after its first page): a page past the first thousand
   * rows needs it. So the app's leftovers never slow the next sample of either side.
   */
  const settle = (spec: PivotSpec) => request({ method: 'pivotPage', queryId, spec, offset: 2000, limit: 1 });
  return { apply, settle, dispatchMedian: () => median(dispatchMs.slice(WARMUP)), raw: app.raw, close: () => app.close() };
}

export const benches: Bench[] = [
  {
    name: 'pivot.flights_3m',
    what: "a two-level row pivot (origin → destination) with monthly columns and the average delay, sorted by a month (`SetPivot` beside the pivot's first 100-row page, until both are done) on the completed flights-3m result at the client vs raw DuckDB's `PIVOT … ON month USING avg(delay) GROUP BY origin, destination ORDER BY <month> LIMIT 100` on a table of the same rows",
    goal: 1.3,
    async run() {
      const app = await setup();
      let i = 0;
      let j = 0;
      const { b, s } = await alternateSamples(
        SAMPLES,
        async () => {
          const { valueColumn, descending } = sortOf(j++);
          const [ms] = await timed(async () =>
            (
              await app.raw.runAndReadAll(
                `SELECT * FROM (PIVOT (SELECT origin, destination, month, delay FROM t) ON month USING avg(delay) GROUP BY origin, destination) ORDER BY "${valueColumn + 1}" ${descending ? 'DESC' : 'ASC'} NULLS LAST, origin, destination LIMIT 100`,
              )
            ).getRowsJS(),
          );
          return ms;
        },
        async () => {
          const spec = specOf(i++);
          const [ms, page] = await timed(() => app.apply(spec));
          if (page.values[0]?.length !== 100) throw new Error('the pivot page is short');
          await app.settle(spec);
          return ms;
        },
        WARMUP,
      );
      const dispatch = app.dispatchMedian().toFixed(1);
      await app.close();
      return fromSamples('pivot.flights_3m', 'ms', s, b, { dispatch_ms: dispatch });
    },
  },
];
