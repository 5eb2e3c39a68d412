/** An aggregate's folded state and the last aggregate_seq folded into it. */
export interface LoadedAggregate {
  readonly state: unknown;
  readonly version: number;
  /** The store's write count (EventStore.writes) when the state was known to be current. */
  readonly atWrite?: number;
}

/**
 * Folded states of recently used aggregates, so a command on a long-lived session folds only what
 * was appended since its last command instead of its whole history. An entry is a starting point,
 * never the truth: unless nothing was written to the store since it was current (`atWrite`), the
 * handler reads whatever the store holds after the cached version before deciding, and the
 * append's expectedVersion catches anything that slips in after that read.
 * Least recently used entries go first once `capacity` is reached.
 */
export class AggregateCache {
  private readonly entries = new Map<string, LoadedAggregate>();

  constructor(private readonly capacity = 1000) {}

  get(key: string): LoadedAggregate | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Keeps the newer of what is cached and `entry`: interleaved commands may finish out of order. */
  set(key: string, entry: LoadedAggregate): void {
    const current = this.entries.get(key);
    if (current && !newer(entry, current)) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Whether `a` is newer than `b`: a later version, or the same one known current at a later write. */
function newer(a: LoadedAggregate, b: LoadedAggregate): boolean {
  return a.version > b.version || (a.version === b.version && (a.atWrite ?? -1) > (b.atWrite ?? -1));
}
