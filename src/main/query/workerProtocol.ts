import type { AppError } from '../../shared/contracts/errors';
import type { Column, DatasetFormat } from '../../shared/contracts/events';

/** Handed to each DuckDB worker at spawn: every worker opens the same database via fromCache. */
export interface WorkerConfig {
  readonly dbPath: string;
  readonly duckdb: Readonly<Record<string, string>>;
  /** How often a running query reports progress. */
  readonly progressIntervalMs: number;
}

/** Main → worker. Every request carries a jobId its reply echoes. */
export type WorkerRequest =
  | { readonly type: 'run'; readonly jobId: number; readonly sql: string; readonly resultTable: string }
  | { readonly type: 'cancel'; readonly jobId: number }
  | { readonly type: 'page'; readonly jobId: number; readonly resultTable: string; readonly columnCount: number; readonly offset: number; readonly limit: number }
  | { readonly type: 'register'; readonly jobId: number; readonly name: string; readonly source: string; readonly format: DatasetFormat }
  | { readonly type: 'exec'; readonly jobId: number; readonly sql: string };

export interface RunOutcome {
  readonly rowCount: number;
  readonly columns: readonly Column[];
  readonly durationMs: number;
  /** False when the last statement returns no columns (e.g. SET): there is nothing to page. */
  readonly hasTable: boolean;
}

export interface ReplyOf {
  run: RunOutcome;
  cancel: null;
  page: ReadonlyArray<ReadonlyArray<string | null>>;
  register: readonly Column[];
  exec: null;
}

/** Worker → main. `ready` and `fatal` are about the worker itself, the rest about one job. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly error: AppError }
  | { readonly type: 'began'; readonly jobId: number }
  | { readonly type: 'progress'; readonly jobId: number; readonly elapsedMs: number; readonly rowsProcessed?: number; readonly percent?: number }
  | { readonly type: 'done'; readonly jobId: number; readonly value: ReplyOf[keyof ReplyOf] }
  | { readonly type: 'failed'; readonly jobId: number; readonly error: AppError };

