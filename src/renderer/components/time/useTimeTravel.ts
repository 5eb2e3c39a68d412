import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { DatasetView } from '../../../shared/views/appView';
import { pastSession, type PastSession } from '../../../shared/views/pastSession';
import { mergeTimeline, type TimelineEntry } from '../../../shared/views/timeline';
import { useReconnected } from '../common/useReconnected';
import { selectedAfterMerge } from './movedEntry';

/** The most entries main sends (MAX_TIMELINE_ENTRIES): a merged list keeps as many. */
const MAX_ENTRIES = 1000;

/** The session as it was, and the catalog then (main folds it: a few datasets). */
export type PastView = PastSession & { readonly datasets: readonly DatasetView[] };

/**
 * The Timeline panel's state for the shown session: its entries (asked for when the panel opens,
 * and, when the session changes while it is open, only those ending after the newest held, merged in), the entry selected, and the session as it
 * was at that entry (`past`): main sends a start and the events after it, folded here by the live
 * view's own fold (`pastSession`), and the catalog at that point, which the Datasets pane shows meanwhile. Everything resets when another tab is shown.
 * An entry is `selected` once the session as it was there has come, so the selection is what is
 * shown; one asked for without a connection is asked again once it is back, and an error about the
 * connection goes then. An entry that moves while selected (its query settled) stays selected.
 */
export function useTimeTravel(api: SextantApi, sessionId: string | undefined, version: number | undefined) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<readonly TimelineEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [selected, setSelected] = useState<TimelineEntry | undefined>();
  const [past, setPast] = useState<PastView | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  /** Main has answered since the panel opened: until then the entries are the last opening's, without what happened since. */
  const [current, setCurrent] = useState(false);
  /** Answers for an older selection or session are dropped. */
  const asked = useRef(0);
  /** The entries held, for the next ask to start after (an answer dropped as stale leaves them as they were). */
  const held = useRef<readonly TimelineEntry[]>([]);
  /** The entry whose point could not be asked for without a connection: asked again once it is back. */
  const waiting = useRef<TimelineEntry | undefined>(undefined);
  /** Connections regained: the entries are asked again (an ask lost with the connection left them as they were). */
  const [reconnects, setReconnects] = useState(0);

  useEffect(() => {
    asked.current++;
    setOpen(false);
    setEntries((held.current = []));
    waiting.current = undefined;
    setSelected(undefined);
    setPast(undefined);
    setError(undefined);
  }, [sessionId]);

  useEffect(() => {
    if (!open || sessionId === undefined) return;
    let live = true;
    const after = held.current[0]?.seq;
    void api.timeline(sessionId, after).then((r) => {
      if (!live) return;
      setCurrent(true);
      if (r.ok) {
        setEntries((held.current = after === undefined ? r.value.entries : mergeTimeline(held.current, r.value, MAX_ENTRIES)));
        // the merge swaps a moved entry for its new copy (another seq): the selection follows it
        if (after !== undefined) setSelected((s) => selectedAfterMerge(s, r.value));
        setTotal(r.value.total);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, open, sessionId, version, reconnects]);

  const show = useCallback(
    (entry: TimelineEntry) => {
      if (sessionId === undefined) return;
      const ask = ++asked.current;
      waiting.current = undefined;
      void api.sessionAt(sessionId, entry.seq).then((r) => {
        if (ask !== asked.current) return;
        if (r.ok) {
          setSelected(entry);
          setPast({ ...pastSession(sessionId, r.value), datasets: r.value.datasets });
          return;
        }
        if (r.error.code === 'DISCONNECTED') waiting.current = entry;
        setError(r.error);
      });
    },
    [api, sessionId],
  );

  const select = useCallback(
    (entry: TimelineEntry) => {
      setError(undefined);
      show(entry);
    },
    [show],
  );

  useReconnected(api, () => {
    setError((e) => (e?.code === 'DISCONNECTED' ? undefined : e));
    setReconnects((n) => n + 1);
    if (waiting.current) show(waiting.current);
  });

  const backToNow = useCallback(() => {
    asked.current++;
    waiting.current = undefined;
    setSelected(undefined);
    setPast(undefined);
  }, []);

  const close = useCallback(() => {
    backToNow();
    setOpen(false);
  }, [backToNow]);

  /** Where "Fork from here" on a query of the history forks: the point its timeline entry ends at. */
  const pointOfQuery = useCallback(
    async (queryId: string): Promise<number | undefined> => {
      // Asked each time: the entries held are as of the panel's last opening (a query running then has
      // settled since), and they are only the newest 1,000.
      if (sessionId === undefined) return undefined;
      const r = await api.timeline(sessionId, undefined, queryId);
      return r.ok ? r.value.entries[0]?.seq : undefined;
    },
    [api, sessionId],
  );

  const openPanel = () => {
    setCurrent(false);
    setOpen(true);
  };
  return { open, toggle: () => (open ? close() : openPanel()), close, entries, current, total, selected, past, error, select, backToNow, pointOfQuery };
}
export type TimeTravelState = ReturnType<typeof useTimeTravel>;
