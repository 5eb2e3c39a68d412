/**
 * A DuckDB worker thread. It owns three connections to the shared database: one runs the person's
 * SQL, one writes the result table, one reads pages, so a page can be served while a query runs.
 * Rows stay here and in DuckDB; main only ever receives a page of text at a time.
 */
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AppErrorException, appError, toAppError, type AppError } from '../../shared/contracts/errors';
import type { Column } from '../../shared/contracts/events';
import { readerSql } from '../catalog/readers';
import { ident, RESULTS_SCHEMA } from './sql';
import type { ReplyOf, RunOutcome, WorkerConfig, WorkerReply, WorkerRequest } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('duckdbWorker must run in a worker thread');
const config = workerData as WorkerConfig;

const post = (reply: WorkerReply): void => port.postMessage(reply);

const ready = (async () => {
  const instance = await DuckDBInstance.fromCache(config.dbPath, { ...config.duckdb });
  const [query, writer, reader] = await Promise.all([instance.connect(), instance.connect(), instance.connect()]);
  await writer.run(`CREATE SCHEMA IF NOT EXISTS ${RESULTS_SCHEMA}`);
  return { query, writer, reader };
})();
ready.then(
  () => post({ type: 'ready' }),
  (e: unknown) => {
    // Without a database this worker is useless: say why, then let the pool decide what to do.
    post({ type: 'fatal', error: toAppError(e, randomUUID(), 'INTERNAL') });
    process.exit(1);
  },
);

/** Jobs whose cancel arrived; their DuckDB interruption is reported as INTERRUPTED. */
const cancelled = new Set<number>();
let runningJob: number | undefined;

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'cancel') {
    if (runningJob === request.jobId) {
      cancelled.add(request.jobId);
      void ready.then((c) => c.query.interrupt());
    }
    return;
  }
  void handle(request).then(
    (value) => post({ type: 'done', jobId: request.jobId, value }),
    (e: unknown) => post({ type: 'failed', jobId: request.jobId, error: classify(e, request) }),
  );
});

async function handle(request: Exclude<WorkerRequest, { type: 'cancel' }>): Promise<ReplyOf[keyof ReplyOf]> {
  const c = await ready;
  switch (request.type) {
    case 'run':
      return run(c, request.jobId, request.sql, request.resultTable);
    case 'page':
      return page(c.reader, request.resultTable, request.columnCount, request.offset, request.limit);
    case 'register': {
      const reader = readerSql(request.source, request.format);
      if (!reader) throw new AppErrorException(appError(randomUUID(), 'DATASET_UNSUPPORTED', `Sextant cannot read ${request.format} files yet.`));
      await c.writer.run(`CREATE OR REPLACE VIEW ${ident(request.name)} AS SELECT * FROM ${reader}`);
      const described = await c.writer.runAndReadAll(`DESCRIBE ${ident(request.name)}`);
      return described.getRowObjectsJS().map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
    }
    case 'exec':
      await c.writer.run(request.sql);
      return null;
  }
}

async function run(
  c: { query: DuckDBConnection; writer: DuckDBConnection },
  jobId: number,
  sql: string,
  resultTable: string,
): Promise<RunOutcome> {
  runningJob = jobId;
  post({ type: 'began', jobId });
  const started = performance.now();
  const progress = setInterval(() => {
    const p = c.query.progress;
    post({
      type: 'progress',
      jobId,
      elapsedMs: Math.round(performance.now() - started),
      ...(p.rows_processed > 0n ? { rowsProcessed: Number(p.rows_processed) } : {}),
      ...(p.percentage >= 0 ? { percent: p.percentage } : {}),
    });
  }, config.progressIntervalMs);
  try {
    const statements = await c.query.extractStatements(sql);
    if (statements.count === 0) throw new AppErrorException(appError(randomUUID(), 'SQL_ERROR', 'There is no SQL statement to run.'));
    // Statements run in order; only the last one's rows are kept.
    for (let i = 0; i < statements.count - 1; i++) await (await statements.prepare(i)).run();
    const last = await statements.prepare(statements.count - 1);
    const columns: Column[] = [];
    for (let i = 0; i < last.columnCount; i++) columns.push({ name: last.columnName(i), type: last.columnType(i).toString() });
    if (columns.length === 0) {
      await last.run();
      return { rowCount: 0, columns, durationMs: performance.now() - started, hasTable: false };
    }
    // Positional column names: a result may repeat a name (select 1 a, 2 a), a table may not.
    await c.writer.run(`CREATE OR REPLACE TABLE ${resultTable} (${columns.map((col, i) => `c${i} ${col.type}`).join(', ')})`);
    const [schema, table] = splitTable(resultTable);
    const appender = await c.writer.createAppender(table, schema);
    let rowCount = 0;
    try {
      const result = await last.stream();
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        appender.appendDataChunk(chunk);
        rowCount += chunk.rowCount;
      }
    } finally {
      appender.closeSync();
    }
    return { rowCount, columns, durationMs: performance.now() - started, hasTable: true };
  } finally {
    clearInterval(progress);
    runningJob = undefined;
  }
}

/** Rows [offset, offset + limit) as DuckDB's own text, column-major. Appended rows have contiguous rowids. */
async function page(
  reader: DuckDBConnection,
  resultTable: string,
  columnCount: number,
  offset: number,
  limit: number,
): Promise<ReplyOf['page']> {
  const cols = Array.from({ length: columnCount }, (_, i) => `c${i}::VARCHAR`).join(', ');
  const result = await reader.runAndReadAll(
    `SELECT ${cols} FROM ${resultTable} WHERE rowid >= ${offset} AND rowid < ${offset + limit} ORDER BY rowid`,
  );
  return result.getColumnsJS() as (string | null)[][];
}

function splitTable(qualified: string): [string, string] {
  const dot = qualified.indexOf('.');
  return [qualified.slice(0, dot), qualified.slice(dot + 1).replace(/^"|"$/g, '').replaceAll('""', '"')];
}

const FALLBACK_CODE = { run: 'SQL_ERROR', register: 'DATASET_UNREADABLE', page: 'INTERNAL', exec: 'INTERNAL' } as const;

/**
 * The worker is where a DuckDB failure is first seen, so this is where its error id is minted.
 * DuckDB's own message ("Parser Error: syntax error at or near …") is what a person needs to read.
 */
function classify(e: unknown, request: Exclude<WorkerRequest, { type: 'cancel' }>): AppError {
  const id = randomUUID();
  if (cancelled.delete(request.jobId)) return appError(id, 'INTERRUPTED', 'The query was cancelled.');
  const error = toAppError(e, id, FALLBACK_CODE[request.type]);
  return { ...error, message: error.message.replace(/^Failed to (extract statements|prepare)[^:]*: /, '') };
}
