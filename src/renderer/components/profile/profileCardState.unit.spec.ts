import { describe, expect, it } from 'vitest';
import type { AppError, Result } from '../../../shared/contracts/errors';
import type { ColumnProfile, ProfileAnswer } from '../../../shared/explore/columnProfile';
import { cardState, NOT_PROFILED_TEXT, settle, type Settled } from './profileCardState';

const profile = (name: string): ColumnProfile => ({ kind: 'categorical', name, type: 'VARCHAR', nulls: 0, nullShare: 0, distinct: 1, distinctExact: true, top: [{ value: 'a', count: 1 }], other: 0 });
const answered = (columns: readonly number[]): Result<ProfileAnswer> => ({
  ok: true,
  value: { requestId: 'r', rows: 1, columns: columns.map((column) => ({ column, profile: profile(`c${column}`) })) },
});
const failed = (code: string): Result<ProfileAnswer> => ({ ok: false, error: { id: 'e1', code, message: 'Out of Range Error: STDDEV_SAMP is out of range!' } satisfies AppError });
const none: Settled = { profiles: new Map(), failed: new Set() };
const shown = (s: Settled, columns: readonly number[], cancelled = false) =>
  columns.map((c) => {
    const state = cardState(c, s, cancelled);
    return state.kind === 'profiled' ? state.profile.name : NOT_PROFILED_TEXT[state.kind];
  });

describe('what a profile card shows as answers come back', () => {
  it('says a column whose profile failed was not profiled, instead of "Profiling…" for ever', () => {
    const first = settle(none, [0, 1], answered([0, 1]));
    const after = settle(first, [2, 3], failed('DUCKDB_ERROR'));
    expect(shown(after, [0, 1, 2, 3, 4])).toEqual(['c0', 'c1', 'Not profiled (failed)', 'Not profiled (failed)', 'Profiling…']);
    // cancelled afterwards, a failed card still says why it has no profile
    expect(shown(after, [2, 4], true)).toEqual(['Not profiled (failed)', 'Not profiled (cancelled)']);
  });

  it('leaves an interrupted request to be asked again, and a later answer replaces a failure', () => {
    const interrupted = settle(none, [0], failed('INTERRUPTED'));
    expect(interrupted).toBe(none);
    expect(shown(interrupted, [0])).toEqual(['Profiling…']);
    const again = settle(settle(none, [0, 1], failed('DUCKDB_ERROR')), [0], answered([0]));
    expect(shown(again, [0, 1])).toEqual(['c0', 'Not profiled (failed)']);
  });
});
