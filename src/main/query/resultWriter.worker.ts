import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { ResultReturnType, type DuckDBAppender, type DuckDBConnection, type DuckDBDataChunk, type DuckDBInstance, type DuckDBPreparedStatement, type DuckDBResult } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { Column } from '../../shared/contracts/events';
import { CHUNKS_PER_COLLECTION, chunkReleaser } from './chunkRelease.worker';
import { chunkText, textInJs } from './chunkText.worker';
import { columnTypeName } from './columnTypeName.worker';
import { headSql } from './pageSql.worker';
import { pageChars } from './pageReader.worker';
import { MAX_PAGE_CHARS } from '../../shared/contracts/limits';
import { trackProgress } from './progressTracking.worker';
import { splitQualified } from './sql';
import { ofStatement } from './statementFailure.worker';
import { leaveHistoryStore, mayChangeDefaultDatabase, refuseHistoryStorePath } from '../history/historyGuard.worker';
import { holdsStatement, NO_STATEMENT, statementSpans } from '../../shared/sql/statementSpans';
import { writesGuard } from './dataDirGuard.worker';
import { failedForSpace, giveSpaceBack, reserveWatch } from './diskReserve.worker';
import { preparedWhole } from './wholeStatement.worker';
import { refuseRerunUnlessRead } from './rerunGuard.worker';
import { endedInFailure, streamFailure } from './streamFailure.worker';
import { leavesConnectionState } from './connectionState.worker';
import { withParserPosition } from './parserPosition.worker';
import { runProgress } from './runProgress.worker';
import type { RunOutcome, RunProgress } from './workerProtocol';

/** A query's own pair of connections: one runs the SQL, one appends its rows to the result table. */
export interface RunSlot {
  readonly query: DuckDBConnection;
  readonly writer: DuckDBConnection;
  /**
   * Set from the moment a statement that may lead the query connection to the history store runs
   * until the connection has been asked where it leads: a run cut off in between (cancelled, or
   * failed in the asking) leaves it set, and the next run on the slot starts by leaving the path.
   */
  pathUnasked: boolean;
  /** Set once a statement that can leave state on the query connection runs (connectionState.worker.ts): the slot is then closed, not reused. */
  leftState: boolean;
}

/** A new slot, its query connection reporting progress (progressTracking.worker.ts). */
export async function openRunSlot(instance: DuckDBInstance): Promise<RunSlot> {
  const query = await instance.connect();
  await trackProgress(query);
  return { query, writer: await instance.connect(), pathUnasked: false, leftState: false };
}

export interface RunCallbacks {
  progress(p: RunProgress): void;
  columns(columns: readonly Column[]): void;
  /** The first rows of the result as text, column-major, sent once as soon as they exist. */
  head(values: (string | null)[][]): void;
  /** The first `rowsAvailable` rows are committed: other connections can page them. */
  rows(rowsAvailable: number): void;
  /** Checked between statements and chunks: an interrupt that lands between two DuckDB calls is not lost. */
  cancelled(): boolean;
  /**
   * The streamed statement failed or was interrupted and DuckDB has returned from it: what follows
   * only undoes its writes (a ROLLBACK, a DROP). Called before that undo, so the failure can be
   * reported without waiting for it; `runIntoTable` still rejects only once the undo is done.
   */
  stopped(error: unknown): void;
}

/** What a run runs and where its rows go; `readsOnly` for a re-run, which runs only SQL that reads (rerunGuard.worker.ts). */
export interface RunTarget {
  readonly sql: string;
  readonly resultTable: string;
  readonly readsOnly?: boolean;
}

export interface RunTiming {
  readonly progressIntervalMs: number;
  readonly flushIntervalMs: number;
  /** Rows of the result's head sent with the first chunk. */
  readonly headRows: number;
  /** The data folder, which no statement may write a file into (dataDirGuard.worker.ts); the worker always sets it. */
  readonly protectedDir?: string;
  /** DuckDB's file: a result stops short of its disk's last MiB (diskReserve.worker.ts); the worker always sets it. */
  readonly dbFile?: string;
}

const interrupted = (): AppErrorException => new AppErrorException(appError(randomUUID(), 'INTERRUPTED', 'The query was cancelled.'));

