/**
 * An immutable map from string keys that a fold can grow one key at a time without copying it
 * whole: a write copies only a small "recent" layer, which is merged into the shared base once it
 * holds `RECENT_MAX` keys. A decider folding a session of n queries thus copies O(n²/RECENT_MAX)
 * entries instead of O(n²) (3,333 results: milliseconds instead of seconds).
 */
export interface SharedRecord<V> {
  readonly base: ReadonlyMap<string, V>;
  readonly recent: ReadonlyMap<string, V>;
}

const RECENT_MAX = 64;

export const emptyRecord = <V>(): SharedRecord<V> => ({ base: new Map(), recent: new Map() });

/** A record holding `entries` (the last of a repeated key wins), built in one pass: what a fold that starts from a whole list (a fork) needs. */
export const recordOf = <V>(entries: Iterable<readonly [string, V]>): SharedRecord<V> => ({ base: new Map(entries), recent: new Map() });

export function getIn<V>(record: SharedRecord<V>, key: string): V | undefined {
  return record.recent.get(key) ?? record.base.get(key);
}

/** The record with `key` set to `value`; `record` itself is unchanged. */
export function setIn<V>(record: SharedRecord<V>, key: string, value: V): SharedRecord<V> {
  const recent = new Map(record.recent).set(key, value);
  if (recent.size < RECENT_MAX) return { base: record.base, recent };
  const base = new Map(record.base);
  for (const [k, v] of recent) base.set(k, v);
  return { base, recent: new Map() };
}
