/**
 * Query engine benchmarks. "At the client" means through the wire protocol over an in-process
 * transport (JSON text both ways, zod-validated in main, acknowledged frames): what every transport does.
 * Baselines are raw @duckdb/node-api doing the same work in the same run, on the same machine.
 */
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Frame } from '../src/shared/contracts/frames';
import type { Page } from '../src/shared/contracts/protocol';
import { openSessions } from '../src/shared/views/appView';
import { ProtocolClient } from '../test/support/protocolClient';
import { startTestCore, tempDir, type TestCore } from '../test/support/testCore';
import { alternateSamples, median, percentile, result, type Bench } from './harness';

export const FLIGHTS = resolve('node_modules/vega-datasets/data/flights-3m.parquet');
const GROUP_BY = 'select origin, count(*) as n, avg(delay) as avg_delay from flights_3m group by origin order by n desc';
const SELECT_ALL = 'select * from flights_3m';
const LONG_SQL = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';
const raw = (sql: string): string => sql.replace('flights_3m', `read_parquet('${FLIGHTS}')`);

/** The app on a temp data dir with flights_3m registered, and one client connection to it. */
async function appWithFlights(options: Parameters<typeof startTestCore>[1] = {}) {
  const dir = tempDir('sextant-bench-');
  const core = await startTestCore(dir.path, { samples: [FLIGHTS], memoryLimit: undefined, ...options });
  await core.catalog.idle();
  // The wire protocol over an in-process transport: JSON text both ways, acks, flow control.
  const conn = new ProtocolClient((channel) => core.connect(channel));
  const sessionId = openSessions(core.projections.current.view)[0]!.id;
  await conn.request({ method: 'subscribe', subscriptionId: 's', pattern: `session/${sessionId}` });
  const client = new BenchClient(core, conn, sessionId);
  return {
    core,
    client,
    async close() {
      conn.transport.drop();
      await core.close();
      dir.remove();
    },
  };
}

class BenchClient {
  constructor(
    readonly core: TestCore,
    private readonly conn: ProtocolClient,
    readonly sessionId: string,
  ) {}

  private get frames(): Frame[] {
    return this.conn.frames;
  }

  private get listeners(): Set<() => void> {
    return this.conn.frameListeners;
  }

  async request<T>(request: unknown): Promise<T> {
    const r = (await this.conn.request(request)) as { ok: boolean; value: T; error?: { message: string } };
    if (!r.ok) throw new Error(r.error?.message);
    return r.value;
  }

  async start(sql: string): Promise<string> {
    const ack = await this.request<{ queryId: string }>({ method: 'dispatch', command: { type: 'StartQuery', sessionId: this.sessionId, sql } });
    return ack.queryId;
  }

  page(queryId: string, offset: number, limit: number): Promise<Page> {
    return this.request<Page>({ method: 'fetchPage', queryId, offset, limit });
  }

  /** The first page with rows, fetched when a progress frame says rows are ready (as the grid does), or once the query ended. */
  async firstPage(queryId: string): Promise<Page> {
    const ready = (f: Frame): boolean =>
      (f.kind === 'progress' && f.progress.kind === 'query' && f.progress.queryId === queryId && (f.progress.rowsAvailable ?? 0) > 0) ||
      (f.kind === 'event' && (f.event.type === 'QueryCompleted' || f.event.type === 'QueryFailed' || f.event.type === 'QueryCancelled') && f.event.payload.queryId === queryId);
    await new Promise<void>((done) => {
      const check = (): void => {
        if (!this.frames.some(ready)) return;
        this.listeners.delete(check);
        done();
      };
      this.listeners.add(check);
      check();
    });
    return this.page(queryId, 0, 100);
  }

  /** Resolves when an event frame matching `pick` reaches the client. */
  event(pick: (f: Frame) => boolean): Promise<void> {
    return new Promise((done) => {
      const check = (): void => {
        if (this.frames.some(pick)) {
          this.listeners.delete(check);
          this.frames.length = 0;
          done();
        }
      };
      this.listeners.add(check);
      check();
    });
  }

  ended(queryId: string): Promise<void> {
    return this.event(
      (f) => f.kind === 'event' && (f.event.type === 'QueryCompleted' || f.event.type === 'QueryFailed' || f.event.type === 'QueryCancelled') && f.event.payload.queryId === queryId,
    );
  }

  /** Cancels what runs and waits until DuckDB has really stopped, so the next sample runs alone. */
  async stopRunning(): Promise<void> {
    await this.request({ method: 'dispatch', command: { type: 'CancelQuery', sessionId: this.sessionId } }).catch(() => undefined);
    const running = (this.core.runner as unknown as { running: Map<string, unknown> }).running;
    while (running.size > 0) await new Promise((r) => setTimeout(r, 5));
  }
}

async function rawConnection(path = ':memory:'): Promise<{ c: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  return {
    c,
    close: () => {
      c.closeSync();
      instance.closeSync();
    },
  };
}


const time = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

