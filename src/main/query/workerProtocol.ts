import type { AppError } from '../../shared/contracts/errors';
import type { Column, CsvReading, DatasetFormat, DatasetTable } from '../../shared/contracts/events';
import type { PreviewAnswer } from '../../shared/instant/preview';
import type { PivotHead, PivotHeadRange, PivotSource } from '../../shared/pivot/pivotBound';
import type { PivotKeys, PivotSpec } from '../../shared/pivot/pivotSpec';
import type { DatasetFingerprint, HashProgress } from '../../shared/contracts/fingerprint';
import type { TextVerdict } from '../../shared/domain/csvText';

/** What to fingerprint (catalog/fingerprint.worker.ts): a file or a glob (a folder arrives as its glob). */
export interface FingerprintTarget {
  readonly path: string;
  /** Read the Parquet footer too. */
  readonly parquet: boolean;
  /** Hash the content; false: size, times and the file list only (the watcher's cheap look). */
  readonly content: boolean;
}

/** Handed to the DuckDB worker thread at spawn (and to its replacement after a crash). */
export interface WorkerConfig {
  readonly dbPath: string;
  /** The data folder: no statement of a person's may write a file into it (dataDirGuard.worker.ts). */
  readonly protectedDir: string;
  readonly duckdb: Readonly<Record<string, string>>;
  /** How often a running query, and the hash of a big file's fingerprint, report progress. */
  readonly progressIntervalMs: number;
  /**
   * How often a running query commits what it appended so far, so pages can be read while it runs.
   * The first commit waits for it too: the head, sent with the first chunk, makes the first page fast.
   */
  readonly flushIntervalMs: number;
}

/** How a catalog registration reads its source; built in main, executed on the worker thread. */
export type RegisterSpec =
  /** A view over a DuckDB table function (read_csv, read_parquet, read_json…). */
  | { readonly kind: 'view'; readonly name: string; readonly format: Exclude<DatasetFormat, 'duckdb'>; readonly location: string }
  /** A DuckDB database file, attached read-only under the dataset's name. */
  | { readonly kind: 'attach'; readonly name: string; readonly location: string };

export interface Registered {
  readonly columns: readonly Column[];
  readonly tables?: readonly DatasetTable[];
  /** How a CSV that DuckDB's defaults misread was read instead. */
  readonly reading?: CsvReading;
}

