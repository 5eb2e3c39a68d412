/**
 * Column profile benchmarks (docs/explore.md). A generated 100-column × 3M-row Parquet file (mixed
 * types), written once per run by raw DuckDB. "At the client" is the wire protocol over an
 * in-process transport, as in query.bench.ts. The baseline is raw @duckdb/node-api running the same
 * profile query (same statistics, same 1M-row reservoir sample with the same seed) in one query.
 * Profiles are cached per dataset, so each app sample profiles a dataset of its own (a symlink to
 * the same file under another name): every sample computes, none is answered from the cache.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ProfileAnswer } from '../src/shared/explore/columnProfile';
import { PROFILE_BATCH_COLUMNS } from '../src/shared/explore/columnProfile';
import { profileSql, sampleFor, summarizeSql, type ProfileColumn } from '../src/main/explore/profileSql';
import { literal } from '../src/main/query/sql';
import { ProtocolClient } from '../test/support/protocolClient';
import { startTestCore, tempDir } from '../test/support/testCore';
import { alternateSamples, fromSamples, median, type Bench } from './harness';

const COLUMNS = 100;
const ROWS = 3_000_000;
const SAMPLES = 5;

/**
 * Column k of the generated table: integers (with NULLs), doubles, text of 1,000 values, dates,
 * booleans. Cheap expressions (text is one column in ten): writing 300M values is most of a run.
 */
function columnSql(k: number): string {
  switch (k % 10) {
    case 0:
    case 5:
      return `CASE WHEN i % 17 = 0 THEN NULL ELSE (i * ${k + 7}) % 100003 END::INTEGER AS c${k}`;
    case 1:
    case 6:
      return `((i * ${k}) % 10007) / 7.0 AS c${k}`;
    case 2:
      return `((i * ${k}) % 1000)::VARCHAR AS c${k}`;
    case 3:
    case 8:
      return `DATE '2000-01-01' + ((i * ${k}) % 9000)::INTEGER AS c${k}`;
    case 4:
      return `(i * ${k}) % 3 = 0 AS c${k}`;
    default:
      return `(i * ${k}) % 1000003 AS c${k}`;
  }
}

interface Table {
  readonly dir: ReturnType<typeof tempDir>;
  readonly file: string;
  readonly columns: readonly ProfileColumn[];
  readonly generatedMs: number;
}

