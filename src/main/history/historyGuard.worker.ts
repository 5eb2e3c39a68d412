import { randomUUID } from 'node:crypto';
import { StatementType, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { AppErrorException, appError, type AppError } from '../../shared/contracts/errors';
import { identifierName, tokenize } from '../../shared/sql/sqlTokens';
import { withoutWrapper } from '../query/queryErrors.worker';
import { RESULTS_SCHEMA, SERIALIZE_SQL } from '../query/sql';
import { HISTORY_SCHEMA, HISTORY_STORE } from './historyStore.worker';

/**
 * Keeps a person's SQL from changing the history (docs/share.md, "History as data"). DuckDB itself
 * refuses every write into `sextant` (it is attached READ_ONLY); what it would allow is detaching
 * `sextant` or writing into the store its views read. Those are refused here, before anything runs,
 * on DuckDB's own parser output: a script DuckDB serializes (`json_serialize_sql`) is all queries
 * and may read anything; otherwise the statement types DuckDB prepares decide. Names come from the
 * tokenizer only to skip the check for SQL that never names either database (the common case).
 * A string naming the store is no name: every write names its target, and a string reaches the
 * store only by making it the connection's default (`SET search_path = 'sextant_history_store.main'`,
 * `SET schema`, `USE '…'`), which `refuseHistoryStorePath` refuses after that statement, before
 * the next one; so `insert into notes values ('see sextant_history_store')` runs.
 * DuckDB's functions are called as `system.main.…`: a macro of the person's by the same name would
 * otherwise answer instead (a `json_serialize_sql` saying every script is a query let any write in).
 *
 * An INSERT, UPDATE, DELETE, TRUNCATE, COPY … FROM or CREATE INDEX on a `sextant` view never
 * reaches DuckDB's read-only check: its binder refuses a write into any view first, in words that
 * say nothing of the history ("queries is not an table"). Such a statement is refused here too, as
 * HISTORY_READ_ONLY, when DuckDB's binder refuses it so and the only views the script names are
 * `sextant`'s; a script that also names a view of the person's (a dataset is one) keeps DuckDB's
 * own message, which may be about that view.
 */
export async function refuseHistoryWrites(conn: DuckDBConnection, sql: string): Promise<void> {
  const names = new Set<string>();
  for (const t of tokenize(sql)) {
    const name = identifierName(t);
    if (name) names.add(name);
  }
  const namesStore = names.has(HISTORY_STORE);
  const namesResults = names.has(RESULTS_SCHEMA);
  if (!namesStore && !namesResults && !names.has(HISTORY_SCHEMA)) return;
  const serialized = (await conn.runAndReadAll(SERIALIZE_SQL, [sql])).getRowObjectsJS()[0]?.['tree'];
  if (typeof serialized === 'string' && (JSON.parse(serialized) as { error?: unknown }).error === false) return;
  if (namesStore) throw refusal(`${HISTORY_STORE} holds Sextant's history and only Sextant writes it: query the ${HISTORY_SCHEMA} views instead.`);
  // An UPDATE there showed another query's result as rows it never returned, with nothing to tell.
  if (namesResults) throw refusal(`${RESULTS_SCHEMA} holds the results Sextant keeps of the queries run here, and only Sextant writes it: read them, or make a table of your own.`, 'RESULTS_READ_ONLY');
  const statements = await conn.extractStatements(sql).catch(() => undefined);
  for (let i = 0; i < (statements?.count ?? 0); i++) {
    // A statement that does not prepare yet (it needs a table an earlier one creates) is no DETACH;
    // one DuckDB's binder refuses as a write into a view may be a write into `sextant`.
    const prepared = await statements!.prepare(i).catch(async (e: unknown) => {
      const message = e instanceof Error ? withoutWrapper(e.message) : '';
      if (WRITE_INTO_VIEW.some((words) => words.test(message)) && !(await namesOwnView(conn, names))) throw refusal(readOnlyMessage(message));
      return undefined;
    });
    if (!prepared) continue;
    const type = prepared.statementType;
    prepared.destroySync();
    if (type === StatementType.DETACH) throw refusal(`The ${HISTORY_SCHEMA} schema cannot be detached: it is Sextant's own history, read-only.`);
  }
}

/**
 * A person's SQL runs on connections that keep their settings from one statement, and one run, to
 * the next: one whose default database or search path leads to the store would write into it with
 * names that never say so (`update queries …`), and the path can be built where no text shows it
 * (`concat(…)`, `getvariable(…)`). So after each statement that can change it
 * (`mayChangeDefaultDatabase`) the connection itself is asked (DuckDB has no per-connection
 * permissions to ask instead); one that leads there is reset, and `true` says it was. A database
 * whose name merely contains the store's is reset too: erring on the safe side.
 */
export async function leaveHistoryStore(conn: DuckDBConnection): Promise<typeof HISTORY_STORE | typeof RESULTS_SCHEMA | undefined> {
  const row = (await conn.runAndReadAll(`SELECT system.main.current_database() AS db, system.main.current_setting('search_path') AS path`)).getRowObjectsJS()[0];
  const said = [row?.['db'], row?.['path']].map((v) => (typeof v === 'string' ? v.toLowerCase() : '')).join(' ');
  // the kept results too: `SET search_path = 'sextant_results'` and a bare UPDATE would rewrite one
  const leads = said.includes(HISTORY_STORE) ? HISTORY_STORE : said.includes(RESULTS_SCHEMA) ? RESULTS_SCHEMA : undefined;
  if (leads) await conn.run('RESET search_path');
  return leads;
}

/**
 * Whether a statement of this type can change the connection's default database or search path, so
 * that `refuseHistoryStorePath` must follow it: asking after every statement cost a round trip each
 * (a script of 10,000 INSERTs paid seconds). SET covers `SET search_path`/`SET schema`, `USE` and
 * `PRAGMA search_path`; `EXPLAIN ANALYZE SET …` is an EXPLAIN that sets; EXECUTE, CALL, PRAGMA,
 * LOAD, ATTACH and the like run what their text does not show. A type not known to be inert is
 * asked after, a newer DuckDB's too.
 */
export function mayChangeDefaultDatabase(type: StatementType): boolean {
  switch (type) {
    case StatementType.SELECT:
    case StatementType.INSERT:
    case StatementType.UPDATE:
    case StatementType.DELETE:
    case StatementType.MERGE_INTO:
    case StatementType.CREATE:
    case StatementType.CREATE_FUNC:
    case StatementType.ALTER:
    case StatementType.DROP:
    case StatementType.COPY:
    case StatementType.COPY_DATABASE:
    case StatementType.EXPORT:
    case StatementType.TRANSACTION:
    case StatementType.PREPARE:
    case StatementType.ANALYZE:
    case StatementType.VACUUM:
      return false;
    case StatementType.SET:
    case StatementType.VARIABLE_SET:
    case StatementType.EXPLAIN:
    case StatementType.EXECUTE:
    case StatementType.PRAGMA:
    case StatementType.CALL:
    case StatementType.MULTI:
    case StatementType.LOAD:
    case StatementType.EXTENSION:
    case StatementType.UPDATE_EXTENSIONS:
    case StatementType.ATTACH:
    case StatementType.DETACH:
    case StatementType.RELATION:
    case StatementType.LOGICAL_PLAN:
    case StatementType.INVALID:
      return true;
    default: {
      // A type this build's bindings do not list (a newer DuckDB): asked after, to be safe.
      const _newer: never = type;
      return true;
    }
  }
}

/** `leaveHistoryStore` after a statement of the person's: one that led there is refused (and undone). */
export async function refuseHistoryStorePath(conn: DuckDBConnection): Promise<void> {
  const led = await leaveHistoryStore(conn);
  if (led === HISTORY_STORE) {
    throw refusal(`${HISTORY_STORE} holds Sextant's history and only Sextant writes it, so it cannot be the default database or on the search path (it was reset): query the ${HISTORY_SCHEMA} views instead.`);
  }
  if (led === RESULTS_SCHEMA) {
    throw refusal(`${RESULTS_SCHEMA} holds the results Sextant keeps and only Sextant writes it, so it cannot be on the search path (it was reset): name its tables whole to read them.`, 'RESULTS_READ_ONLY');
  }
}

/** DuckDB's refusal to write into the read-only `sextant` attachment, in a person's words and with its own code. */
export function explainHistoryRefusal(error: AppError): AppError {
  if (!error.message.includes(`on database "${HISTORY_SCHEMA}" which is attached in read-only mode`)) return error;
  return { ...error, code: 'HISTORY_READ_ONLY', message: readOnlyMessage(error.message) };
}

/** DuckDB's binder, refusing a write whose target is a view rather than a table (its text as of 1.5). */
const WRITE_INTO_VIEW = [/^Catalog Error: .+ is not an? table\b/, /^Binder Error: Can only (update|delete from) base table\b/, /^Binder Error: can only create an index on a base table\b/i];

/** Whether the script names a view outside `sextant` (a dataset, a view of the person's): a write refused as "not a table" may be about it. */
async function namesOwnView(conn: DuckDBConnection, names: ReadonlySet<string>): Promise<boolean> {
  const found = await conn.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM duckdb_views() WHERE NOT internal AND database_name <> $1 AND list_contains($2::VARCHAR[], lower(view_name))`,
    [HISTORY_SCHEMA, listValue([...names])],
  );
  return found.getRowObjectsJS()[0]?.['n'] !== 0;
}

const readOnlyMessage = (duckdbWords: string): string =>
  `The ${HISTORY_SCHEMA} schema is read-only: it shows Sextant's own history. Create your own tables elsewhere, e.g. CREATE TABLE mine AS SELECT * FROM ${HISTORY_SCHEMA}.queries.\n\n${duckdbWords}`;

const refusal = (message: string, code: 'HISTORY_READ_ONLY' | 'RESULTS_READ_ONLY' = 'HISTORY_READ_ONLY'): AppErrorException => new AppErrorException(appError(randomUUID(), code, message));
