import type { DownloadProgress, FingerprintProgress, Frame, QueryProgress } from '../../shared/contracts/frames';
import type { AppError } from '../../shared/contracts/errors';
import type { DomainEvent } from '../../shared/contracts/events';
import type { SextantApi } from '../../shared/contracts/protocol';
import { emptyView, evolveAppView, type AppView } from '../../shared/views/appView';

interface Cursor {
  readonly pattern: string;
  subscriptionId: string;
  view: AppView;
  /** Last global seq folded into `view`; undefined until the first snapshot. */
  seq: number | undefined;
  /** The event log `seq` belongs to, as main named it; a cursor from another log gets a snapshot. */
  storeId: string | undefined;
  /** The id of the event at `seq` (a snapshot names it too): a log restored from a backup has other events at the same seqs. */
  eventId: string | undefined;
  live: boolean;
  /** Why its last catch-up failed (main could not read its store), until it goes live or the connection is new. */
  failure: AppError | undefined;
}

interface Saved {
  readonly seq: number;
  readonly storeId?: string;
  readonly eventId?: string;
  readonly view: AppView;
}

export interface StreamState {
  /** Sessions and datasets merged from every subscription. */
  readonly view: AppView;
  readonly connected: boolean;
  /** True once every subscription has caught up and gone live. */
  readonly live: boolean;
  readonly progress: Readonly<Record<string, QueryProgress>>;
  /** Datasets being added, by id: their download's or fingerprint's progress, until they are registered or fail. */
  readonly catalogProgress: Readonly<Record<string, CatalogProgress>>;
  /** The ready datasets whose file is not on this machine, as main last said on the catalog topic; undefined until it says. */
  readonly notHere: readonly string[] | undefined;
  /** Why a subscription could not catch up (main could not read its store: STORE_CORRUPT), until one goes live again. */
  readonly failure: AppError | undefined;
  /** Why DuckDB is not running (its start failed: the error every query is refused with), as main said on the catalog topic; undefined while it runs or starts, and on a new connection until main says it again. */
  readonly duckdbDown: AppError | undefined;
}

export type CatalogProgress = DownloadProgress | FingerprintProgress;

/** The events after which a dataset is no longer being added. */
const DATASET_SETTLED: ReadonlySet<DomainEvent['type']> = new Set<DomainEvent['type']>(['DatasetRegistered', 'DatasetFailed', 'DatasetRemoved']);

/** Saves come at most this often while frames arrive. */
const PERSIST_EVERY_MS = 250;
/** ...and no more often than this many times their own duration: saving a view of 10,000 queries (tens of ms) takes at most a twentieth of the time. */
const PERSIST_SPACING = 20;
/** When the next save may run after one that took `lastMs`. */
export const persistDelayMs = (lastMs: number): number => Math.max(PERSIST_EVERY_MS, PERSIST_SPACING * lastMs);

/** A subscription whose catch-up failed is tried again after this long, not at once: the same failure again would loop. */
export const FAILED_RETRY_MS = 5000;

/** Versioned by the view's shape: a view kept by an older build is not folded on, it is fetched anew. */
const STORAGE_PREFIX = 'sextant:stream:v3:';

/**
 * Keeps (view, seq) per subscription, folds frames with the same pure evolve as main, resubscribes
 * from the last seq after any drop or `stale`, and keeps (view, seq) in sessionStorage so a reload
 * replays only what it missed.
 */
export class StreamClient {
  private readonly cursors = new Map<string, Cursor>();
  private readonly listeners = new Set<() => void>();
  private state: StreamState;
  private connected = false;
  private progress: Record<string, QueryProgress> = {};
  private catalogProgress: Record<string, CatalogProgress> = {};
  private notHere: readonly string[] | undefined;
  private duckdbDown: AppError | undefined;
  private readonly retries = new Map<Cursor, ReturnType<typeof setTimeout>>();
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** How long the last save took: a large view is saved less often (persistDelayMs). */
  private lastPersistMs = 0;
  /** Where each pattern was last saved: its seq, log and event (savedAt). */
  private readonly persisted = new Map<string, string>();
  /** Each cursor's records the view was last merged from: a record no cursor changed is kept as it is. */
  private mergedFrom: Readonly<Record<'sessions' | 'datasets' | 'removedDatasets', readonly (object | undefined)[]>> = { sessions: [], datasets: [], removedDatasets: [] };

