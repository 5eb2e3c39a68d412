/**
 * The DuckDB worker thread (one; main's side of it is QueryWorker). Every running query gets its own pair of connections (one runs the SQL,
 * one appends its rows to the result table), so several queries can run at once and a cancel
 * interrupts exactly one of them. Pages are read on a connection of their own, catalog work on
 * another, so neither waits for a long query. Rows stay here and in DuckDB; main only ever
 * receives a page of text at a time.
 */
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { DuckDBInstance } from '@duckdb/node-api';
import { toAppError, type AppError } from '../../shared/contracts/errors';
import { GRID_PAGE_ROWS } from '../../shared/contracts/limits';
import { interruptAllExports, interruptExport, runExportCopy } from '../explore/exportCopy.worker';
import { registerDataset, unregisterDataset } from '../catalog/readers.worker';
import { fingerprintSource } from '../catalog/fingerprint.worker';
import { verdictOf } from '../catalog/csvText.worker';
import { parseTree } from './parseTree.worker';
import { cancelProfile, interruptProfiles, runProfile } from '../explore/profileRunner.worker';
import { cancelChart, interruptCharts, runChart } from '../chart/chartRunner.worker';
import { cancelPreview, interruptPreviews, runPreview } from '../instant/previewRunner.worker';
import { explainHistoryRefusal, refuseHistoryWrites } from '../history/historyGuard.worker';
import { openHistoryStore } from '../history/historyStore.worker';
import { PREVIEW_SAMPLE } from '../instant/previewSample.worker';
import { runPivotHead } from '../pivot/pivotHead.worker';
import { readPage } from './pageReader.worker';
import { PreparedStatements } from './preparedStatements.worker';
import { explainDuckdbFailure } from './queryErrors.worker';
import { openDatabase, startFailure } from './damagedDatabase.worker';
import { interruptJob, jobSettled, startedJob, type InterruptibleJob } from './jobInterrupt.worker';
import { placeMetadataFirst } from './diskReserve.worker';
import { openRunSlot, runIntoTable, type RunSlot } from './resultWriter.worker';
import { saidOfStatement, StatementFailure } from './statementFailure.worker';
import { RESULTS_SCHEMA } from './sql';
import type { ReplyOf, WorkerConfig, WorkerReply, WorkerRequest } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('duckdb.worker must run in a worker thread');
const config = workerData as WorkerConfig;

const post = (reply: WorkerReply): void => port.postMessage(reply);

type JobRequest = Exclude<WorkerRequest, { type: 'cancel' | 'shutdown' | 'heartbeat' }>;

const ready = (async () => {
  // A damaged file is moved aside here and a fresh one opened: main logs what was moved where, at
  // once, so the line is there even if a later step of the start fails.
  const { instance, movedAside } = await openDatabase(config.dbPath, { ...config.duckdb });
  if (movedAside) post({ type: 'movedAside', moved: movedAside });
  const [reader, admin, views, counts] = await Promise.all([instance.connect(), instance.connect(), instance.connect(), instance.connect()]);
  await admin.run(`CREATE SCHEMA IF NOT EXISTS ${RESULTS_SCHEMA}`);
  // Before any result: where the file's metadata goes decides whether a failed result's space comes back.
  await placeMetadataFirst(admin, config.dbPath);
  // A view's first rows and its count come again with other values as a filter is typed.
  const reads = new PreparedStatements(admin);
  const countReads = new PreparedStatements(counts);
  // The read-only `sextant` schema of Sextant's own history, and the connection that guards it.
  const [history, guard] = await Promise.all([openHistoryStore(instance, config.dbPath), instance.connect()]);
  return { instance, reader, admin, views, counts, reads, countReads, history, guard };
})();
ready.then(
  () => post({ type: 'ready' }),
  (e: unknown) => {
    // Without a database this worker is useless: say why, then let main decide what to do.
    const error = toAppError(e, randomUUID(), 'WORKER_CRASHED');
    post({ type: 'fatal', error: { ...error, code: 'WORKER_CRASHED', message: startFailure(config.dbPath, error.message) } });
    process.exit(1);
  },
);

/** Idle run slots, reused: opening connections is cheap but not free. */
const idleSlots: RunSlot[] = [];
/** Slots of running jobs, so a cancel can interrupt the right connection (until it stops: jobInterrupt.worker.ts). */
const running = new Map<number, InterruptibleJob>();
/** Jobs whose cancel arrived; their DuckDB interruption is reported as INTERRUPTED. */
const cancelled = new Set<number>();

