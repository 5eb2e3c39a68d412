import { randomUUID } from 'node:crypto';
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { AppErrorException, appError, type AppError } from '../../shared/contracts/errors';
import { identifierName, tokenize } from '../instant/sqlTokens.worker';
import { HISTORY_SCHEMA, HISTORY_STORE } from './historyStore.worker';

/**
 * Keeps a person's SQL from changing the history (docs/share.md, "History as data"). DuckDB itself
 * refuses every write into `sextant` (it is attached READ_ONLY); what it would allow is detaching
 * `sextant` or writing into the store its views read. Those are refused here, before anything runs,
 * on DuckDB's own parser output: a script DuckDB serializes (`json_serialize_sql`) is all queries
 * and may read anything; otherwise the statement types DuckDB prepares decide. Names come from the
 * tokenizer only to skip the check for SQL that never names either database (the common case).
 */
export async function refuseHistoryWrites(conn: DuckDBConnection, sql: string): Promise<void> {
  const names = new Set<string>();
  for (const t of tokenize(sql)) {
    const name = identifierName(t);
    if (name) names.add(name);
  }
  const namesStore = names.has(HISTORY_STORE);
  if (!namesStore && !names.has(HISTORY_SCHEMA)) return;
  const serialized = (await conn.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS tree', [sql])).getRowObjectsJS()[0]?.['tree'];
  if (typeof serialized === 'string' && (JSON.parse(serialized) as { error?: unknown }).error === false) return;
  if (namesStore) throw refusal(`${HISTORY_STORE} holds Sextant's history and only Sextant writes it: query the ${HISTORY_SCHEMA} views instead.`);
  const statements = await conn.extractStatements(sql).catch(() => undefined);
  for (let i = 0; i < (statements?.count ?? 0); i++) {
    // A statement that does not prepare yet (it needs a table an earlier one creates) is no DETACH.
    const prepared = await statements!.prepare(i).catch(() => undefined);
    if (!prepared) continue;
    const type = prepared.statementType;
    prepared.destroySync();
    if (type === StatementType.DETACH) throw refusal(`The ${HISTORY_SCHEMA} schema cannot be detached: it is Sextant's own history, read-only.`);
  }
}

/** DuckDB's refusal to write into the read-only `sextant` attachment, in a person's words and with its own code. */
export function explainHistoryRefusal(error: AppError): AppError {
  if (!error.message.includes(`on database "${HISTORY_SCHEMA}" which is attached in read-only mode`)) return error;
  return {
    ...error,
    code: 'HISTORY_READ_ONLY',
    message: `The ${HISTORY_SCHEMA} schema is read-only: it shows Sextant's own history. Create your own tables elsewhere, e.g. CREATE TABLE mine AS SELECT * FROM ${HISTORY_SCHEMA}.queries.\n\n${error.message}`,
  };
}

const refusal = (message: string): AppErrorException => new AppErrorException(appError(randomUUID(), 'HISTORY_READ_ONLY', message));
