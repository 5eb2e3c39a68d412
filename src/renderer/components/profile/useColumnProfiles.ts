import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { MAX_PROFILE_COLUMNS, type ProfileAnswer, type ProfileTarget } from '../../../shared/explore/columnProfile';
import { settle, type Settled } from './profileCardState';

export interface ColumnProfiles {
  /** The profiles so far, and the columns whose profile failed (their cards say so; not asked again). */
  readonly settled: Settled;
  readonly sample: ProfileAnswer['sample'];
  /** A filtered result's: the rows its filters keep, of its rows. */
  readonly filtered: ProfileAnswer['filtered'];
  /** Columns asked for and not answered yet. */
  readonly computing: number;
  readonly cancelled: boolean;
  readonly error: AppError | undefined;
  /** The columns in view: the ones not profiled yet are asked for, requests for columns scrolled far away are dropped. */
  show(columns: readonly number[]): void;
  /** Drops every waiting request; nothing more is asked until `resume`. */
  cancel(): void;
  resume(): void;
}

let nextRequest = 0;
const newRequestId = (): string => `profile-${++nextRequest}-${crypto.randomUUID().slice(0, 8)}`;

/**
 * A target's column profiles, asked of main a screenful at a time: only for columns in view, each
 * once; requests whose columns all left the view are cancelled as stale, and every waiting request
 * is cancelled when the panel closes. Main batches and caches them (docs/explore.md). Another
 * target (a result's new filters) starts over: what was shown or asked for the last one is dropped.
 */
export function useColumnProfiles(api: SextantApi, target: ProfileTarget): ColumnProfiles {
  const [settled, setSettled] = useState<Settled>({ profiles: new Map(), failed: new Set() });
  const [sample, setSample] = useState<ProfileAnswer['sample']>();
  const [filtered, setFiltered] = useState<ProfileAnswer['filtered']>();
  const [error, setError] = useState<AppError | undefined>();
  const [cancelled, setCancelled] = useState(false);
  const [computing, setComputing] = useState(0);
  /** Requests in flight: their columns. */
  const pending = useRef(new Map<string, readonly number[]>());
  /** Columns answered, profiled or failed: never asked again while the panel is open. */
  const loaded = useRef(new Set<number>());
  const stopped = useRef(false);
  const [shownTarget, setShownTarget] = useState(target);
  if (shownTarget !== target) {
    // set while rendering, so no card shows the last target's figures under the new one
    setShownTarget(target);
    setSettled({ profiles: new Map(), failed: new Set() });
    setSample(undefined);
    setFiltered(undefined);
    setError(undefined);
  }

  const count = () => setComputing([...pending.current.values()].reduce((n, cols) => n + cols.length, 0));

  const cancelIds = useCallback(
    (ids: readonly string[]) => {
      if (ids.length === 0) return;
      for (const id of ids) pending.current.delete(id);
      void api.cancelProfile(ids);
      count();
    },
    [api],
  );

  useEffect(
    () => () => {
      // closing the panel, or another target: what is still waiting is of no use any more
      const ids = [...pending.current.keys()];
      pending.current.clear();
      loaded.current = new Set();
      if (ids.length > 0) void api.cancelProfile(ids);
    },
    [api, target],
  );

  const show = useCallback(
    (columns: readonly number[]) => {
      if (stopped.current) return;
      const inView = new Set(columns);
      const stale = [...pending.current].filter(([, cols]) => !cols.some((c) => inView.has(c))).map(([id]) => id);
      cancelIds(stale);
      const asked = new Set([...pending.current.values()].flat());
      const missing = columns.filter((c) => !loaded.current.has(c) && !asked.has(c));
      for (let i = 0; i < missing.length; i += MAX_PROFILE_COLUMNS) {
        const cols = missing.slice(i, i + MAX_PROFILE_COLUMNS);
        const requestId = newRequestId();
        pending.current.set(requestId, cols);
        void api.profileColumns(requestId, target, cols).then((r) => {
          if (!pending.current.delete(requestId)) return; // cancelled meanwhile
          count();
          setSettled((before) => settle(before, cols, r));
          if (!r.ok) {
            if (r.error.code === 'INTERRUPTED') return;
            setError(r.error);
            for (const c of cols) loaded.current.add(c);
            return;
          }
          for (const c of r.value.columns) loaded.current.add(c.column);
          setSample(r.value.sample);
          setFiltered(r.value.filtered);
        });
      }
      count();
    },
    [api, target, cancelIds],
  );

  const cancel = useCallback(() => {
    stopped.current = true;
    setCancelled(true);
    cancelIds([...pending.current.keys()]);
  }, [cancelIds]);
  const resume = useCallback(() => {
    stopped.current = false;
    setCancelled(false);
  }, []);

  return { settled, sample, filtered, computing, cancelled, error, show, cancel, resume };
}