port.on('message', (request: WorkerRequest) => {
  switch (request.type) {
    case 'cancel':
      cancelled.add(request.jobId);
      interruptRun(request.jobId);
      interruptExport(request.jobId);
      return;
    case 'shutdown':
      return void shutdown(0);
    case 'heartbeat':
      // Answered right here, even while dying: what main watches is this loop, not DuckDB.
      return post({ type: 'heartbeat', beat: request.beat });
    default:
      break;
  }
  if (dying) {
    post({ type: 'failed', jobId: request.jobId, error: crash ?? { id: randomUUID(), code: 'WORKER_CRASHED', message: 'The query worker is stopping.' } });
    return;
  }
  void counted(handle(request)).then(
    (value) => {
      cancelled.delete(request.jobId);
      post({ type: 'done', jobId: request.jobId, value });
    },
    (e: unknown) => post({ type: 'failed', jobId: request.jobId, error: classify(e, request) }),
  );
});

/**
 * A worker must never exit while a DuckDB call is in flight: the call's completion would land in a
 * dead thread and abort the whole process. So any exit, clean or after a crash, first interrupts
 * what runs and waits (bounded) for every call to return.
 */
let dying = false;
let inFlight = 0;
const drained: (() => void)[] = [];
const SETTLE_LIMIT_MS = 10_000;

/** `work` counts as a DuckDB call in flight until it settles. */
function counted<T>(work: Promise<T>): Promise<T> {
  inFlight++;
  const settled = (): void => {
    inFlight--;
    if (inFlight === 0) for (const w of drained.splice(0)) w();
  };
  work.then(settled, settled);
  return work;
}

/**
 * Why this worker is dying after a crash, minted once: the `fatal` report, every job failed on the
 * way out and main's log line all carry this error and its id.
 */
let crash: AppError | undefined;

async function shutdown(code: number, error?: AppError): Promise<void> {
  if (dying) return;
  dying = true;
  crash = error;
  // Say so first, so main stops sending work here while this worker winds down.
  if (error) post({ type: 'fatal', error });
  // Marked as cancelled too: an interrupt that lands between two DuckDB calls would be lost.
  for (const jobId of running.keys()) {
    cancelled.add(jobId);
    interruptRun(jobId);
  }
  interruptAllExports();
  const c = await ready.catch(() => undefined);
  c?.reader.interrupt();
  c?.admin.interrupt();
  c?.views.interrupt();
  c?.counts.interrupt();
  interruptProfiles();
  interruptPreviews();
  interruptCharts();
  if (inFlight > 0) await Promise.race([new Promise<void>((r) => drained.push(r)), new Promise((r) => setTimeout(r, SETTLE_LIMIT_MS))]);
  process.exit(code);
}

process.on('uncaughtException', (e) => {
  const error = toAppError(e, randomUUID(), 'WORKER_CRASHED');
  void shutdown(1, { ...error, code: 'WORKER_CRASHED', message: `A query worker crashed: ${error.message}` });
});

async function handle(request: JobRequest): Promise<ReplyOf[keyof ReplyOf]> {
  const c = await ready;
  switch (request.type) {
    case 'run':
      await refuseHistoryWrites(c.guard, request.sql);
      return run(c.instance, request);
    case 'page':
      return readPage(c.reader, request.resultTable, request.columnCount, request.offset, request.limit);
    case 'register':
      return registerDataset(c.admin, request.spec);
    case 'unregister':
      await unregisterDataset(c.admin, request.spec);
      return null;
    case 'convertArrow': {
      // apache-arrow is loaded for the Arrow files that need it, not at every start (~0.2 s of CPU)
      const { convertArrowToParquet } = await import('../catalog/arrowImport.worker');
      return convertArrowToParquet(c.instance, request.source, request.target);
    }
    case 'exec':
      await c.admin.run(request.sql, request.params && [...request.params]);
      return null;
    case 'copyView':
      await c.views.run(request.sql, request.params && [...request.params]);
      return null;
    case 'viewCount': {
      const rows = (await c.countReads.readAll(request.sql, request.params)).getRows();
      return Number(rows[0]?.[0] ?? 0);
    }
    case 'read':
      return (await c.reads.readAll(request.sql, request.params)).getRowObjectsJS();
    case 'pivotHead':
      return runPivotHead(c.admin, request);
    case 'export':
      return runExportCopy(c.instance, request.jobId, request.sql, config.progressIntervalMs, {
        progress: (p) => post({ type: 'progress', jobId: request.jobId, ...p }),
        cancelled: () => cancelled.has(request.jobId),
      });
    case 'profile':
      return runProfile(c.instance, request.profileId, request.sql, request.params);
    case 'cancelProfile':
      cancelProfile(request.profileId);
      return null;
    case 'preview':
      return runPreview(c.instance, request.previewId, request.sql, request.cursor, PREVIEW_SAMPLE);
    case 'cancelPreview':
      cancelPreview(request.previewId);
      return null;
    case 'chart':
      return runChart(c.instance, request.chartId, request.sql, request.params);
    case 'cancelChart':
      cancelChart(request.chartId);
      return null;
    case 'fingerprint':
      return fingerprintSource(c.admin, request.target, { intervalMs: config.progressIntervalMs, report: (p) => post({ type: 'hashProgress', jobId: request.jobId, ...p }) });
    case 'textVerdict':
      return verdictOf(request.path);
    case 'parseTree':
      return parseTree(c.instance, request.sql);
    case 'history':
      return c.history.apply(request.batch);
  }
}