export const benches: Bench[] = [
  {
    name: 'query.first_page_groupby',
    async run() {
      const app = await appWithFlights();
      const r = await rawConnection();
      const { b, s } = await alternateSamples(
        15,
        () => time(async () => (await r.c.runAndReadAll(raw(GROUP_BY))).getRowsJS()),
        async () => {
          const t = performance.now();
          const queryId = await app.client.start(GROUP_BY);
          await app.client.firstPage(queryId);
          const elapsed = performance.now() - t;
          await app.client.ended(queryId);
          return elapsed;
        },
      );
      r.close();
      await app.close();
      return result('query.first_page_groupby', 'ms', median(s), median(b));
    },
  },
  {
    name: 'query.first_page_3m',
    async run() {
      const app = await appWithFlights();
      const r = await rawConnection();
      const { b, s } = await alternateSamples(
        10,
        () =>
          time(async () => {
            const stream = await r.c.stream(raw(SELECT_ALL));
            (await stream.fetchChunk())?.getRows();
          }),
        async () => {
          const t = performance.now();
          const queryId = await app.client.start(SELECT_ALL);
          await app.client.firstPage(queryId);
          const elapsed = performance.now() - t;
          await app.client.stopRunning();
          return elapsed;
        },
      );
      r.close();
      await app.close();
      return result('query.first_page_3m', 'ms', median(s), median(b));
    },
  },
  {
    name: 'query.page_fetch_p99',
    async run() {
      const app = await appWithFlights();
      const dir = tempDir('sextant-bench-raw-');
      const r = await rawConnection(`${dir.path}/raw.duckdb`);
      await r.c.run(`CREATE TABLE t AS ${raw(SELECT_ALL)}`);
      const queryId = await app.client.start(SELECT_ALL);
      await app.client.ended(queryId);
      const offsets = Array.from({ length: 300 }, () => Math.floor(Math.random() * (3_000_000 - 100)));
      let i = 0;
      const { b, s } = await alternateSamples(
        300,
        () => time(async () => (await r.c.runAndReadAll(`SELECT * FROM t LIMIT 100 OFFSET ${offsets[i % offsets.length]}`)).getRowsJS()),
        () => time(() => app.client.page(queryId, offsets[i++ % offsets.length]!, 100)),
        10,
      );
      r.close();
      dir.remove();
      await app.close();
      return result('query.page_fetch_p99', 'ms', percentile(s, 99), percentile(b, 99), { p50: median(s), baseline_p50: median(b) });
    },
  },
  {
    name: 'query.cancel',
    async run() {
      const app = await appWithFlights();
      const r = await rawConnection();
      const { b, s } = await alternateSamples(
        10,
        async () => {
          const running = r.c.run(LONG_SQL).then(
            () => undefined,
            () => undefined,
          );
          await new Promise((done) => setTimeout(done, 100));
          return time(async () => {
            r.c.interrupt();
            await running;
          });
        },
        async () => {
          const queryId = await app.client.start(LONG_SQL);
          await app.client.event((f) => f.kind === 'event' && f.event.type === 'ExecutionBegan' && f.event.payload.queryId === queryId);
          await new Promise((done) => setTimeout(done, 100));
          const elapsed = await time(async () => {
            await app.client.request({ method: 'dispatch', command: { type: 'CancelQuery', sessionId: app.client.sessionId } });
            await app.client.event((f) => f.kind === 'event' && f.event.type === 'QueryCancelled');
          });
          await app.client.stopRunning();
          return elapsed;
        },
      );
      r.close();
      await app.close();
      return result('query.cancel', 'ms', median(s), median(b));
    },
  },
  {
    name: 'query.memory_3m',
    async run() {
      // Each side in its own process, so neither's memory is counted for the other.
      const baseline = await memoryProbe('raw');
      const value = await memoryProbe('app');
      return result('query.memory_3m', 'MB', value, baseline);
    },
  },
  {
    name: 'query.csv_10m_first_page',
    async run() {
      const f = await csv10m();
      return result('query.csv_10m_first_page', 'ms', f.app.firstPage, f.raw.firstPage, { rows: f.rows, bytes: f.bytes });
    },
  },
  {
    name: 'query.csv_10m_complete',
    async run() {
      const f = await csv10m();
      return result('query.csv_10m_complete', 'ms', f.app.complete, f.raw.complete, { rows: f.rows, bytes: f.bytes });
    },
  },
];

/** Runs bench/queryMemoryProbe.ts in a fresh process; it prints the RSS growth in MB. */
function memoryProbe(side: 'raw' | 'app'): Promise<number> {
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
  raw: { firstPage: number; complete: number };
  app: { firstPage: number; complete: number };
}
let csvFigures: Promise<Csv10m> | undefined;

/** A generated 10-million-row CSV (about 1 GB): first page and completion, once each side. */
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
    const t0 = performance.now();
    const stream = await r.c.stream(sql);
    (await stream.fetchChunk())?.getRows();
    const rawFirst = performance.now() - t0;
    while (((await stream.fetchChunk())?.rowCount ?? 0) > 0);
    const rawComplete = performance.now() - t0;
    r.close();
    const app = await appWithFlights();
    const t1 = performance.now();
    const queryId = await app.client.start(sql);
    await app.client.firstPage(queryId);
    const appFirst = performance.now() - t1;
    await app.client.ended(queryId);
    const appComplete = performance.now() - t1;
    await app.close();
    dir.remove();
    return { rows: 10_000_000, bytes, raw: { firstPage: rawFirst, complete: rawComplete }, app: { firstPage: appFirst, complete: appComplete } };
  })();
  return csvFigures;
}
