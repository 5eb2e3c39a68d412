/**
 * Query engine benchmarks. "At the client" means through the wire protocol over an in-process
 * transport (JSON text both ways, zod-validated in main, acknowledged frames): what every transport does.
 * Baselines are raw @duckdb/node-api doing the same work in the same run, on the same machine.
 */
import { resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Frame } from '../src/shared/contracts/frames';
import type { Page } from '../src/shared/contracts/protocol';
import { openSessions } from '../src/shared/views/appView';
import { ProtocolClient } from '../test/support/protocolClient';
import { startTestCore, tempDir, type TestCore } from '../test/support/testCore';
import { alternateSamples, fromSamples, median, percentilePerRound, type Bench } from './harness';

export const FLIGHTS = resolve('node_modules/vega-datasets/data/flights-3m.parquet');
const GROUP_BY = 'select origin, count(*) as n, avg(delay) as avg_delay from flights_3m group by origin order by n desc';
const SELECT_ALL = 'select * from flights_3m';
/** 19,497 rows (origin × destination × month): a result big enough that writing it is part of the time. */
const HEAVY_GROUP_BY =
  'select origin, destination, month(date) as month, count(*) as flights, avg(delay) as avg_delay, max(distance) as distance from flights_3m group by origin, destination, month order by flights desc';
const raw = (sql: string): string => sql.replace('flights_3m', `read_parquet('${FLIGHTS}')`);

/** The app on a temp data dir with flights_3m registered, and one client connection to it. */
export async function appWithFlights(options: Parameters<typeof startTestCore>[1] = {}) {
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

  /**
   * Whether the runner still has a query on the DuckDB worker: it forgets a run only when the worker
   * reports that DuckDB has returned from it. (Reads the runner's private map: no API says this.)
   */
  duckdbBusy(): boolean {
    const running = (this.core.runner as unknown as { running?: Map<string, unknown> }).running;
    if (!(running instanceof Map)) throw new Error('QueryRunner no longer has its `running` map: teach BenchClient.duckdbBusy how to tell that DuckDB has stopped');
    return running.size > 0;
  }

  /** Cancels what runs and waits until DuckDB has really stopped, so the next sample runs alone. */
  async stopRunning(): Promise<void> {
    await this.request({ method: 'dispatch', command: { type: 'CancelQuery', sessionId: this.sessionId } }).catch(() => undefined);
    while (this.duckdbBusy()) await new Promise((r) => setTimeout(r, 5));
  }
}

export async function rawConnection(path = ':memory:'): Promise<{ c: DuckDBConnection; close(): void }> {
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


export const time = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};


export const benches: Bench[] = [
  {
    name: 'query.first_page_groupby',
    what: '`StartQuery` → first page at the client for a group-by over flights-3m.parquet vs raw DuckDB running the same SQL',
    goal: 1.2,
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
      return fromSamples('query.first_page_groupby', 'ms', s, b);
    },
  },
  {
    name: 'query.complete_groupby',
    what: `\`StartQuery\` → \`QueryCompleted\` at the client for a heavy group-by over flights-3m (19,497 rows) vs raw DuckDB's \`CREATE TABLE … AS\` of the same SQL in a database file`,
    goal: 1.2,
    async run() {
      const app = await appWithFlights();
      const dir = tempDir('sextant-bench-raw-');
      const r = await rawConnection(`${dir.path}/raw.duckdb`);
      let n = 0;
      const { b, s } = await alternateSamples(
        15,
        // A new table each run, as the app keeps each run's result in a table of its own.
        () => time(() => r.c.run(`CREATE TABLE t${++n} AS ${raw(HEAVY_GROUP_BY)}`)),
        async () => {
          const t = performance.now();
          const queryId = await app.client.start(HEAVY_GROUP_BY);
          await app.client.ended(queryId);
          return performance.now() - t;
        },
      );
      const rows = (await r.c.runAndReadAll(`SELECT count(*) FROM t${n}`)).getRowsJS()[0]?.[0];
      r.close();
      dir.remove();
      await app.close();
      return fromSamples('query.complete_groupby', 'ms', s, b, { rows: String(rows) });
    },
  },
  {
    name: 'query.first_page_3m',
    what: '`select *` over flights-3m.parquet → first 100 rows at the client vs raw DuckDB streaming its first chunk',
    goal: 2,
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
      return fromSamples('query.first_page_3m', 'ms', s, b);
    },
  },
  {
    name: 'query.page_fetch_p99',
    what: "p99 of 100-row pages at random offsets of the 3M-row result at the client vs raw DuckDB reading the same rows as text by rowid range from a table of the same result (the app's own read)",
    goal: 1.3,
    async run() {
      const app = await appWithFlights();
      const dir = tempDir('sextant-bench-raw-');
      const r = await rawConnection(`${dir.path}/raw.duckdb`);
      await r.c.run(`CREATE TABLE t AS ${raw(SELECT_ALL)}`);
      const columns = (await r.c.runAndReadAll('SELECT * FROM t LIMIT 0')).columnNames();
      const asText = columns.map((c) => `"${c}"::VARCHAR`).join(', ');
      const queryId = await app.client.start(SELECT_ALL);
      await app.client.ended(queryId);
      const rounds = 9;
      const offsets = Array.from({ length: 100 * rounds }, () => Math.floor(Math.random() * (3_000_000 - 100)));
      let i = 0;
      let j = 0;
      // Both sides read the same page: the baseline first, then the app, offset by offset.
      const { b, s } = await alternateSamples(
        offsets.length,
        () =>
          time(async () => {
            const k = offsets[j++ % offsets.length]!;
            (await r.c.runAndReadAll(`SELECT ${asText} FROM t WHERE rowid >= ${k} AND rowid < ${k + 100} ORDER BY rowid`)).getColumnsJS();
          }),
        () => time(() => app.client.page(queryId, offsets[i++ % offsets.length]!, 100)),
        10,
      );
      r.close();
      dir.remove();
      await app.close();
      // p99 of each round of 100 pages: nine tail figures, so the median comes with a spread.
      return fromSamples('query.page_fetch_p99', 'ms', percentilePerRound(s, rounds, 99), percentilePerRound(b, rounds, 99), {
        p50: median(s).toFixed(2),
        baseline_p50: median(b).toFixed(2),
      });
    },
  },
];