/** Main → worker. Every request carries a jobId its reply echoes. */
export type WorkerRequest =
  /** `readsOnly`: a re-run of a result that was not kept, refused at its first statement that does not only read (rerunGuard.worker.ts). */
  | { readonly type: 'run'; readonly jobId: number; readonly sql: string; readonly resultTable: string; readonly readsOnly?: boolean }
  | { readonly type: 'cancel'; readonly jobId: number }
  /** Stop cleanly: interrupt what runs, let every DuckDB call return, then exit. */
  | { readonly type: 'shutdown' }
  /** Main's watchdog (workerHeartbeat.ts): answered at once by the thread's event loop, never by DuckDB. */
  | { readonly type: 'heartbeat'; readonly beat: number }
  | { readonly type: 'page'; readonly jobId: number; readonly resultTable: string; readonly columnCount: number; readonly offset: number; readonly limit: number }
  | { readonly type: 'register'; readonly jobId: number; readonly spec: RegisterSpec }
  | { readonly type: 'unregister'; readonly jobId: number; readonly spec: RegisterSpec }
  /** Reads an Arrow IPC file (file or stream format) and writes it as Parquet at `target`. */
  | { readonly type: 'convertArrow'; readonly jobId: number; readonly source: string; readonly target: string }
  /** `params` are bound to `$1`, `$2`, … as VARCHAR: values a person typed never become SQL text. */
  | { readonly type: 'exec'; readonly jobId: number; readonly sql: string; readonly params?: readonly string[] }
  /**
   * A sorted/filtered view's copy of a result (`CREATE TABLE … AS`, query/resultViews.ts) on a
   * connection of its own: a copy takes seconds on millions of rows, and the next view's first page
   * (a `read`) must not queue behind it. Parameters as for `exec`.
   */
  | { readonly type: 'copyView'; readonly jobId: number; readonly sql: string; readonly params?: readonly string[] }
  /**
   * How many rows pass a view's filters (`count(*)`, query/resultViews.ts), on a connection of its
   * own: it runs beside the filtered first page's read instead of queueing with it. Parameters as
   * for `exec`.
   */
  | { readonly type: 'viewCount'; readonly jobId: number; readonly sql: string; readonly params?: readonly string[] }
  /** Small internal reads (the result tables that exist, the database's size): rows as JS values. */
  | { readonly type: 'read'; readonly jobId: number; readonly sql: string; readonly params?: readonly string[] }
  /**
   * A new pivot's first steps (pivot/pivotHead.worker.ts) on the admin connection: `partialSql`
   * (its partial groups into their temp table), `keysSql` (the column keys), then, if `head` is
   * asked, the page with those keys bound; one request, so no trip back to main between the steps.
   */
  | {
      readonly type: 'pivotHead';
      readonly jobId: number;
      readonly spec: PivotSpec;
      readonly source: PivotSource;
      readonly partialSql?: string;
      readonly keysSql?: string;
      readonly head?: PivotHeadRange;
    }
  /** An export's COPY … TO, on a connection of its own (cancellable); progress replies report DuckDB's percent. */
  | { readonly type: 'export'; readonly jobId: number; readonly sql: string }
  /** A column profile query (src/main/explore/profileSql.ts) on the profiles' own connection: its one row as text. */
  | { readonly type: 'profile'; readonly jobId: number; readonly profileId: string; readonly sql: string; readonly params?: readonly string[] }
  /** Interrupts the profile query `profileId` (or keeps it from starting). */
  | { readonly type: 'cancelProfile'; readonly jobId: number; readonly profileId: string }
  /** An instant preview of the statement under `cursor` in `sql` (src/main/instant), on a connection of its own. */
  | { readonly type: 'preview'; readonly jobId: number; readonly previewId: string; readonly sql: string; readonly cursor: number }
  /** Interrupts the preview `previewId` (or keeps it from starting). */
  | { readonly type: 'cancelPreview'; readonly jobId: number; readonly previewId: string }
  /** A chart's marks (src/shared/chart/chartSql.ts) on the charts' own connections: rows as text. */
  | { readonly type: 'chart'; readonly jobId: number; readonly chartId: string; readonly sql: string; readonly params?: readonly string[] }
  /** Interrupts the chart query `chartId` (or keeps it from starting). */
  | { readonly type: 'cancelChart'; readonly jobId: number; readonly chartId: string }
  /** A dataset's fingerprint (catalog/fingerprint.worker.ts): hashed here, never on main. */
  | { readonly type: 'fingerprint'; readonly jobId: number; readonly target: FingerprintTarget }
  /**
   * What a CSV's bytes say of its encoding (catalog/csvText.worker.ts): the fingerprint's scan when the
   * file is as it was hashed, so nothing is read again; else a scan here. Never on main.
   */
  | { readonly type: 'textVerdict'; readonly jobId: number; readonly path: string }
  /** DuckDB's parse tree of a script (`json_serialize_sql`), on a connection of its own: what a query reads. */
  | { readonly type: 'parseTree'; readonly jobId: number; readonly sql: string }
  /** Rows for the read-only `sextant` schema (src/main/history), applied in one transaction. */
  | { readonly type: 'history'; readonly jobId: number; readonly batch: HistoryBatch };

/** A stored event as `sextant.events` shows it. */
export interface HistoryEventRow {
  readonly globalSeq: number;
  readonly type: string;
  readonly topic: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateSeq: number;
  readonly occurredAt: string;
  /** The event's payload as JSON text. */
  readonly payload: string;
}

/** A query as `sextant.queries` shows it; sent whole each time it changes (the worker replaces it by id). */
export interface HistoryQueryRow {
  readonly queryId: string;
  readonly sessionId: string;
  readonly sql: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly rows: number | null;
  readonly status: 'running' | 'completed' | 'failed' | 'cancelled';
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** The datasets a completed query read, as its completion recorded them (query/readInputs.ts); none before it completes. */
  readonly datasetsRead: readonly string[];
}