  constructor(
    private readonly api: SextantApi,
    patterns: readonly string[],
    private readonly storage: Storage | undefined = globalThis.sessionStorage,
  ) {
    for (const pattern of patterns) {
      const saved = this.load(pattern);
      this.cursors.set(pattern, {
        pattern,
        subscriptionId: newSubscriptionId(pattern),
        view: saved?.view ?? emptyView(),
        seq: saved?.seq,
        storeId: saved?.storeId,
        eventId: saved?.eventId,
        live: false,
        failure: undefined,
      });
    }
    this.state = this.compose();
    api.onFrame((frame) => this.onFrame(frame));
    api.onConnection((connected) => {
      if (connected === this.connected) return; // one subscription per cursor and connection
      this.connected = connected;
      // a new connection catches up afresh: what failed on the last one is not said before it has
      for (const c of this.cursors.values()) c.failure = undefined;
      // a host started again may have DuckDB up: it says so again, on going live, if not
      this.duckdbDown = undefined;
      if (connected) for (const c of this.cursors.values()) void this.subscribe(c);
      else for (const c of this.cursors.values()) c.live = false;
      this.publish();
    });
    globalThis.addEventListener?.('pagehide', () => this.persistNow());
  }

  readonly subscribeToState = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): StreamState => this.state;

  /** The cursor a subscription resumes from; tests and the e2e suite read it. */
  seqOf(pattern: string): number | undefined {
    return this.cursors.get(pattern)?.seq;
  }

  /** One subscription's own view (before merging): equals main's projection for its pattern at `seqOf`. */
  viewOf(pattern: string): AppView | undefined {
    return this.cursors.get(pattern)?.view;
  }

  /** Each subscribe gets a fresh id, so frames still in flight for a replaced one are recognised and ignored. */
  private async subscribe(cursor: Cursor): Promise<void> {
    clearTimeout(this.retries.get(cursor));
    this.retries.delete(cursor);
    const subscriptionId = newSubscriptionId(cursor.pattern);
    cursor.subscriptionId = subscriptionId;
    cursor.live = false;
    const { seq: afterSeq, storeId, eventId: afterEventId } = cursor;
    const result = await this.api.subscribe(subscriptionId, cursor.pattern, afterSeq === undefined ? undefined : { afterSeq, storeId, afterEventId });
    // DISCONNECTED is retried on reconnect; anything else is a bug worth seeing in the console.
    if (!result.ok && result.error.code !== 'DISCONNECTED') console.error(`subscribe ${cursor.pattern} failed (error id ${result.error.id})`, result.error);
  }

  private onFrame(frame: Frame): void {
    const cursor = [...this.cursors.values()].find((c) => c.subscriptionId === frame.subscriptionId);
    if (!cursor) return; // a frame for a subscription we already replaced
    switch (frame.kind) {
      case 'snapshot':
        cursor.view = frame.state;
        cursor.seq = frame.seq;
        cursor.storeId = frame.storeId;
        cursor.eventId = frame.lastEventId;
        break;
      case 'event':
        // The cursor is exclusive: anything at or below it is already folded.
        if (cursor.seq !== undefined && frame.event.globalSeq <= cursor.seq) return;
        cursor.view = evolveAppView(cursor.view, frame.event);
        cursor.seq = frame.event.globalSeq;
        cursor.eventId = frame.event.eventId;
        if (frame.event.type === 'QueryCompleted' || frame.event.type === 'QueryFailed' || frame.event.type === 'QueryCancelled') {
          const { [frame.event.payload.queryId]: _done, ...rest } = this.progress;
          this.progress = rest;
        }
        if (DATASET_SETTLED.has(frame.event.type) && frame.event.aggregateId in this.catalogProgress) {
          const { [frame.event.aggregateId]: _settled, ...rest } = this.catalogProgress;
          this.catalogProgress = rest;
        }
        break;
      case 'live':
        cursor.live = true;
        cursor.storeId = frame.storeId;
        cursor.failure = undefined;
        break;
      case 'progress':
        switch (frame.progress.kind) {
          case 'query':
            this.progress = { ...this.progress, [frame.progress.queryId]: frame.progress };
            break;
          case 'download':
          case 'fingerprint':
            this.catalogProgress = { ...this.catalogProgress, [frame.progress.datasetId]: frame.progress };
            break;
          case 'availability':
            this.notHere = frame.progress.notHere;
            break;
          case 'duckdbDown':
            this.duckdbDown = frame.progress.error;
            break;
          case 'export':
            return; // the export dialog listens for its own
        }
        break;
      case 'stale':
        // fallen behind: from the last seq at once; failed (a damaged store): said, and tried again later
        if (frame.error.code === 'DISCONNECTED') {
          void this.subscribe(cursor);
          return;
        }
        console.error(`catching up ${cursor.pattern} failed (error id ${frame.error.id})`, frame.error);
        cursor.failure = frame.error;
        this.retries.set(
          cursor,
          setTimeout(() => {
            if (this.connected) void this.subscribe(cursor);
          }, FAILED_RETRY_MS),
        );
        break;
    }
    this.publish();
    this.schedulePersist();
  }

  private compose(): StreamState {
    const views = [...this.cursors.values()].map((c) => c.view);
    const view = (this.state as StreamState | undefined)?.view;
    const sessions = merged(views.map((v) => v.sessions), this.mergedFrom.sessions, view?.sessions);
    const datasets = merged(views.map((v) => v.datasets), this.mergedFrom.datasets, view?.datasets);
    const removedDatasets = merged(views.map((v) => v.removedDatasets), this.mergedFrom.removedDatasets, view?.removedDatasets);
    this.mergedFrom = { sessions: views.map((v) => v.sessions), datasets: views.map((v) => v.datasets), removedDatasets: views.map((v) => v.removedDatasets) };
    return {
      view: sessions === view?.sessions && datasets === view.datasets && removedDatasets === view.removedDatasets ? view : { sessions, datasets, removedDatasets },
      connected: this.connected,
      live: [...this.cursors.values()].every((c) => c.live),
      progress: this.progress,
      catalogProgress: this.catalogProgress,
      notHere: this.notHere,
      failure: [...this.cursors.values()].find((c) => c.failure)?.failure,
      duckdbDown: this.duckdbDown,
    };
  }

  private publish(): void {
    this.state = this.compose();
    this.listeners.forEach((l) => l());
  }

  private schedulePersist(): void {
    if (this.persistTimer !== undefined) return;
    this.persistTimer = setTimeout(() => this.persistNow(), persistDelayMs(this.lastPersistMs));
  }

  private persistNow(): void {
    if (this.persistTimer !== undefined) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    const started = performance.now();
    for (const c of this.cursors.values()) {
      // A cursor with nothing new since its last save (the catalog while a session streams) is not written again.
      if (c.seq === undefined || this.persisted.get(c.pattern) === savedAt(c)) continue;
      this.persisted.set(c.pattern, savedAt(c));
      try {
        const saved: Saved = { seq: c.seq, view: c.view, ...(c.storeId === undefined ? {} : { storeId: c.storeId }), ...(c.eventId === undefined ? {} : { eventId: c.eventId }) };
        this.storage?.setItem(STORAGE_PREFIX + c.pattern, JSON.stringify(saved));
      } catch {
        this.storage?.removeItem(STORAGE_PREFIX + c.pattern); // quota: fall back to a snapshot next time
      }
    }
    this.lastPersistMs = performance.now() - started;
  }

  private load(pattern: string): Saved | undefined {
    try {
      const raw = this.storage?.getItem(STORAGE_PREFIX + pattern);
      if (!raw) return undefined;
      const parsed = JSON.parse(raw) as { seq?: unknown; storeId?: unknown; eventId?: unknown; view?: AppView };
      if (typeof parsed.seq !== 'number' || !parsed.view) return undefined;
      const { storeId, eventId } = parsed;
      return { seq: parsed.seq, view: parsed.view, ...(typeof storeId === 'string' ? { storeId } : {}), ...(typeof eventId === 'string' ? { eventId } : {}) };
    } catch {
      return undefined;
    }
  }
}

/**
 * The cursors' records merged into one, keeping `previous` when no cursor's record changed since
 * `from`, so an event in one session leaves the datasets (and what is built from them: the catalog,
 * the editor's completion) as they were, and a memoized part of the window is not rendered again.
 */
function merged<T>(parts: readonly (Readonly<Record<string, T>> | undefined)[], from: readonly (object | undefined)[], previous: Readonly<Record<string, T>> | undefined): Readonly<Record<string, T>> {
  if (previous && parts.length === from.length && parts.every((p, i) => p === from[i])) return previous;
  const filled = parts.filter((p): p is Readonly<Record<string, T>> => p !== undefined && Object.keys(p).length > 0);
  if (filled.length === 1) return filled[0]!;
  let out: Record<string, T> = {};
  for (const p of filled) out = { ...out, ...p };
  return out;
}

/** Where a cursor stands (seq, log, event): a snapshot from a restored log may land on the same seq with another event. */
const savedAt = (c: Cursor): string => JSON.stringify([c.seq, c.storeId, c.eventId]);

const newSubscriptionId = (pattern: string): string => `${pattern}#${crypto.randomUUID().slice(0, 8)}`;