/**
 * Settles as soon as DuckDB has returned from the query: a failed or interrupted run is reported
 * before its partial result table is rolled back, so a cancel is not held up by the ROLLBACK. The
 * undo still runs on the slot's writer connection; the slot is reused, and the worker may exit,
 * only once it is done.
 */
async function run(instance: DuckDBInstance, { jobId, sql, resultTable, readsOnly }: Extract<WorkerRequest, { type: 'run' }>): Promise<ReplyOf['run']> {
  const slot = idleSlots.pop() ?? (await openRunSlot(instance));
  const job = startedJob(slot.query);
  running.set(jobId, job);
  post({ type: 'began', jobId });
  let stopped: (error: unknown) => void = () => undefined;
  const reported = new Promise<never>((_, reject) => (stopped = reject));
  const work = runIntoTable(slot, { sql, resultTable, ...(readsOnly ? { readsOnly } : {}) }, { ...config, headRows: GRID_PAGE_ROWS, dbFile: config.dbPath }, {
    progress: (p) => post({ type: 'progress', jobId, ...p }),
    columns: (columns) => post({ type: 'columns', jobId, columns }),
    head: (head) => post({ type: 'head', jobId, head }),
    rows: (rowsAvailable) => post({ type: 'rows', jobId, rowsAvailable }),
    cancelled: () => cancelled.has(jobId),
    stopped: (error) => stopped(error),
  });
  const release = (): void => {
    jobSettled(job);
    running.delete(jobId);
    // Each run starts from clean connections: one that may have left a transaction, a setting or a
    // TEMP object behind is closed (an open transaction rolls back), not handed to the next session.
    if (!slot.leftState) return void idleSlots.push(slot);
    slot.query.closeSync();
    slot.writer.closeSync();
  };
  void counted(work).then(release, release);
  return Promise.race([work, reported]);
}

function interruptRun(jobId: number): void {
  const job = running.get(jobId);
  if (job) interruptJob(job);
}

const FALLBACK_CODE = {
  run: 'SQL_ERROR',
  register: 'DATASET_UNREADABLE',
  unregister: 'INTERNAL',
  convertArrow: 'DATASET_UNREADABLE',
  page: 'INTERNAL',
  exec: 'INTERNAL',
  copyView: 'INTERNAL',
  viewCount: 'INTERNAL',
  read: 'INTERNAL',
  pivotHead: 'INTERNAL',
  export: 'SQL_ERROR',
  profile: 'SQL_ERROR',
  cancelProfile: 'INTERNAL',
  preview: 'SQL_ERROR',
  cancelPreview: 'INTERNAL',
  chart: 'SQL_ERROR',
  cancelChart: 'INTERNAL',
  fingerprint: 'DATASET_UNREADABLE',
  textVerdict: 'DATASET_UNREADABLE',
  parseTree: 'INTERNAL',
  history: 'INTERNAL',
} as const;

/**
 * The worker is where a DuckDB failure is first seen, so this is where its error id is minted.
 * DuckDB's own message ("Parser Error: syntax error at or near …") is what a person needs to read.
 */
function classify(e: unknown, request: JobRequest): AppError {
  if (crash) return crash;
  const id = randomUUID();
  if (cancelled.delete(request.jobId)) return { id, code: 'INTERRUPTED', message: 'The query was cancelled.' };
  const failure = e instanceof StatementFailure ? e : undefined;
  const error = toAppError(failure ? failure.cause : e, id, FALLBACK_CODE[request.type]);
  const said = explainHistoryRefusal(explainDuckdbFailure(error, request.type === 'run' ? 'this query' : 'this request'));
  return failure ? saidOfStatement(said, failure) : said;
}
