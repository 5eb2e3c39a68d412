import { useCallback, useEffect, useRef } from 'react';
import type { SextantApi } from '../../shared/contracts/protocol';

/** Quiet time after the last keystroke before a draft is saved. */
export const DRAFT_SAVE_DELAY_MS = 1000;

/**
 * Saves each session's editor text as a SaveDraft command, debounced: typing a query costs one
 * event, not one per keystroke. A pending draft is saved at once when the person runs a query,
 * switches tabs or leaves the page.
 */
export function useDraftSaver(api: SextantApi) {
  const pending = useRef(new Map<string, string>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const flush = useCallback(
    (sessionId?: string) => {
      const ids = sessionId === undefined ? [...pending.current.keys()] : [sessionId];
      for (const id of ids) {
        const sql = pending.current.get(id);
        clearTimeout(timers.current.get(id));
        timers.current.delete(id);
        if (sql === undefined) continue;
        pending.current.delete(id);
        // A refusal (the session was closed meanwhile) loses nothing the person can still see.
        void api.dispatch({ type: 'SaveDraft', sessionId: id, sql });
      }
    },
    [api],
  );

  const change = useCallback(
    (sessionId: string, sql: string) => {
      pending.current.set(sessionId, sql);
      clearTimeout(timers.current.get(sessionId));
      timers.current.set(
        sessionId,
        setTimeout(() => flush(sessionId), DRAFT_SAVE_DELAY_MS),
      );
    },
    [flush],
  );

  useEffect(() => {
    const leave = () => flush();
    const hidden = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, [flush]);

  return { change, flush };
}
