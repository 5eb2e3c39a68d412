/**
 * Linked charts benchmark (docs/charts.md, "Linked charts and brushing"). `chart.brush_update_10m`:
 * a linked pair of charts over a generated 10M-row result (a histogram of `a` brushed, a histogram
 * of `b` following it). Once both are drawn and the brush has started (its first move builds the
 * cube, timed apart as cube_ms), one brush move → the other chart's new marks at the client (chartData
 * over the wire protocol, in-process transport) vs raw @duckdb/node-api running the same filter and
 * group-by on a table of the same rows (its bin width given, so it does less than the app did once).
 * Each sample moves the brush to a range not asked before.
 */
import type { ChartData } from '../src/shared/chart/chartData';
import type { SingleChartSpec } from '../src/shared/chart/chartSpec';
import type { PageFilter } from '../src/shared/contracts/pageView';
import { withChartResult } from './chartResultSetup';
import { alternateSamples, fromSamples, type Bench } from './harness';

const ROWS = 10_000_000;
const SAMPLES = 7;
/** `a` in [0, 1000) with three decimals, `b` a whole number in [0, 500): DuckDB's own hash, no JS loop. */
const GENERATE = `SELECT (hash(i) % 1000000)::DOUBLE / 1000 AS a, (hash(i * 31 + 7) % 500)::INTEGER AS b FROM range(${ROWS}) t(i)`;
const BRUSHED: SingleChartSpec = { mark: 'Histogram', x: 'a', aggregate: 'Count' };
const FOLLOWER: SingleChartSpec = { mark: 'Histogram', x: 'b', aggregate: 'Count' };

type Answer = { ok: true; value: ChartData } | { ok: false; error: { message: string } };

function brushBench(): Promise<ReturnType<typeof fromSamples>> {
  return withChartResult({ dirPrefix: 'sextant-bench-brush-', sql: GENERATE, table: 't', what: 'generated' }, async ({ conn, sessionId, queryId, raw, resultMs, startedAt }) => {
    const chart = async (spec: SingleChartSpec, slot: number, filter: PageFilter[] = []): Promise<ChartData> => {
      const r = (await conn.request({ method: 'chartData', sessionId, queryId, spec, slot, ...(filter.length ? { filter } : {}) })) as Answer;
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    // the first render of both charts
    const first = await chart(BRUSHED, 0);
    const step = first.brushStep;
    if (step === undefined) throw new Error('the brushed chart has no brush step');
    const all = await chart(FOLLOWER, 1);
    const width = Number(all.rows[0]?.[1]) - Number(all.rows[0]?.[0]);
    const brush = (i: number): { lo: string; hi: string } => ({ lo: String((100 + 37 * i) * step), hi: String((420 + 41 * i) * step) });
    // the brush starts: its first move builds the cube
    const t1 = performance.now();
    const firstMove = await chart(FOLLOWER, 1, [{ column: 0, op: 'range', ...brush(0), chart: 0 }]);
    const cubeMs = performance.now() - t1;
    if (!firstMove.cube) throw new Error('the brush move was not answered from a cube');

    let appMoves = 1;
    let rawMoves = 1;
    let last: { app?: string[][]; raw?: string[][] } = {};
    const app = async (): Promise<number> => {
      const range = brush(appMoves++);
      const t0 = performance.now();
      const marks = await chart(FOLLOWER, 1, [{ column: 0, op: 'range', ...range, chart: 0 }]);
      const elapsed = performance.now() - t0;
      last = { ...last, app: marks.rows.map((r) => r.map((c) => c ?? '')) };
      return elapsed;
    };
    const baseline = async (): Promise<number> => {
      const { lo, hi } = brush(rawMoves++);
      const t0 = performance.now();
      const rows = (
        await raw.runAndReadAll(
          `SELECT (floor(b / ${width}) * ${width})::BIGINT AS x1, ((floor(b / ${width}) + 1) * ${width})::BIGINT AS x2, count(*) AS n FROM t WHERE a >= '${lo}'::DOUBLE AND a < '${hi}'::DOUBLE GROUP BY ALL ORDER BY x1`,
        )
      ).getRowsJS();
      const elapsed = performance.now() - t0;
      last = { ...last, raw: rows.map((r) => r.map(String)) };
      return elapsed;
    };
    const { b, s } = await alternateSamples(SAMPLES, baseline, app, 1);
    // the last move of each asked the same range: the same marks
    if (JSON.stringify(last.app) !== JSON.stringify(last.raw)) throw new Error(`the app's marks differ from raw DuckDB's: ${JSON.stringify(last.app?.slice(0, 3))} vs ${JSON.stringify(last.raw?.slice(0, 3))}`);
    return fromSamples('chart.brush_update_10m', 'ms', s, b, {
      rows: '10,000,000',
      bins: all.rows.length,
      cube_ms: Math.round(cubeMs),
      result_ms: Math.round(resultMs),
      bench_s: Math.round((performance.now() - startedAt) / 1000),
    });
  });
}

export const benches: Bench[] = [
  {
    name: 'chart.brush_update_10m',
    what: 'one brush move on a linked pair of charts over a generated 10M-row result, after the first render: the other chart’s new marks at the client vs raw DuckDB running the same filter and group-by on a table of the same rows',
    goal: 0.5,
    run: brushBench,
  },
];
