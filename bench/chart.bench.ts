/**
 * Chart benchmarks (docs/charts.md). `chart.histogram_3m`: a histogram of flights-3m's delay,
 * chosen on a complete result of all 3M rows: the marks at the client (chartData over the wire
 * protocol, in-process transport, as in query.bench.ts) vs raw @duckdb/node-api computing the same
 * bins (range, nice step, count per bin; written here by hand, not by chartSql) over a table of the
 * same rows. Every sample computes: charts are not cached.
 */
import { resolve } from 'node:path';
import type { ChartData } from '../src/shared/chart/chartData';
import { literal } from '../src/main/query/sql';
import { withChartResult } from './chartResultSetup';
import { alternateSamples, fromSamples, type Bench } from './harness';

const FLIGHTS = resolve('node_modules/vega-datasets/data/flights-3m.parquet');
const SAMPLES = 7;

/** Raw DuckDB's histogram of `delay`: about 40 bins of a nice width (1, 2 or 5 × 10ⁿ, at least 1). */
const RAW_HISTOGRAM = `
WITH r AS (SELECT (max(delay) - min(delay)) / 40 AS raw FROM flights WHERE delay IS NOT NULL),
s AS (SELECT greatest(1, CASE WHEN raw / pow(10, floor(log10(raw))) <= 1 THEN 1 WHEN raw / pow(10, floor(log10(raw))) <= 2 THEN 2
  WHEN raw / pow(10, floor(log10(raw))) <= 5 THEN 5 ELSE 10 END * pow(10, floor(log10(raw)))) AS step FROM r)
SELECT (floor(delay / step) * step)::BIGINT AS x1, ((floor(delay / step) + 1) * step)::BIGINT AS x2, count(*) AS n
FROM flights, s WHERE delay IS NOT NULL GROUP BY ALL ORDER BY x1`;

function histogramBench(): Promise<ReturnType<typeof fromSamples>> {
  const flights = `SELECT * FROM read_parquet(${literal(FLIGHTS)})`;
  return withChartResult({ dirPrefix: 'sextant-bench-chart-', sql: flights, table: 'flights', what: 'flights' }, async ({ conn, sessionId, queryId, raw, resultMs, startedAt }) => {
    let bins = 0;
    const app = async (): Promise<number> => {
      const t0 = performance.now();
      const r = (await conn.request({ method: 'chartData', sessionId, queryId, spec: { mark: 'Histogram', x: 'delay', aggregate: 'Count' } })) as { ok: boolean; value: ChartData; error?: { message: string } };
      const elapsed = performance.now() - t0;
      if (!r.ok) throw new Error(r.error?.message);
      bins = r.value.rows.length;
      return elapsed;
    };
    let rawBins = 0;
    const baseline = async (): Promise<number> => {
      const t0 = performance.now();
      rawBins = (await raw.runAndReadAll(RAW_HISTOGRAM)).getRowsJS().length;
      return performance.now() - t0;
    };
    const { b, s } = await alternateSamples(SAMPLES, baseline, app, 1);
    if (bins !== rawBins || bins === 0) throw new Error(`the app drew ${bins} bins, raw DuckDB computed ${rawBins}`);
    return fromSamples('chart.histogram_3m', 'ms', s, b, { rows: '3,000,000', bins, result_ms: Math.round(resultMs), bench_s: Math.round((performance.now() - startedAt) / 1000) });
  });
}

export const benches: Bench[] = [
  {
    name: 'chart.histogram_3m',
    what: 'a histogram of delay chosen on the complete 3M-row flights result: its marks at the client vs raw DuckDB computing the same bins over a table of the same rows',
    goal: 1.3,
    run: histogramBench,
  },
];
