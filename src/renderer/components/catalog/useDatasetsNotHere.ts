import { useCallback, useEffect, useRef, useState } from 'react';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { DatasetView } from '../../../shared/views/appView';

const NONE: ReadonlySet<string> = new Set();

/**
 * Which ready datasets' files are not on this machine (an imported session's, or one moved since):
 * asked of main whenever the catalog's datasets change, on connecting, and on `refresh` (after a
 * Locate), and told by main (`pushed`, the catalog topic's frames) whenever it finds a file gone or
 * back. It is a fact about this machine, so main keeps it in memory, never in the log.
 */
export function useDatasetsNotHere(
  api: Pick<SextantApi, 'datasetsNotHere'> | undefined,
  datasets: readonly DatasetView[],
  connected: boolean | undefined,
  pushed?: readonly string[],
): { notHere: ReadonlySet<string>; refresh(): void } {
  const [notHere, setNotHere] = useState<ReadonlySet<string>>(NONE);
  const [asks, setAsks] = useState(0);
  const latest = useRef(0);
  const take = (ids: readonly string[]) => setNotHere((old) => (old.size === ids.length && ids.every((id) => old.has(id)) ? old : new Set(ids)));
  useEffect(() => {
    if (!api || connected === false) return;
    const asked = ++latest.current;
    void api.datasetsNotHere().then((result) => {
      // an older answer may arrive after a newer ask: only the newest ask's is kept
      if (asked !== latest.current || !result.ok) return;
      take(result.value.datasetIds);
    });
  }, [api, datasets, connected, asks]);
  useEffect(() => {
    if (pushed === undefined) return;
    // one channel carries frames and answers in order: whichever arrives last is the newest
    take(pushed);
  }, [pushed]);
  const refresh = useCallback(() => setAsks((n) => n + 1), []);
  return { notHere, refresh };
}
