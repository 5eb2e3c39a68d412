import type { Logger } from '../platform/logger';
import type { FlowLimits } from '../streams/outbox';
import type { StreamLimits } from '../streams/streamManager';
import type { SnapshotPolicy } from '../streams/viewSnapshotWriter';

/** Disk kept results may use by default before the oldest are dropped. */
export const DEFAULT_RESULT_CACHE_BYTES = 5 * 2 ** 30;

/** How often long jobs on the DuckDB worker report progress by default: often enough to look live, rarely enough to cost nothing. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 200;

/** How a host starts the core: where its data lives, the worker's entry, and the limits tests shrink. */
export interface AppCoreOptions {
  readonly dataDir: string;
  /** The DuckDB worker entry: out/main/duckdbWorker.js when built, the .ts source under tsx in tests. */
  readonly workerPath: string;
  readonly workerExecArgv?: readonly string[];
  readonly memoryLimit?: string;
  readonly log?: Logger;
  /** Datasets to offer on first start; defaults to the vega-datasets samples. */
  readonly samples?: readonly string[];
  /** A query running longer than this fails with TIMEOUT; unset, queries may run as long as they need. */
  readonly queryTimeoutMs?: number;
  /** Queries running at once on the DuckDB worker (default 2); more wait their turn. */
  readonly maxConcurrentQueries?: number;
  /** Disk kept results may use before the oldest are dropped (default 5 GiB); dropped ones re-run on demand. */
  readonly resultCacheBytes?: number;
  /** Stream and flow-control limits; the app runs the defaults, tests shrink them to reach the edges. */
  readonly streamLimits?: Partial<StreamLimits>;
  readonly flowLimits?: Partial<FlowLimits>;
  /** An instant preview running longer than this fails with TIMEOUT (default 2 s). */
  readonly previewBudgetMs?: number;
  /** When main writes snapshots of its view (docs/store.md, "Snapshots"); tests shrink it. */
  readonly snapshotPolicy?: Partial<SnapshotPolicy>;
  /** How often registered files are looked at for changes (default 2 s). */
  readonly inputWatchMs?: number;
  /** How often a long job on the DuckDB worker (a result being written, an export, a big file's hash) reports progress, at most (default DEFAULT_PROGRESS_INTERVAL_MS). */
  readonly progressIntervalMs?: number;
}
