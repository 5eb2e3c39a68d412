import type { AppError } from './errors';
import type { EventEnvelope } from './events';
import type { AppView } from '../views/appView';
import type { HashProgress } from './fingerprint';

/** Transient: a running query's progress. Never stored or replayed from the log; a subscription going live is sent the latest of each query still in flight. */
export interface QueryProgress {
  readonly kind: 'query';
  readonly topic: string;
  readonly sessionId: string;
  readonly queryId: string;
  readonly elapsedMs: number;
  /** Rows DuckDB has read so far, when it reports them. */
  readonly rowsProcessed?: number;
  /** 0–100, only when DuckDB can estimate it. */
  readonly percent?: number;
  /**
   * Rows of the result readable with fetchPage now. The one signal that rows are ready: sent the
   * moment it grows (and repeated on ticks), also while an evicted result re-runs; fetchPage never
   * waits, so a client fetches pages when this changes.
   */
  readonly rowsAvailable?: number;
  /**
   * DuckDB is done, but the store refuses to record the query's end (a full disk, a store turned
   * read-only): the runner stores it by itself as soon as the store takes writes again
   * (docs/query-engine.md, "An end the store refuses"). Sent on each refused attempt; gone with the
   * end's event. The query stays Executing in the log: this is progress, not a phase.
   */
  readonly waitingToSave?: WaitingToSave;
  /**
   * The query waits for the DuckDB worker: `maxConcurrentQueries` run already, or the worker is
   * being restarted. Sent when it is queued and each time this changes; the frame sent as it starts
   * has none. Transient, like all progress: the log says Pending until ExecutionBegan.
   */
  readonly queued?: QueuePlace;
}

/** What a queued query waits for. */
export type QueuePlace =
  /**
   * Its place among the queries that start in queue order: 1 starts next. With every slot taken, it
   * starts once `position` of the queries running or ahead of it have finished.
   */
  | { readonly waitsFor: 'queries'; readonly position: number }
  /**
   * The worker thread died and its replacement is being given what the dead one held (attached
   * databases): no query runs until that is done, so a place in line says nothing.
   */
  | { readonly waitsFor: 'restart' };

/**
 * The end a query waits to store, and why the store refused it: `error` is the store's refusal of
 * the last attempt (its code, its message, and the id of the log line that says the end waits).
 */
export type WaitingToSave =
  | { readonly ending: 'completed'; readonly rowCount: number; readonly error: AppError }
  | { readonly ending: 'failed'; readonly error: AppError };

/** Transient: a dataset being downloaded from an http(s) URL (topic `catalog`). */
export interface DownloadProgress {
  readonly kind: 'download';
  readonly topic: string;
  readonly datasetId: string;
  readonly source: string;
  readonly receivedBytes: number;
  /** Known when the server sends Content-Length. */
  readonly totalBytes?: number;
  readonly percent?: number;
}

/**
 * Transient: a dataset's file being fingerprinted as it is added or located (topic `catalog`): the
 * hash's progress, for content of HASH_PROGRESS_MIN_BYTES or more.
 */
export interface FingerprintProgress extends HashProgress {
  readonly kind: 'fingerprint';
  readonly topic: string;
  readonly datasetId: string;
  readonly source: string;
  readonly percent: number;
}

/**
 * Transient: an export of a result being written (topic of its session). `bytesWritten` is the size
 * of the file so far (a stat of it); `rowsEstimate` is the result's rows × DuckDB's percent done, an
 * estimate until `state` is 'done', when `rows` and `bytes` are exact.
 */
export interface ExportProgress {
  readonly kind: 'export';
  readonly topic: string;
  readonly sessionId: string;
  readonly queryId: string;
  readonly exportId: string;
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  readonly elapsedMs: number;
  readonly bytesWritten: number;
  readonly rowsEstimate?: number;
  readonly percent?: number;
  readonly rows?: number;
  readonly bytes?: number;
  readonly error?: AppError;
}

/**
 * Transient: which ready datasets' files are not on this machine changed (topic `catalog`), found
 * at a start, an input watcher's look or a Locate: their ids now. Machine-local, never stored.
 */
export interface AvailabilityProgress {
  readonly kind: 'availability';
  readonly topic: string;
  readonly notHere: readonly string[];
}

/**
 * Transient: DuckDB's side of this start failed (topic `catalog`): a DuckDB file locked by another
 * process or written by a newer DuckDB, a worker that died before opening it (docs/store.md, "A
 * start"). Until Sextant is started again, everything that needs DuckDB is refused with `error`,
 * the start's own (its id is the log line's). Published as the start fails, and sent again to each
 * catalog subscription going live after; a start that comes up sends nothing.
 */
export interface DuckDbDownProgress {
  readonly kind: 'duckdbDown';
  readonly topic: string;
  readonly error: AppError;
}

export type Progress = QueryProgress | DownloadProgress | FingerprintProgress | ExportProgress | AvailabilityProgress | DuckDbDownProgress;

/**
 * What a subscriber receives. `snapshot` and `event` carry the global seq the client keeps as its
 * replay cursor; `live` marks the end of catch-up; `stale` means the subscription was dropped
 * (its queue overflowed) and the client must resubscribe from its last seq.
 * `storeId` names the event log the seqs belong to (the first stored event's id): a cursor from
 * another log (the data dir was replaced) is refused in favour of a fresh snapshot. So is a cursor
 * whose event is not the one at its seq in this log (restored from a backup taken before it): a
 * snapshot's `lastEventId` is the id of the event at its `seq` ('' while the log is empty), the id
 * the client sends back with that seq, as it does an event frame's.
 */
export type Frame =
  | {
      readonly kind: 'snapshot';
      readonly subscriptionId: string;
      readonly seq: number;
      readonly storeId: string;
      readonly lastEventId: string;
      readonly state: AppView;
    }
  | { readonly kind: 'event'; readonly subscriptionId: string; readonly event: EventEnvelope }
  | { readonly kind: 'live'; readonly subscriptionId: string; readonly seq: number; readonly storeId: string }
  | { readonly kind: 'progress'; readonly subscriptionId: string; readonly progress: Progress }
  | { readonly kind: 'stale'; readonly subscriptionId: string; readonly lastSeq: number; readonly error: AppError };

export type FrameKind = Frame['kind'];
