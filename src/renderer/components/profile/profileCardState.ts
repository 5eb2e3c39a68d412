import type { Result } from '../../../shared/contracts/errors';
import type { ColumnProfile, ProfileAnswer } from '../../../shared/explore/columnProfile';

/** The cards' profiles so far, and the columns whose request failed (not asked again while the panel is open). */
export interface Settled {
  readonly profiles: ReadonlyMap<number, ColumnProfile>;
  readonly failed: ReadonlySet<number>;
}

/**
 * `settled` once main answered a request for `columns`. A failure marks its columns failed, so their
 * cards stop reading "Profiling…"; an interruption (a cancel, a stale request) leaves them to be
 * asked again when they are next in view.
 */
export function settle(settled: Settled, columns: readonly number[], answer: Result<ProfileAnswer>): Settled {
  if (!answer.ok) {
    if (answer.error.code === 'INTERRUPTED') return settled;
    return { profiles: settled.profiles, failed: new Set([...settled.failed, ...columns]) };
  }
  const profiles = new Map(settled.profiles);
  const failed = new Set(settled.failed);
  for (const c of answer.value.columns) {
    profiles.set(c.column, c.profile);
    failed.delete(c.column);
  }
  return { profiles, failed };
}

/** What one card shows: its profile, or why it has none yet. */
export type CardState = { readonly kind: 'profiled'; readonly profile: ColumnProfile } | { readonly kind: 'waiting' | 'failed' | 'cancelled' };

export function cardState(column: number, settled: Settled, cancelled: boolean): CardState {
  const profile = settled.profiles.get(column);
  if (profile) return { kind: 'profiled', profile };
  if (settled.failed.has(column)) return { kind: 'failed' };
  return { kind: cancelled ? 'cancelled' : 'waiting' };
}

/** A card without a profile, in words (the panel's status line says why a profile failed). */
export const NOT_PROFILED_TEXT: Readonly<Record<Exclude<CardState['kind'], 'profiled'>, string>> = {
  waiting: 'Profiling…',
  failed: 'Not profiled (failed)',
  cancelled: 'Not profiled (cancelled)',
};
