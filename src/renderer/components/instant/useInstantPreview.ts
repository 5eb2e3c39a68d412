import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { debounce } from './debounce';
import { previewIsOn, rememberPreview } from './previewPreference';
import { initialPreview, needsPreview, previewReducer, type PreviewAsk, type PreviewState } from './previewState';

/** The pause in typing after which the statement under the cursor is previewed. */
export const PREVIEW_PAUSE_MS = 150;

export interface InstantPreview {
  readonly on: boolean;
  readonly state: PreviewState;
  toggle(): void;
  /** The editor's text or cursor changed. */
  edited(ask: PreviewAsk): void;
  /** Run started: the preview in flight (and one about to be asked) is dropped, main's worker is the query's. */
  stop(): void;
}

/**
 * The instant preview of one session: while the switch is on, each pause in typing (or cursor move)
 * asks main for the statement under the cursor. At most one request is in flight: a keystroke
 * cancels the one running, and only the newest request's answer is shown (previewState.ts).
 * `current` reads the editor's text and cursor when the switch turns on or the session changes.
 */
export function useInstantPreview(api: SextantApi, sessionId: string | undefined, running: boolean, current: () => PreviewAsk | undefined): InstantPreview {
  // The switch is read from its one place (previewPreference.ts) on each render; a toggle re-renders.
  const [, toggled] = useReducer((n: number) => n + 1, 0);
  const on = sessionId !== undefined && previewIsOn(sessionId);
  const [state, send] = useReducer(previewReducer, initialPreview);
  const seq = useRef(0);
  const inFlight = useRef(false);
  const lastAsk = useRef<PreviewAsk | undefined>(undefined);
  const latest = useRef({ api, sessionId, on, current });
  latest.current = { api, sessionId, on, current };

  const ask = useCallback((a: PreviewAsk) => {
    const { api, sessionId } = latest.current;
    if (!sessionId || !latest.current.on) return;
    lastAsk.current = a;
    const n = ++seq.current;
    send({ type: 'asked', seq: n, ask: a });
    inFlight.current = true;
    void api.previewSql(sessionId, a.sql, a.cursor).then((result) => {
      if (n === seq.current) inFlight.current = false;
      send({ type: 'answered', seq: n, result });
    });
  }, []);
  const debounced = useRef(debounce<PreviewAsk>(PREVIEW_PAUSE_MS, ask));

  /** Drops the waiting and the running request; `seq` moves on so a late answer is never shown. */
  const cancel = useCallback((sessionId: string | undefined) => {
    debounced.current.cancel();
    if (inFlight.current && sessionId) void latest.current.api.cancelPreview(sessionId);
    inFlight.current = false;
    seq.current++;
    send({ type: 'cancelled' });
  }, []);

  // Another session: a fresh pane, and the old session's preview dropped.
  useEffect(() => {
    send({ type: 'reset' });
    lastAsk.current = undefined;
    return () => cancel(sessionId);
  }, [sessionId, cancel]);

  // Turned on (or shown on a session where it is on): preview where the cursor is, at once.
  useEffect(() => {
    if (!on) return;
    const a = latest.current.current();
    if (a) ask(a);
  }, [on, sessionId, ask]);

  // A run ended: what it changed (a table it made, a text typed just before Run) shows in a fresh preview.
  useEffect(() => {
    if (running || !latest.current.on) return;
    const a = latest.current.current();
    if (a && needsPreview(lastAsk.current, a)) ask(a);
  }, [running, ask]);

  const edited = useCallback(
    (a: PreviewAsk) => {
      if (!latest.current.on || !needsPreview(lastAsk.current, a)) return;
      // a newer keystroke: what is running is of no use any more
      if (inFlight.current) {
        const { sessionId } = latest.current;
        if (sessionId) void latest.current.api.cancelPreview(sessionId);
        inFlight.current = false;
      }
      debounced.current.call(a);
    },
    [],
  );

  const toggle = useCallback(() => {
    const { sessionId, on } = latest.current;
    if (!sessionId) return;
    rememberPreview(sessionId, !on);
    if (on) {
      cancel(sessionId);
      send({ type: 'reset' });
      lastAsk.current = undefined;
    }
    latest.current.on = !on;
    toggled();
  }, [cancel]);

  const stop = useCallback(() => {
    cancel(latest.current.sessionId);
    lastAsk.current = undefined;
  }, [cancel]);

  return { on, state, toggle, edited, stop };
}