/**
 * How long a cancelled run's undo (its ROLLBACK or DROP) waits after the worker has said it stopped.
 * Nobody waits for the undo, while main is storing the cancel the person waits for; run at once,
 * its ~0.5 ms of DuckDB work took a core from main during that append, whose fsync then ended
 * ~0.45 ms later (docs/query-engine.md). A run that failed on its own is undone at once.
 */
export const CANCELLED_UNDO_DELAY_MS = 20;

/** Resolves when a run that stopped may undo its writes: later if it was cancelled. */
const undoTurn = (cb: Pick<RunCallbacks, 'cancelled'>): Promise<void> | undefined =>
  cb.cancelled() ? new Promise((resolve) => setTimeout(resolve, CANCELLED_UNDO_DELAY_MS)) : undefined;

/**
 * Runs every statement in order and streams the last one's rows, chunk by chunk, into
 * `resultTable` (positional columns c0…cn, in DuckDB's own types). The head — the first rows as
 * DuckDB's text — goes out with the first chunk; commits follow at most every `flushIntervalMs`,
 * each reported with `rows`, so pages can be read long before the result is complete. Beyond the
 * head, rows never become JS values: chunks go from DuckDB's result straight to its appender.
 */
export async function runIntoTable(slot: RunSlot, { sql, resultTable, readsOnly }: RunTarget, timing: RunTiming, cb: RunCallbacks): Promise<RunOutcome> {
  const started = performance.now();
  const progress = setInterval(() => {
    cb.progress(runProgress(Math.round(performance.now() - started), slot.query.progress));
  }, timing.progressIntervalMs);
  let createdTable = false;
  let toldStopped = false;
  /** The statement running (0-based) and how many there are: a failure says which one failed. */
  let at = 0;
  let count = 0;
  /** The last statement's own text, when the script splits as DuckDB split it: only a failed stream asks. */
  const lastText = (): string | undefined => {
    const spans = statementSpans(sql);
    const code = spans.length === count ? spans.at(-1)?.code : undefined;
    return code && sql.slice(code.from, code.to);
  };
  /** Whether DuckDB made more statements than the text holds (a PIVOT without IN): only a refused re-run asks. */
  const expanded = (): boolean => statementSpans(sql).length < count;
  const stopped = (e: unknown): unknown => {
    const failed = ofStatement(e, at, count);
    if (!toldStopped) cb.stopped(failed);
    toldStopped = true;
    return failed;
  };
  try {
    // Comments and semicolons only: DuckDB's extractStatements throws "Error in native callback" on them.
    if (!holdsStatement(sql)) throw new AppErrorException(appError(randomUUID(), 'INVALID_COMMAND', NO_STATEMENT));
    // A slot a cut-off run may have left on the history store's path starts back off it (historyGuard.worker.ts);
    // asking every time cost each run a DuckDB round trip before its first page (~0.5–1 ms).
    if (slot.pathUnasked) {
      await leaveHistoryStore(slot.query);
      slot.pathUnasked = false;
    }
    const whole = await preparedWhole(slot.query, sql, timing.protectedDir);
    if (whole) {
      count = 1;
      return await runLast(whole);
    }
    const statements = await slot.query.extractStatements(sql).catch(async (e: unknown) => {
      throw await withParserPosition(slot.query, sql, e);
    });
    count = statements.count;
    if (statements.count === 0) throw new AppErrorException(appError(randomUUID(), 'INVALID_COMMAND', NO_STATEMENT));
    // Statements run in order; only the last one's rows are kept. Each prepared statement is
    // destroyed as soon as it is done: it holds its scan's state (a CSV read keeps ~30 MiB of
    // buffers) until then, and left to the GC — which a worker making little JS garbage rarely
    // runs — finished queries piled up in DuckDB's memory until new ones failed as OUT_OF_MEMORY.
    const guard = writesGuard(sql, statements.count, timing.protectedDir);
    for (let i = 0; i < statements.count - 1; i++, at++) {
      if (cb.cancelled()) throw interrupted();
      await guard(slot.query, i);
      const prepared = await statements.prepare(i);
      // Only a statement that can lead the connection to the history store is followed by asking
      // it: a round trip after each of a script's 10,000 INSERTs cost seconds (historyGuard.worker.ts).
      const mayLead = mayChangeDefaultDatabase(prepared.statementType);
      try {
        if (readsOnly) refuseRerunUnlessRead(prepared.statementType, i, statements.count, expanded);
        if (mayLead) slot.pathUnasked = true;
        if (leavesConnectionState(prepared.statementType)) slot.leftState = true;
        await prepared.run();
      } finally {
        prepared.destroySync();
      }
      if (mayLead) await askedPath(slot);
    }
    if (cb.cancelled()) throw interrupted();
    await guard(slot.query, statements.count - 1);
    return await runLast(await statements.prepare(statements.count - 1));
  } catch (e) {
    const failed = stopped(e);
    // A failed or cancelled run leaves nothing behind: a partial table would look like a result.
    if (createdTable) {
      await undoTurn(cb);
      await slot.writer.run(`DROP TABLE IF EXISTS ${resultTable}`).catch(() => undefined);
    }
    // Dropped or rolled back, its blocks stay in DuckDB's file until a checkpoint: on a full disk, given back now.
    if (timing.dbFile && failedForSpace(failed)) await giveSpaceBack(slot.writer, dirname(timing.dbFile));
    throw failed;
  } finally {
    clearInterval(progress);
  }

  /** The last statement, its rows streamed into the table; asked after by the same rule as the others: a run ends off the store's path. */
  async function runLast(last: DuckDBPreparedStatement): Promise<RunOutcome> {
    const lastMayLead = mayChangeDefaultDatabase(last.statementType);
    let outcome: RunOutcome;
    try {
      if (readsOnly) refuseRerunUnlessRead(last.statementType, count - 1, count, expanded);
      if (lastMayLead) slot.pathUnasked = true;
      if (leavesConnectionState(last.statementType)) slot.leftState = true;
      outcome = await streamLast(last);
    } finally {
      last.destroySync();
    }
    if (lastMayLead) await askedPath(slot);
    return outcome;
  }

  async function streamLast(last: DuckDBPreparedStatement): Promise<RunOutcome> {
    const columns: Column[] = [];
    for (let i = 0; i < last.columnCount; i++) columns.push({ name: last.columnName(i), type: columnTypeName(last.columnType(i)) });
    // A cancel that arrived while the statement was prepared would otherwise be lost: an interrupt
    // with no DuckDB call running on the connection does nothing.
    if (cb.cancelled()) throw interrupted();
    if (columns.length === 0) {
      await last.run();
      return { rowCount: 0, columns, durationMs: performance.now() - started, hasTable: false };
    }
    // Positional column names: a result may repeat a name (select 1 a, 2 a), a table may not.
    // The table is created in the same transaction that commits the first rows (one commit, one
    // fsync), and while DuckDB already produces rows on the query connection the writer prepares
    // the table and its appender.
    const [schema, table] = splitQualified(resultTable);
    let open = true;
    const commit = async (): Promise<void> => {
      await slot.writer.run('COMMIT');
      open = false;
      createdTable = true;
    };
    let appender: DuckDBAppender | undefined;
    /** A fetch already under way (issued beside the first commit), awaited before the statement is destroyed. */
    let next: Promise<DuckDBDataChunk | null> | undefined;
    let rowCount = 0;
    let committed = 0;
    try {
      const [streamed, prepared] = await Promise.allSettled([
        last.stream(),
        (async () => {
          await slot.writer.run(`BEGIN TRANSACTION; CREATE OR REPLACE TABLE ${resultTable} (${columns.map((col, i) => `c${i} ${col.type}`).join(', ')})`);
          appender = await slot.writer.createAppender(table, schema);
        })(),
      ]);
      if (streamed.status === 'rejected') throw streamed.reason;
      if (prepared.status === 'rejected') throw prepared.reason;
      const result = streamed.value;
      // DuckDB says the statement returns nothing (CREATE, SET, ATTACH…: a `Count` or `Success` column of
      // its own): no result set, so no table, and no columns, by which the app tells it from an empty result.
      if (result.returnType === ResultReturnType.NOTHING) return await withoutResultSet(result);
      // For plain types the head is written straight from the first chunk, before any write to disk.
      const headFromChunk = textInJs(result.columnTypes());
      // The first commit waits for the flush interval like the later ones: the head already answers
      // the first page, and a result that is all there at once (a group-by) then commits once, like
      // CREATE TABLE AS, instead of paying a commit (a DuckDB WAL fsync) for its first chunk.
      let lastFlush = started;
      let headSent = false;
      // A head past a page's budget is not sent: its rows are paged once committed, and such a page is refused (pageReader.worker.ts).
      const sendHead = (head: (string | null)[][]) => {
        if (pageChars(head) <= MAX_PAGE_CHARS) cb.head(head);
      };
      const release = chunkReleaser();
      let chunks = 0;
      const watch = timing.dbFile ? reserveWatch(timing.dbFile) : undefined;
      let nearReserve = false;
      for (;;) {
        const fetching = next ?? result.fetchChunk();
        next = undefined;
        // While DuckDB fetches on a libuv thread: the collection's pause costs no time on the path.
        release();
        const chunk = await fetching;
        if (cb.cancelled()) throw interrupted();
        if (!chunk || chunk.rowCount === 0) {
          if (endedInFailure(result)) throw await streamFailure(slot.query, last, lastText(), rowCount);
          break;
        }
        // Every CHUNKS_PER_COLLECTION chunks, not each: the check's few objects per chunk made V8 scavenge
        // on its own while chunks were alive, promoting their wrappers, and a 3M-row result kept ~15 MB more.
        // Near the reserve, every chunk is checked and committed (diskReserve.worker.ts).
        if (watch && (nearReserve || ++chunks % CHUNKS_PER_COLLECTION === 1)) nearReserve = watch(committed);
        if (!headSent && headFromChunk) {
          cb.columns(columns);
          sendHead(chunkText(chunk, timing.headRows));
        }
        appender!.appendDataChunk(chunk);
        rowCount += chunk.rowCount;
        if (!headSent && !headFromChunk) {
          // Read inside the transaction, so the first page goes out before any commit.
          appender!.flushSync();
          cb.columns(columns);
          sendHead((await slot.writer.runAndReadAll(headSql(resultTable, columns.length, timing.headRows))).getColumnsJS() as (string | null)[][]);
        }
        headSent = true;
        if (nearReserve || performance.now() - lastFlush >= timing.flushIntervalMs) {
          appender!.flushSync();
          if (open) {
            // The next chunk is fetched on the query connection while the commit's fsync runs on the writer's.
            next = result.fetchChunk();
            // Handled here too: should it fail while the commit runs, the loop's await reports it.
            next.catch(() => undefined);
            await commit();
          }
          committed = rowCount;
          lastFlush = performance.now();
          cb.rows(committed);
        }
      }
      appender!.closeSync();
      appender = undefined;
      if (open) {
        cb.columns(columns);
        await commit();
      }
    } catch (e) {
      // Never leave a fetch running on a statement about to be destroyed.
      await next?.catch(() => undefined);
      const failed = stopped(e);
      // Before the first commit the table exists only in this transaction: rolling back removes it.
      if (open) {
        await undoTurn(cb);
        await slot.writer.run('ROLLBACK').catch(() => undefined);
      }
      try {
        // Rows it still holds are dropped, not written: after a refusal they would take the disk's last MiB.
        appender?.clear();
        appender?.closeSync();
      } catch {
        // its table is gone with the rollback: nothing left to flush
      }
      throw failed;
    }
    if (rowCount !== committed) cb.rows(rowCount);
    return { rowCount, columns, durationMs: performance.now() - started, hasTable: true };

    /** The statement ran (its few rows of DuckDB's own are read to the end); the table made for it is rolled back. */
    async function withoutResultSet(done: DuckDBResult): Promise<RunOutcome> {
      while ((await done.fetchChunk())?.rowCount) {
        // nothing to keep
      }
      if (endedInFailure(done)) throw await streamFailure(slot.query, last, lastText(), 0);
      appender?.closeSync();
      appender = undefined;
      await slot.writer.run('ROLLBACK');
      open = false;
      return { rowCount: 0, columns: [], durationMs: performance.now() - started, hasTable: false };
    }
  }
}

/** Refuses (and undoes) a path to the history store; once the connection has answered, the slot is known to be off it. */
async function askedPath(slot: RunSlot): Promise<void> {
  await refuseHistoryStorePath(slot.query);
  slot.pathUnasked = false;
}
