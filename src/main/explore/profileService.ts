import { appError, fail, isAppError, ok, type AppError, type Result } from '../../shared/contracts/errors';
import { PROFILE_BATCH_COLUMNS, type ColumnProfile, type ProfileAnswer, type ProfileBatch, type ProfileTarget } from '../../shared/explore/columnProfile';
import { withFailureLogged } from '../platform/answeredFailure';
import { newErrorId, newId } from '../platform/ids';
import { silentLogger, type Logger } from '../platform/logger';
import type { QueryWorker } from '../query/queryWorker';
import type { ResolveProfileSource, ProfileSource } from './profileSource';
import { EXACT_DISTINCT_ROWS, profileSql, readProfile, sampleFor, type ProfileRequest } from './profileSql';

type Profiled = Omit<ProfileAnswer, 'requestId'>;

/** A column's profile once computed: kept for as long as its source's rows are. */
interface Computed {
  readonly kind: 'computed';
  readonly profile: ColumnProfile;
  readonly rows: number;
  readonly sample?: ProfileBatch['sample'];
  readonly filtered?: ProfileAnswer['filtered'];
}

/** The profiles of one source: computed ones, and the batch computing each of the others. */
interface SourceCache {
  readonly columns: Map<number, Computed | Batch>;
  /** The source's row count, when it had to be counted (a dataset); decides the sample. */
  total?: Promise<number>;
}

/** One profile query: up to PROFILE_BATCH_COLUMNS columns, run when its turn comes, for as long as some request waits for it. */
class Batch {
  readonly kind = 'batch';
  readonly profileId = newId();
  /** The requests waiting for it; when the last one goes, it is dropped. */
  readonly waiters = new Set<symbol>();
  state: 'queued' | 'running' | 'finished' | 'dropped' = 'queued';
  readonly done: Promise<ProfileBatch>;
  resolve!: (batch: ProfileBatch) => void;
  reject!: (error: AppError) => void;

  constructor(
    readonly source: ProfileSource,
    readonly cache: SourceCache,
    readonly indexes: readonly number[],
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A dropped batch rejects with nobody listening: that is expected.
    this.done.catch(() => undefined);
  }
}

const cancelled = (): AppError => appError(newErrorId(), 'INTERRUPTED', 'The profile was cancelled.');

/** Filtered profiles kept per result: each filter a person typed on the way is one, so the oldest go. */
const FILTERED_CACHES = 16;

/**
 * Column profiles, scheduled (docs/explore.md, column profiles). A request names columns of a
 * source; the ones not computed yet are split into batches of PROFILE_BATCH_COLUMNS, one DuckDB
 * query each, run one at a time on the profiles' own worker connection in the order they were
 * asked for (the client asks for the cards in view first). A column already being computed joins
 * its batch instead of starting another. A request that is cancelled leaves its batches; a batch
 * nobody waits for any more never runs, or is interrupted while it runs. Profiles are cached per
 * source (a kept result's rows, a dataset's view) and its filter, and die with it.
 */
export class ProfileService {
  /** Per source, a cache per variant: '' for all its rows, a result's filters for the rows they keep. */
  private readonly caches = new WeakMap<object, Map<string, SourceCache>>();
  private readonly queue: Batch[] = [];
  private running: Batch | undefined;
  /** Batches run so far: what the tests and benchmarks count queries with. */
  batchesRun = 0;

  constructor(
    private readonly queryWorker: Pick<QueryWorker, 'request'>,
    private readonly resolve: ResolveProfileSource,
    /** Where a failed profile's error is written, so the id the window shows is found in the log. */
    private readonly log: Logger = silentLogger(),
  ) {}

  profile(target: ProfileTarget, columns: readonly number[], signal?: AbortSignal): Promise<Result<Profiled>> {
    // which result or dataset, not its filter's values (the person's data)
    return withFailureLogged(this.log, this.answered(target, columns, signal), target.kind === 'result' ? { queryId: target.queryId } : { datasetId: target.datasetId });
  }

  private async answered(target: ProfileTarget, columns: readonly number[], signal: AbortSignal | undefined): Promise<Result<Profiled>> {
    // a result being re-run on demand is waited for here (profileSource.ts)
    const found = await this.resolve(target, signal);
    if (!found.ok) return found;
    const source = found.value;
    const bad = columns.find((c) => c >= source.columns.length);
    if (bad !== undefined) {
      return fail(appError(newErrorId(), 'INVALID_COMMAND', `There is no column ${bad} to profile.`, { details: { columns: source.columns.length } }));
    }
    if (signal?.aborted) return fail(cancelled());
    const cache = this.cacheOf(source);
    const wanted = [...new Set(columns)];
    const waiter = Symbol('profile request');
    const batches = new Set<Batch>();
    const missing: number[] = [];
    for (const c of wanted) {
      const entry = cache.columns.get(c);
      if (entry?.kind === 'batch') batches.add(entry);
      else if (!entry) missing.push(c);
    }
    for (let i = 0; i < missing.length; i += PROFILE_BATCH_COLUMNS) {
      const batch = new Batch(source, cache, missing.slice(i, i + PROFILE_BATCH_COLUMNS));
      for (const c of batch.indexes) cache.columns.set(c, batch);
      this.queue.push(batch);
      batches.add(batch);
    }
    for (const b of batches) b.waiters.add(waiter);
    this.pump();

    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      // let go at once, so a request that comes right after (the same id, asked again) does not join a batch about to be dropped
      onAbort = () => {
        for (const b of batches) this.release(b, waiter);
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([Promise.all([...batches].map((b) => b.done)), aborted]);
    } catch (e) {
      return fail(e as AppError);
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      for (const b of batches) this.release(b, waiter);
    }
    return ok(this.answer(cache, wanted));
  }