let generated: Promise<Table> | undefined;
/** The table, written once per run, whichever benchmark asks first. */
function table(): Promise<Table> {
  generated ??= (async () => {
    const dir = tempDir('sextant-bench-profile-');
    const file = join(dir.path, 'wide.parquet');
    const t = performance.now();
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    const select = Array.from({ length: COLUMNS }, (_, k) => columnSql(k)).join(', ');
    await c.run(`COPY (SELECT ${select} FROM range(${ROWS}) t(i)) TO ${literal(file)} (FORMAT parquet)`);
    const described = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${literal(file)})`)).getRowObjectsJS();
    c.closeSync();
    instance.closeSync();
    const columns = described.map((r) => ({ name: String(r['column_name']), type: String(r['column_type']), ref: String(r['column_name']) }));
    return { dir, file, columns, generatedMs: performance.now() - t };
  })();
  return generated;
}

/** The app with `copies` datasets over the table (<tag>_0, <tag>_1, …), and a client on the wire protocol. */
async function appWithCopies(t: Table, copies: number, tag: string) {
  const sources = Array.from({ length: copies }, (_, i) => {
    const link = join(t.dir.path, `${tag}_${i}.parquet`);
    symlinkSync(t.file, link);
    return link;
  });
  const dir = tempDir('sextant-bench-');
  const core = await startTestCore(dir.path, { samples: sources, memoryLimit: undefined });
  await core.catalog.idle();
  const ids = Object.values(core.projections.current.view.datasets)
    .sort((a, b) => a.requestedSeq - b.requestedSeq)
    .map((d) => d.id);
  if (ids.length !== copies) throw new Error(`expected ${copies} datasets, found ${ids.length}`);
  const conn = new ProtocolClient((channel) => core.connect(channel));
  let next = 0;
  return {
    /** Profiles `columns` of a dataset no sample used yet, over the wire; ms until the answer arrived. */
    async profile(columns: readonly number[]): Promise<number> {
      const datasetId = ids[next++];
      if (!datasetId) throw new Error('out of fresh datasets');
      const t0 = performance.now();
      const r = (await conn.request({ method: 'profileColumns', requestId: `bench-${next}`, target: { kind: 'dataset', datasetId }, columns: [...columns] })) as {
        ok: boolean;
        value: ProfileAnswer;
        error?: { message: string };
      };
      const elapsed = performance.now() - t0;
      if (!r.ok) throw new Error(r.error?.message);
      if (r.value.columns.length !== columns.length || r.value.sample?.of !== ROWS) throw new Error('an incomplete profile');
      return elapsed;
    },
    async close() {
      conn.transport.drop();
      await core.close();
      dir.remove();
    },
  };
}

async function rawConnection() {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  return {
    async time(sql: string): Promise<number> {
      const t0 = performance.now();
      (await c.runAndReadAll(sql)).getRowsJS();
      return performance.now() - t0;
    },
    close() {
      c.closeSync();
      instance.closeSync();
    },
  };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
/** The profile query raw DuckDB runs: the same statistics and the same sample as the app's, over the file itself. */
const rawProfile = (t: Table, n: number): string => profileSql({ relation: `read_parquet(${literal(t.file)})`, columns: t.columns.slice(0, n), ...(sampleFor(ROWS) ? { sample: sampleFor(ROWS)! } : {}) });

async function profileBench(name: string, columns: number, extra?: (t: Table, raw: Awaited<ReturnType<typeof rawConnection>>) => Promise<Record<string, number | string>>) {
  const started = performance.now();
  const t = await table();
  // No warm-up pair: a batch's samples take ten seconds a side and the full profile's most of a
  // minute, and the medians of five interleaved samples already absorb a cold first one (this keeps
  // the whole `npm run bench` under 25 minutes on a 2-core machine).
  const warmup = 0;
  const app = await appWithCopies(t, SAMPLES + warmup, name.replace('explore.', ''));
  const raw = await rawConnection();
  try {
    const sql = rawProfile(t, columns);
    const { b, s } = await alternateSamples(
      SAMPLES,
      () => raw.time(sql),
      () => app.profile(range(columns)),
      warmup,
    );
    const notes = { table: `${COLUMNS} columns × ${ROWS.toLocaleString('en-US')} rows`, generated_ms: Math.round(t.generatedMs), ...(await extra?.(t, raw)), bench_s: Math.round((performance.now() - started) / 1000) };
    return fromSamples(name, 'ms', s, b, notes);
  } finally {
    raw.close();
    await app.close();
  }
}

export const benches: Bench[] = [
  {
    name: 'explore.profile_first_batch',
    what: `the first ${PROFILE_BATCH_COLUMNS} columns' profile at the client for a generated 100-column × 3M-row Parquet file (a 1M-row sample) vs raw DuckDB computing the same statistics for those columns in one query`,
    goal: 1.3,
    run: () => profileBench('explore.profile_first_batch', PROFILE_BATCH_COLUMNS),
  },
  {
    name: 'explore.profile_100cols',
    what: 'the full profile (100 columns, five batched queries) at the client for the same table vs raw DuckDB computing the same statistics in one pass; SUMMARIZE of the table as an extra figure',
    goal: 1.3,
    run: () =>
      profileBench('explore.profile_100cols', COLUMNS, async (t, raw) => {
        const summarize = summarizeSql(`read_parquet(${literal(t.file)})`, t.columns);
        const times = [];
        // one run: a figure without a goal, and a minute of a 25-minute run at three
        for (let i = 0; i < 1; i++) times.push(await raw.time(summarize));
        return { summarize_ms: Math.round(median(times)) };
      }).finally(() => void generated?.then((tb) => tb.dir.remove())),
  },
];
