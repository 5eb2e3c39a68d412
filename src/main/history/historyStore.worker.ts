import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LIST, VARCHAR, listValue, type DuckDBAppender, type DuckDBConnection, type DuckDBInstance } from '@duckdb/node-api';
import { HISTORY_SCHEMA, HISTORY_VIEWS } from '../../shared/history/historySchema';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { literal } from '../query/sql';
import type { HistoryBatch } from '../query/workerProtocol';

export { HISTORY_SCHEMA };
/** Where the rows live: an in-memory database only this module writes (historyGuard refuses others). */
export const HISTORY_STORE = 'sextant_history_store';

/** One table per view, keyed by its first column (query_id, session_id, dataset_id, global_seq): batches replace rows by it. */
const TABLES = Object.entries(HISTORY_VIEWS)
  .map(([view, columns]) => `CREATE TABLE ${HISTORY_STORE}.${view} (${columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')}, PRIMARY KEY (${quoteIdent(columns[0].name)}));`)
  .join('\n');

/** Staging tables are the connection's own (TEMP): the appender fills them, one INSERT moves them. */
const STAGING = `
CREATE TEMP TABLE stage_events (global_seq BIGINT, type VARCHAR, topic VARCHAR, aggregate_type VARCHAR, aggregate_id VARCHAR, aggregate_seq BIGINT, occurred_at VARCHAR, payload VARCHAR);
CREATE TEMP TABLE stage_queries (query_id VARCHAR, session_id VARCHAR, sql VARCHAR, started_at VARCHAR, finished_at VARCHAR, duration_ms DOUBLE, "rows" BIGINT, status VARCHAR, error_code VARCHAR, error_message VARCHAR, datasets_read VARCHAR[]);
CREATE TEMP TABLE stage_sessions (session_id VARCHAR, title VARCHAR, opened_at VARCHAR, closed_at VARCHAR, status VARCHAR);
CREATE TEMP TABLE stage_datasets (dataset_id VARCHAR, name VARCHAR, source VARCHAR, format VARCHAR, status VARCHAR, requested_at VARCHAR, registered_at VARCHAR, error_code VARCHAR);
`;

/** The views a person sees (shared/history/historySchema.ts); they read the store's tables when queried, so they are always current. */
const VIEWS = Object.entries(HISTORY_VIEWS)
  .map(([view, columns]) => `CREATE VIEW ${HISTORY_SCHEMA}.${view} AS SELECT ${columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${HISTORY_STORE}.main.${view};`)
  .join('\n');

export interface HistoryStore {
  apply(batch: HistoryBatch): Promise<null>;
}

/**
 * Attaches the history: an in-memory store for the rows, and `sextant`, a tiny database file of views
 * over them attached READ_ONLY, so DuckDB itself refuses any CREATE, DROP, ALTER, INSERT, UPDATE or
 * DELETE there. The views file is rewritten at every start (it holds nothing but the views); where
 * it cannot be written, DuckDB starts without the views and each batch tries again.
 */