  /** The profiles computed for `wanted`, in the order asked, with the rows (and sample) they came from. */
  private answer(cache: SourceCache, wanted: readonly number[]): Profiled {
    const out: { column: number; profile: ColumnProfile }[] = [];
    let first: Computed | undefined;
    for (const column of wanted) {
      const entry = cache.columns.get(column);
      if (entry?.kind !== 'computed') continue;
      first ??= entry;
      out.push({ column, profile: entry.profile });
    }
    return { rows: first?.rows ?? 0, ...(first?.sample ? { sample: first.sample } : {}), ...(first?.filtered ? { filtered: first.filtered } : {}), columns: out };
  }

  private cacheOf(source: ProfileSource): SourceCache {
    let variants = this.caches.get(source.key);
    if (!variants) {
      variants = new Map();
      this.caches.set(source.key, variants);
    }
    const cache = variants.get(source.variant) ?? { columns: new Map() };
    // most recently used last; a batch still running keeps its own reference to a cache dropped here
    variants.delete(source.variant);
    variants.set(source.variant, cache);
    const oldest = [...variants.keys()].find((v) => v !== '');
    if (variants.size > FILTERED_CACHES + 1 && oldest !== undefined) variants.delete(oldest);
    return cache;
  }

  /** A request stops waiting for a batch; the last one to go drops it (and interrupts it if it runs). */
  private release(batch: Batch, waiter: symbol): void {
    batch.waiters.delete(waiter);
    if (batch.waiters.size > 0 || batch.state === 'finished' || batch.state === 'dropped') return;
    const wasRunning = batch.state === 'running';
    batch.state = 'dropped';
    this.forget(batch);
    const queued = this.queue.indexOf(batch);
    if (queued !== -1) this.queue.splice(queued, 1);
    if (wasRunning) void this.queryWorker.request({ type: 'cancelProfile', profileId: batch.profileId }).catch(() => undefined);
    batch.reject(cancelled());
  }

  /** Its columns are no longer being computed: a later request starts them again. */
  private forget(batch: Batch): void {
    for (const c of batch.indexes) if (batch.cache.columns.get(c) === batch) batch.cache.columns.delete(c);
  }

  private pump(): void {
    if (this.running) return;
    const batch = this.queue.shift();
    if (!batch) return;
    this.running = batch;
    batch.state = 'running';
    void this.execute(batch).finally(() => {
      this.running = undefined;
      this.pump();
    });
  }

  private async execute(batch: Batch): Promise<void> {
    const { source, cache } = batch;
    try {
      const total = source.totalRows ?? (await this.count(batch));
      const sample = sampleFor(total);
      const request: ProfileRequest = { relation: source.relation, columns: batch.indexes.map((i) => source.columns[i]!), ...(sample ? { sample } : {}), exactDistinct: total <= EXACT_DISTINCT_ROWS };
      const filtered = source.unfilteredRows === undefined ? {} : { filtered: { rows: total, of: source.unfilteredRows } };
      this.batchesRun++;
      const cells = await this.queryWorker.request({ type: 'profile', profileId: batch.profileId, sql: profileSql(request), ...params(source) });
      const result = readProfile(cells, request);
      if (batch.state !== 'running') return;
      batch.state = 'finished';
      result.columns.forEach((profile, i) => {
        const column = batch.indexes[i]!;
        if (cache.columns.get(column) === batch) cache.columns.set(column, { kind: 'computed', profile, rows: result.rows, ...(result.sample ? { sample: result.sample } : {}), ...filtered });
      });
      batch.resolve(result);
    } catch (e) {
      if (batch.state !== 'running') return;
      batch.state = 'finished';
      this.forget(batch);
      batch.reject(isAppError(e) ? e : appError(newErrorId(), 'INTERNAL', `The profile could not be read: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  /** A dataset's or a filtered result's rows, counted once on the profiles' connection (as part of the batch that needs it, so a cancel stops it too). */
  private count(batch: Batch): Promise<number> {
    const { cache, source } = batch;
    if (!cache.total) {
      const counted = this.queryWorker.request({ type: 'profile', profileId: batch.profileId, sql: `SELECT count(*)::VARCHAR FROM ${source.relation}`, ...params(source) }).then((cells) => Number(cells[0] ?? 0));
      cache.total = counted;
      counted.catch(() => {
        if (cache.total === counted) delete cache.total;
      });
    }
    return cache.total;
  }
}


/** A filtered source's values, bound to its relation's $1, $2, …; nothing for the others. */
const params = (source: ProfileSource): { params?: readonly string[] } => (source.params.length > 0 ? { params: source.params } : {});