export interface HistorySessionRow {
  readonly sessionId: string;
  readonly title: string;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly status: 'open' | 'closed';
}

export interface HistoryDatasetRow {
  readonly datasetId: string;
  readonly name: string | null;
  readonly source: string;
  readonly format: string | null;
  readonly status: 'pending' | 'registered' | 'failed' | 'removed';
  readonly requestedAt: string;
  readonly registeredAt: string | null;
  readonly errorCode: string | null;
}

/** One append to the history tables; `reset` empties them first (a refill from the log). */
export interface HistoryBatch {
  readonly reset: boolean;
  readonly events: readonly HistoryEventRow[];
  readonly queries: readonly HistoryQueryRow[];
  readonly sessions: readonly HistorySessionRow[];
  readonly datasets: readonly HistoryDatasetRow[];
}

export interface RunOutcome {
  readonly rowCount: number;
  readonly columns: readonly Column[];
  readonly durationMs: number;
  /**
   * False when the last statement has no result set (CREATE, SET, ATTACH…: DuckDB's return type
   * NOTHING): `columns` is then empty, which is how the app tells it from a result without rows.
   */
  readonly hasTable: boolean;
}

export interface ReplyOf {
  run: RunOutcome;
  cancel: null;
  page: ReadonlyArray<ReadonlyArray<string | null>>;
  register: Registered;
  unregister: null;
  convertArrow: { readonly rows: number };
  exec: null;
  copyView: null;
  viewCount: number;
  read: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** The keys found, and the page (undefined when not asked, or when it starts past the pivot's end). */
  pivotHead: { readonly keys: PivotKeys; readonly head: PivotHead | undefined };
  export: { readonly rows: number };
  profile: ReadonlyArray<string | null>;
  cancelProfile: null;
  preview: PreviewAnswer;
  cancelPreview: null;
  chart: ReadonlyArray<ReadonlyArray<string | null>>;
  cancelChart: null;
  fingerprint: DatasetFingerprint;
  textVerdict: TextVerdict;
  parseTree: string;
  /** Applied; a thread that replaced a dead one starts empty, which main sees by its own thread count. */
  history: null;
}

export interface RunProgress {
  readonly elapsedMs: number;
  readonly rowsProcessed?: number;
  readonly percent?: number;
}

/**
 * A damaged DuckDB file the thread's start moved aside before it opened a fresh one
 * (damagedDatabase.worker.ts), said before anything else of the start; main logs it with its id.
 */
export interface MovedAside {
  readonly id: string;
  readonly file: string;
  readonly movedTo: string;
  /** Where its WAL went, when it had one. */
  readonly walMovedTo?: string;
  /** DuckDB's words about the file. */
  readonly said: string;
}

/** Worker → main. `ready`, `movedAside`, `fatal` and `heartbeat` are about the worker itself, the rest about one job. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'movedAside'; readonly moved: MovedAside }
  | { readonly type: 'fatal'; readonly error: AppError }
  /** The answer to main's `heartbeat` of the same `beat`: the thread's event loop runs. */
  | { readonly type: 'heartbeat'; readonly beat: number }
  | { readonly type: 'began'; readonly jobId: number }
  | ({ readonly type: 'progress'; readonly jobId: number } & RunProgress)
  /** A fingerprint's hash of a big file, part way (at most every progressIntervalMs). */
  | ({ readonly type: 'hashProgress'; readonly jobId: number } & HashProgress)
  /** The result's columns are known and its (empty) table exists. */
  | { readonly type: 'columns'; readonly jobId: number; readonly columns: readonly Column[] }
  /** The first rows of the result as text (column-major), sent once, before they are even committed: the first page. */
  | { readonly type: 'head'; readonly jobId: number; readonly head: ReplyOf['page'] }
  /** The first `rowsAvailable` rows of the result are committed: pages up to there can be read. */
  | { readonly type: 'rows'; readonly jobId: number; readonly rowsAvailable: number }
  | { readonly type: 'done'; readonly jobId: number; readonly value: ReplyOf[keyof ReplyOf] }
  | { readonly type: 'failed'; readonly jobId: number; readonly error: AppError };
