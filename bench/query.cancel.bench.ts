/**
 * A person's cancel of a running query, at the client (the wire protocol over an in-process
 * transport, as in query.bench.ts), measured to both ends of the app's contract: DuckDB has stopped,
 * and `QueryCancelled` is stored durably and at the client (what shows "Cancelled"). A raw program
 * giving the same guarantee interrupts DuckDB and records the cancel durably: that is the baseline.
 * Every side runs the query as the app's worker does, prepared and streamed (`streamAll`).
 * A bare `interrupt()`, which records nothing, is kept under its own name, without a goal, and so
 * is the raw program laid out as the app must be, DuckDB on a worker thread of its own: how much of
 * the ratio is that thread hop rather than the app's own code.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fromMeasurement, type Bench } from './harness';
import { appWithFlights, FLIGHTS, rawConnection, time } from './query.bench';
import { rawDurableAppend, rawEventLog } from './rawEventLog';
import type { RawCancelMessage } from './rawCancelThread';
import { streamAll } from './rawStream';

const SAMPLES = 20;
const WARMUP = 2;
/**
 * What a cancel interrupts: runs for hours, on every core. (A `count(*)` over `range()` alone ran on
 * one core or on two, changing from run to run: a scan of the Parquet file is split among DuckDB's
 * threads every time.)
 */
const BUSY_SQL = 'select count(*) from flights_3m f, range(100000) r where (f.delay + r.range) % 7 = 3';
/** The same for raw DuckDB, which reads the file the app's `flights_3m` names. */
const RAW_BUSY_SQL = BUSY_SQL.replace('flights_3m', `read_parquet('${FLIGHTS}')`);
/** How long a query runs before it is cancelled: long enough that DuckDB is busy on every core. */
const RUNNING_MS = 100;

interface CancelFigures {
  /** The app: CancelQuery dispatched → QueryCancelled at the client and DuckDB returned. */
  readonly app: number[];
  /** Raw: interrupt(), a durable one-row insert of the cancel, the rejected promise. */
  readonly durable: number[];
  /** Raw: interrupt() → the rejected promise, nothing recorded. */
  readonly interruptOnly: number[];
  /** Raw with DuckDB on a worker thread: `cancel` posted to it, the durable insert, its word that DuckDB stopped. */
  readonly durableOnWorker: number[];
}

/** A raw DuckDB on a worker thread of its own (rawCancelThread.ts), and a way to wait for its next word. */
async function rawOnWorker() {
  const worker = new Worker(new URL('./rawCancelWorker.mjs', import.meta.url));
  const next = (type: string): Promise<void> =>
    new Promise((done) => {
      const hear = (m: { type: string }): void => {
        if (m.type !== type) return;
        worker.off('message', hear);
        done();
      };
      worker.on('message', hear);
    });
  await next('ready');
  return {
    next,
    post: (message: RawCancelMessage) => worker.postMessage(message),
    close: () => worker.postMessage({ type: 'close' }),
  };
}

let figures: Promise<CancelFigures> | undefined;

const running = () => new Promise((done) => setTimeout(done, RUNNING_MS));

/** Both benchmarks share one run: bare interrupt, durable raw cancel and the app in turn, sample by sample. */
function cancelFigures(): Promise<CancelFigures> {
  figures ??= (async () => {
    const app = await appWithFlights();
    const r = await rawConnection();
    const w = await rawOnWorker();
    // Beside the app's store, on the same file system, with the store's pragmas (WAL, synchronous = FULL, exclusive).
    const log = rawEventLog(join(app.core.dataDir, 'raw-cancels.sqlite'), { exclusive: true });
    const append = rawDurableAppend(log);
    let n = 0;

    const rawCancel = async (record: boolean): Promise<number> => {
      const run = streamAll(r.c, RAW_BUSY_SQL).then(
        () => undefined,
        () => undefined,
      );
      await running();
      return time(async () => {
        r.c.interrupt();
        if (record) append('QueryCancelled', { queryId: `raw-${n++}`, reason: 'cancelled by user' });
        await run;
      });
    };
    // The same, with DuckDB on a worker thread: the interrupt is posted, as the app's is.
    const workerCancel = async (): Promise<number> => {
      const began = w.next('began');
      w.post({ type: 'run', sql: RAW_BUSY_SQL });
      await began;
      await running();
      return time(async () => {
        const stopped = w.next('stopped');
        w.post({ type: 'cancel' });
        append('QueryCancelled', { queryId: `raw-${n++}`, reason: 'cancelled by user' });
        await stopped;
      });
    };
    const appCancel = async (): Promise<number> => {
      const queryId = await app.client.start(BUSY_SQL);
      await app.client.event((f) => f.kind === 'event' && f.event.type === 'ExecutionBegan' && f.event.payload.queryId === queryId);
      await running();
      // Both ends of the contract: the person sees 'Cancelled' and DuckDB has stopped.
      const elapsed = await time(async () => {
        const cancelled = app.client.event((f) => f.kind === 'event' && f.event.type === 'QueryCancelled' && f.event.payload.queryId === queryId);
        await app.client.request({ method: 'dispatch', command: { type: 'CancelQuery', sessionId: app.client.sessionId } });
        await Promise.all([cancelled, app.core.runner.whenStopped(queryId)]);
      });
      await app.client.stopRunning();
      return elapsed;
    };

    const out = { app: [] as number[], durable: [] as number[], interruptOnly: [] as number[], durableOnWorker: [] as number[] };
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      const interruptOnly = await rawCancel(false);
      const durable = await rawCancel(true);
      const onWorker = await workerCancel();
      const inApp = await appCancel();
      if (i < WARMUP) continue;
      out.interruptOnly.push(interruptOnly);
      out.durable.push(durable);
      out.durableOnWorker.push(onWorker);
      out.app.push(inApp);
    }
    log.close();
    r.close();
    w.close();
    await app.close();
    return out;
  })();
  return figures;
}

export const benches: Bench[] = fromMeasurement(cancelFigures, 'ms', [
  {
    name: 'query.cancel',
    what: "a person's cancel of a running query → DuckDB has stopped and `QueryCancelled` is stored (fsynced) and at the client vs a raw program doing the same (the statement streamed as the app's worker streams it, DuckDB on both cores): `interrupt()`, a durable better-sqlite3 insert of the cancel (WAL, `synchronous = FULL`, beside the app's store), then DuckDB's rejected promise",
    goal: 2,
    sides: (f) => ({ subject: f.app, baseline: f.durable }),
  },
  {
    name: 'query.cancel_interrupt_only',
    what: 'the same cancel in the app vs a bare raw `interrupt()` → DuckDB’s rejected promise, recording nothing: how far the app is from an interrupt alone',
    sides: (f) => ({ subject: f.app, baseline: f.interruptOnly }),
  },
  {
    name: 'query.cancel_raw_on_worker',
    what: 'the same cancel in the app vs the raw durable cancel laid out as the app must be: DuckDB on a worker thread of its own, `interrupt()` posted to it, the durable insert on main, then the thread’s word that DuckDB’s promise settled: its baseline over `query.cancel`’s is what the thread hop alone costs',
    sides: (f) => ({ subject: f.app, baseline: f.durableOnWorker }),
  },
]);
