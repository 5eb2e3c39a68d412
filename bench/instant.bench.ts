/**
 * Instant preview benchmarks (docs/instant.md). The app runs in this process with flights-3m in
 * its catalog; "at the client" is the wire protocol over an in-process transport, as in
 * explore.profile.bench.ts. The editor's 150 ms debounce is the renderer's and is not included:
 * timing starts when a request leaves the client.
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Result } from '../src/shared/contracts/errors';
import type { PreviewAnswer } from '../src/shared/instant/preview';
import { openSessions } from '../src/shared/views/appView';
import { literal } from '../src/main/query/sql';
import { PREVIEW_SAMPLE, sampleClause } from '../src/main/instant/previewSample.worker';
import { ProtocolClient } from '../test/support/protocolClient';
import { startTestCore, tempDir } from '../test/support/testCore';
import { alternateSamples, fromSamples, median, percentile, type Bench, type BenchResult } from './harness';

const FLIGHTS = join(process.cwd(), 'node_modules/vega-datasets/data/flights-3m.parquet');
const ROWS = 3_000_000;
const GROUP_BY = 'SELECT origin, count(*) AS flights, avg(delay) AS delay FROM flights_3m GROUP BY origin ORDER BY flights DESC';
/** Requests of a burst before the last one, 20 ms apart: the statement as it was typed. */
const BURST = 5;
const KEY_MS = 20;
const BURSTS = 20;
const STORM = 50;
const STORMS = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function app() {
  const dir = tempDir('sextant-bench-instant-');
  const core = await startTestCore(dir.path, { samples: [FLIGHTS], memoryLimit: undefined });
  await core.catalog.idle();
  const sessionId = openSessions(core.projections.current.view)[0]!.id;
  const conn = new ProtocolClient((channel) => core.connect(channel));
  const preview = (sql: string) => conn.request({ method: 'previewSql', sessionId, sql, cursor: sql.length }) as Promise<Result<PreviewAnswer>>;
  return {
    preview,
    counts: () => ({ ...core.previews.counts }),
    async close() {
      conn.transport.drop();
      await core.close();
      dir.remove();
    },
  };
}

/** Raw DuckDB over the same file, the same sample (same clause, same seed) and the same LIMIT. */
async function raw() {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const sample = sampleClause({ name: 'flights_3m', qualified: '', rows: ROWS, sampleRows: PREVIEW_SAMPLE.sampleRows });
  await c.run(`CREATE VIEW flights_3m AS SELECT * FROM read_parquet(${literal(FLIGHTS)}) ${sample}`);
  return {
    async time(sql: string): Promise<number> {
      const t0 = performance.now();
      (await c.runAndReadAll(`SELECT * FROM (\n${sql}\n) LIMIT 100`)).getRowsJS();
      return performance.now() - t0;
    },
    close() {
      c.closeSync();
      instance.closeSync();
    },
  };
}

interface KeystrokeSamples {
  readonly s: number[];
  readonly b: number[];
  readonly benchS: number;
}

let keystrokes: Promise<KeystrokeSamples> | undefined;
/** One run of bursts feeds both lines (p50, p95). */
function measureKeystrokes(): Promise<KeystrokeSamples> {
  keystrokes ??= (async () => {
    const started = performance.now();
    const a = await app();
    const r = await raw();
    try {
      const { b, s } = await alternateSamples(
        BURSTS,
        () => r.time(GROUP_BY),
        async () => {
          const earlier: Promise<unknown>[] = [];
          for (let k = BURST; k > 0; k--) {
            earlier.push(a.preview(GROUP_BY.slice(0, GROUP_BY.length - k * 3)));
            await sleep(KEY_MS);
          }
          const t0 = performance.now();
          const last = await a.preview(GROUP_BY);
          const elapsed = performance.now() - t0;
          if (!last.ok || last.value.kind !== 'rows' || last.value.sample?.rows !== PREVIEW_SAMPLE.sampleRows) throw new Error(`no sampled preview: ${JSON.stringify(last)}`);
          await Promise.all(earlier);
          return elapsed;
        },
      );
      return { s, b, benchS: Math.round((performance.now() - started) / 1000) };
    } finally {
      r.close();
      await a.close();
    }
  })();
  return keystrokes;
}

