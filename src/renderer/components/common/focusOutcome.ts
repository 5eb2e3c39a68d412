import { endedWithoutResult, isCompleted } from '../../../shared/domain/queryLifecycle';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryEntry } from '../../../shared/views/appView';
import { focusLost } from './focusLost';

/**
 * Where focus goes once the awaited query settles: its rows when it completed, the editor (which
 * shows the error) when it failed or was cancelled; undefined while it is not the current query's
 * end yet.
 */
export function outcomeFocus(awaited: string | undefined, current: Pick<HistoryEntry, 'queryId' | 'phase'> | undefined): 'results' | 'editor' | undefined {
  if (awaited === undefined || current?.queryId !== awaited) return undefined;
  if (isCompleted(current.phase)) return 'results';
  return endedWithoutResult(current.phase) ? 'editor' : undefined;
}

/**
 * For a query started away from the editor and the grid ("Query this dataset" in a dataset's menu):
 * call the returned function with its id, and once it settles focus goes to its outcome
 * (outcomeFocus), unless the person moved focus since.
 */
export function useFocusOutcome(current: HistoryEntry | undefined, focus: { editor(): void; results(): void }): (queryId: string) => void {
  const [awaited, setAwaited] = useState<{ queryId: string; from: Element | null }>();
  const latest = useRef(focus);
  latest.current = focus;
  const where = outcomeFocus(awaited?.queryId, current);
  useEffect(() => {
    if (!where || !awaited) return;
    setAwaited(undefined);
    if (document.activeElement !== awaited.from && !focusLost()) return;
    if (where === 'results') latest.current.results();
    else latest.current.editor();
  }, [where, awaited]);
  return useCallback((queryId: string) => setAwaited({ queryId, from: document.activeElement }), []);
}