export async function openHistoryStore(instance: DuckDBInstance, dbPath: string): Promise<HistoryStore> {
  const conn = await instance.connect();
  const viewsFile = join(dirname(dbPath), 'history-views.duckdb');
  await conn.run(`ATTACH ':memory:' AS ${HISTORY_STORE}`);
  await conn.run(TABLES);
  await conn.run(STAGING);
  // The views file is written at start; a disk that cannot take it (full, say) must not stop DuckDB
  // from starting: the views are missing until a later batch finds room to write them.
  let viewsMissing = !(await attachViews(conn, viewsFile));
  /** One batch at a time: two interleaved transactions on one connection would be one. */
  let chain: Promise<unknown> = Promise.resolve();

  const applyNow = async (batch: HistoryBatch): Promise<null> => {
    if (viewsMissing) viewsMissing = !(await attachViews(conn, viewsFile));
    await conn.run('BEGIN TRANSACTION');
    try {
      if (batch.reset) {
        for (const t of ['events', 'queries', 'sessions', 'datasets']) await conn.run(`DELETE FROM ${HISTORY_STORE}.${t}`);
      }
      if (batch.datasets.length > 0) {
        await append(conn, 'stage_datasets', (a) => {
          for (const d of batch.datasets) {
            texts(a, d.datasetId, d.name, d.source, d.format, d.status, d.requestedAt, d.registeredAt, d.errorCode);
            a.endRow();
          }
        });
        await conn.run(`INSERT OR REPLACE INTO ${HISTORY_STORE}.datasets SELECT dataset_id, name, source, format, status, TRY_CAST(requested_at AS TIMESTAMPTZ), TRY_CAST(registered_at AS TIMESTAMPTZ), error_code FROM stage_datasets; DELETE FROM stage_datasets`);
      }
      if (batch.sessions.length > 0) {
        await append(conn, 'stage_sessions', (a) => {
          for (const s of batch.sessions) {
            texts(a, s.sessionId, s.title, s.openedAt, s.closedAt, s.status);
            a.endRow();
          }
        });
        await conn.run(`INSERT OR REPLACE INTO ${HISTORY_STORE}.sessions SELECT session_id, title, TRY_CAST(opened_at AS TIMESTAMPTZ), TRY_CAST(closed_at AS TIMESTAMPTZ), status FROM stage_sessions; DELETE FROM stage_sessions`);
      }
      if (batch.queries.length > 0) {
        await append(conn, 'stage_queries', (a) => {
          batch.queries.forEach((q) => {
            texts(a, q.queryId, q.sessionId, q.sql, q.startedAt, q.finishedAt);
            number(a, q.durationMs, 'double');
            number(a, q.rows, 'bigint');
            texts(a, q.status, q.errorCode, q.errorMessage);
            a.appendList(listValue([...q.datasetsRead]), LIST(VARCHAR));
            a.endRow();
          });
        });
        await conn.run(`INSERT OR REPLACE INTO ${HISTORY_STORE}.queries SELECT query_id, session_id, sql, TRY_CAST(started_at AS TIMESTAMPTZ), TRY_CAST(finished_at AS TIMESTAMPTZ), duration_ms, "rows", status, error_code, error_message, datasets_read FROM stage_queries; DELETE FROM stage_queries`);
      }
      if (batch.events.length > 0) {
        await append(conn, 'stage_events', (a) => {
          for (const e of batch.events) {
            a.appendBigInt(BigInt(e.globalSeq));
            texts(a, e.type, e.topic, e.aggregateType, e.aggregateId);
            a.appendBigInt(BigInt(e.aggregateSeq));
            texts(a, e.occurredAt, e.payload);
            a.endRow();
          }
        });
        // OR IGNORE: a refill racing a live batch may carry an event twice; the log's seq decides.
        await conn.run(`INSERT OR IGNORE INTO ${HISTORY_STORE}.events SELECT global_seq, type, topic, aggregate_type, aggregate_id, aggregate_seq, TRY_CAST(occurred_at AS TIMESTAMPTZ), payload::JSON FROM stage_events; DELETE FROM stage_events`);
      }
      await conn.run('COMMIT');
    } catch (e) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
    return null;
  };

  return {
    apply(batch) {
      const next = chain.then(() => applyNow(batch));
      chain = next.catch(() => undefined);
      return next;
    },
  };
}

/**
 * Writes the views file afresh and attaches it READ_ONLY; false, with nothing of it left attached or
 * on disk, when that fails (writing it, or the checkpoint DETACH makes: "No space left on device").
 */
async function attachViews(conn: DuckDBConnection, viewsFile: string): Promise<boolean> {
  const removeFile = (): void => {
    for (const f of [viewsFile, `${viewsFile}.wal`]) rmSync(f, { force: true });
  };
  removeFile();
  try {
    await conn.run(`ATTACH ${literal(viewsFile)} AS ${HISTORY_SCHEMA}`);
    await conn.run(VIEWS);
    await conn.run(`DETACH ${HISTORY_SCHEMA}`);
    await conn.run(`ATTACH ${literal(viewsFile)} AS ${HISTORY_SCHEMA} (READ_ONLY)`);
    return true;
  } catch {
    // Never left attached writable: the schema is read-only or absent.
    await conn.run(`DETACH DATABASE IF EXISTS ${HISTORY_SCHEMA}`).catch(() => undefined);
    removeFile();
    return false;
  }
}

async function append(conn: DuckDBConnection, table: string, fill: (a: DuckDBAppender) => void): Promise<void> {
  const appender = await conn.createAppender(table, 'main', 'temp');
  try {
    fill(appender);
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** Appends VARCHAR cells in order (NULL for null). */
function texts(a: DuckDBAppender, ...values: (string | null)[]): void {
  for (const value of values) {
    if (value === null) a.appendNull();
    else a.appendVarchar(value);
  }
}

function number(a: DuckDBAppender, value: number | null, kind: 'double' | 'bigint'): void {
  if (value === null) a.appendNull();
  else if (kind === 'double') a.appendDouble(value);
  else a.appendBigInt(BigInt(Math.round(value)));
}