function atPercentile(name: string, p: number, m: KeystrokeSamples): BenchResult {
  const base = fromSamples(name, 'ms', m.s, m.b, { bursts: BURSTS, requests_per_burst: BURST + 1, bench_s: m.benchS, median_ms: Math.round(median(m.s)) });
  const value = percentile(m.s, p);
  const baseline = percentile(m.b, p);
  return { ...base, value: Number(value.toPrecision(4)), baseline: Number(baseline.toPrecision(4)), ratio: Number((value / baseline).toPrecision(3)) };
}

/**
 * The storm: every request is a valid statement that runs longer than the 20 ms between two of
 * them (a group-by over tens of millions of generated rows, its size edited at each keystroke), so
 * each is still running when the next replaces it — the case cancelling is for.
 */
const stormSql = (i: number) => `SELECT i % 1000 AS k, count(*) AS n FROM range(${20_000_000 + i}) t(i) GROUP BY k ORDER BY k`;

async function typingStorm(): Promise<BenchResult> {
  const started = performance.now();
  const a = await app();
  const storm: number[] = [];
  const idle: number[] = [];
  const totals = { rows: 0, interrupted: 0, other: 0 };
  try {
    for (let round = 0; round < STORMS; round++) {
      const before = a.counts();
      const h = monitorEventLoopDelay({ resolution: 10 });
      h.enable();
      const t0 = performance.now();
      const calls: Promise<Result<PreviewAnswer>>[] = [];
      for (let i = 0; i < STORM; i++) {
        calls.push(a.preview(stormSql(i)));
        if (i < STORM - 1) await sleep(KEY_MS);
      }
      const results = await Promise.all(calls);
      const duration = performance.now() - t0;
      h.disable();
      storm.push(h.percentile(99) / 1e6);
      const rows = results.filter((r) => r.ok && r.value.kind === 'rows').length;
      const interrupted = results.filter((r) => !r.ok && r.error.code === 'INTERRUPTED').length;
      const last = results.at(-1);
      if (rows !== 1 || interrupted !== STORM - 1 || !last?.ok) throw new Error(`storm ${round}: ${rows} previews answered, ${interrupted} interrupted; expected 1 and ${STORM - 1}, the last answered`);
      const after = a.counts();
      if (after.answered - before.answered !== 1 || after.interrupted - before.interrupted !== STORM - 1) throw new Error(`storm ${round}: the service counted ${JSON.stringify(after)} from ${JSON.stringify(before)}`);
      totals.rows += rows;
      totals.interrupted += interrupted;
      totals.other += results.length - rows - interrupted;
      // The idle baseline: the same process, the same length of time, nothing asked.
      const hi = monitorEventLoopDelay({ resolution: 10 });
      hi.enable();
      await sleep(duration);
      hi.disable();
      idle.push(hi.percentile(99) / 1e6);
    }
  } finally {
    await a.close();
  }
  return fromSamples('instant.typing_storm', 'ms', storm, idle, {
    requests: STORMS * STORM,
    answered: totals.rows,
    interrupted: totals.interrupted,
    other: totals.other,
    bench_s: Math.round((performance.now() - started) / 1000),
  });
}

export const benches: Bench[] = [
  {
    name: 'instant.keystroke_to_preview_p50',
    what: `median time from the last request of a burst (${BURST + 1} requests ${KEY_MS} ms apart, the UI's 150 ms debounce excluded) to the preview's rows at the client, for a group-by over flights-3m (previewed on its 100,000-row sample), vs raw DuckDB running the same preview SQL on the same sample with the same LIMIT`,
    goal: 1.5,
    run: async () => atPercentile('instant.keystroke_to_preview_p50', 50, await measureKeystrokes()),
  },
  {
    name: 'instant.keystroke_to_preview_p95',
    what: 'the same samples as instant.keystroke_to_preview_p50, at their 95th percentile (each side its own)',
    goal: 2,
    run: async () => atPercentile('instant.keystroke_to_preview_p95', 95, await measureKeystrokes()),
  },
  {
    name: 'instant.typing_storm',
    what: `${STORM} preview requests ${KEY_MS} ms apart, each still running when the next arrives: exactly one answers, the other ${STORM - 1} are interrupted (asserted, counts in the notes); main's event-loop delay p99 (monitorEventLoopDelay) during the storm vs while idle for as long`,
    goal: 2,
    run: typingStorm,
  },
];
