import { useEffect, useReducer, useRef, useState } from 'react';
import type { AppError } from '../../shared/contracts/errors';
import type { SextantApi } from '../../shared/contracts/protocol';
import { DraftSaves } from './draftSaves';

export { DRAFT_SAVE_DELAY_MS } from './draftSaves';

/**
 * Saves each session's editor text as a SaveDraft command, debounced: typing a query costs one
 * event, not one per keystroke. A pending draft is saved at once when the person runs a query,
 * switches tabs or leaves the page. Each save carries the version its text was based on, so a
 * draft another window saved meanwhile is never overwritten silently (draftSaves.ts).
 */
export function useDraftSaver(api: SextantApi, versionOf: (sessionId: string) => number | undefined, failed: (error: AppError) => void) {
  const latestVersionOf = useRef(versionOf);
  latestVersionOf.current = versionOf;
  const latestFailed = useRef(failed);
  latestFailed.current = failed;
  // Re-renders when a conflict opens or closes, or a save comes back, so the window can follow the store.
  const [revision, bump] = useReducer((n: number) => n + 1, 0);
  const [saves] = useState(() => new DraftSaves((command) => api.dispatch(command), (id) => latestVersionOf.current(id), bump, (e) => latestFailed.current(e)));

  useEffect(() => {
    const leave = () => saves.flush();
    const hidden = () => document.visibilityState === 'hidden' && saves.flush();
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, [saves]);

  return {
    change: (sessionId: string, sql: string) => saves.change(sessionId, sql),
    flush: (sessionId?: string) => saves.flush(sessionId),
    mayFollow: (sessionId: string, version: number) => saves.mayFollow(sessionId, version),
    inConflict: (sessionId: string) => saves.inConflict(sessionId),
    synced: (sessionId: string, version: number) => saves.synced(sessionId, version),
    keepMine: (sessionId: string, sql: string) => saves.keepMine(sessionId, sql),
    takeTheirs: (sessionId: string) => saves.takeTheirs(sessionId),
    revision,
  };
}
