/**
 * Query engine benchmarks at scale: memory kept while a 3M-row result is produced, and a generated
 * 10M-row CSV. Each side of the memory figures runs in a fresh process; the CSV's in turn, in one.
 */
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../test/support/testCore';
import { fromMeasurement, type Bench } from './harness';
import { appWithFlights, rawConnection } from './query.bench';

const MEMORY_SAMPLES = 5;

export const benches: Bench[] = [
  ...fromMeasurement(memory3m, 'MB', [
    {
      name: 'query.memory_3m',
      what: "main-process RSS growth while the 3M-row result is produced, kept and paged vs raw DuckDB writing the same result to a table in a file and paging it as text (each side in its own process)",
      goal: 1.5,
      sides: (m) => ({ subject: m.app, baseline: m.raw }),
    },
    {
      name: 'query.memory_3m_vs_js_rows',
      what: 'the same RSS growth vs raw node-api materializing the 3M rows as JS values: what keeping rows out of JS saves (a size ratio)',
      sides: (m) => ({ subject: m.app, baseline: m.jsRows }),
    },
  ]),
  ...fromMeasurement(csv10m, 'ms', [
    {
      name: 'query.csv_10m_first_page',
      what: "generated 10M-row, ~1.2 GB CSV: first page at the client vs raw DuckDB's first chunk",
      sides: (f) => ({ subject: f.app.firstPage, baseline: f.raw.firstPage, notes: { rows: f.rows, bytes: f.bytes } }),
    },
    {
      name: 'query.csv_10m_complete',
      what: "same file: every row stored and `QueryCompleted` at the client vs raw DuckDB's `CREATE TABLE … AS` of the same SQL in a database file",
      sides: (f) => ({ subject: f.app.complete, baseline: f.raw.complete, notes: { rows: f.rows, bytes: f.bytes } }),
    },
  ]),
];

let memoryFigures: Promise<Record<'raw' | 'jsRows' | 'app', number[]>> | undefined;

/** Both memory benchmarks share the app's samples: raw, JS rows and app in turn, each in a fresh process. */
function memory3m(): Promise<Record<'raw' | 'jsRows' | 'app', number[]>> {
  memoryFigures ??= (async () => {
    const m = { raw: [] as number[], jsRows: [] as number[], app: [] as number[] };
    for (let i = 0; i < MEMORY_SAMPLES; i++) {
      m.raw.push(await memoryProbe('raw'));
      m.jsRows.push(await memoryProbe('js-rows'));
      m.app.push(await memoryProbe('app'));
    }
    return m;
  })();
  return memoryFigures;
}

/** Runs bench/queryMemoryProbe.ts in a fresh process; it prints the RSS growth in MB. */
function memoryProbe(side: 'raw' | 'js-rows' | 'app'): Promise<number> {
  const script = fileURLToPath(new URL('./queryMemoryProbe.ts', import.meta.url));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', script, side], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? done(Number(out.trim().split('\n').at(-1))) : fail(new Error(`memory probe ${side} exited ${code}`))));
  });
}

interface Csv10m {
  rows: number;
  bytes: number;
  raw: { firstPage: number[]; complete: number[] };
  app: { firstPage: number[]; complete: number[] };
}
let csvFigures: Promise<Csv10m> | undefined;

const CSV_SAMPLES = 5;

/** A generated 10-million-row CSV (about 1 GB): first page and completion, five interleaved runs each side. */
function csv10m(): Promise<Csv10m> {
  csvFigures ??= (async () => {
    const dir = tempDir('sextant-bench-csv-');
    const path = `${dir.path}/big.csv`;
    const gen = await rawConnection();
    await gen.c.run(`COPY (
      SELECT range AS id, md5(range::VARCHAR) AS hash, (range % 1000) / 7.0 AS amount,
             TIMESTAMP '2020-01-01' + to_seconds(range) AS at, 'category_' || (range % 37) AS category,
             md5((range * 31)::VARCHAR) AS note
      FROM range(10000000)) TO '${path}' (HEADER)`);
    gen.close();
    const bytes = statSync(path).size;
    // Both sides read the file from the page cache: read it once before either is timed.
    await finished(createReadStream(path).resume());
    const sql = `select * from read_csv('${path}')`;
    const r = await rawConnection(`${dir.path}/raw.duckdb`);
    const app = await appWithFlights();
    const figures: Csv10m = { rows: 10_000_000, bytes, raw: { firstPage: [], complete: [] }, app: { firstPage: [], complete: [] } };
    for (let i = 0; i < CSV_SAMPLES; i++) {
      // Raw first page: DuckDB's first chunk, the stream then dropped (the next statement on the
      // connection ends it). Raw complete: the same rows
      // written to a table, which is what the app does with them.
      let t = performance.now();
      const stream = await r.c.stream(sql);
      (await stream.fetchChunk())?.getRows();
      figures.raw.firstPage.push(performance.now() - t);
      t = performance.now();
      // A new table each time, as the app keeps each run's result in a table of its own.
      await r.c.run(`CREATE TABLE t${i} AS ${sql}`);
      figures.raw.complete.push(performance.now() - t);

      t = performance.now();
      const queryId = await app.client.start(sql);
      await app.client.firstPage(queryId);
      figures.app.firstPage.push(performance.now() - t);
      await app.client.ended(queryId);
      figures.app.complete.push(performance.now() - t);
    }
    r.close();
    await app.close();
    dir.remove();
    return figures;
  })();
  return csvFigures;
}
