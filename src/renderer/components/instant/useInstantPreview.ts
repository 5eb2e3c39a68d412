import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { previewIsOn, rememberPreview } from './previewPreference';
import { PreviewRequests } from './previewRequests';
import { initialPreview, previewReducer, type PreviewAsk, type PreviewState } from './previewState';

export interface InstantPreview {
  readonly on: boolean;
  readonly state: PreviewState;
  toggle(): void;
  /** The editor's text or cursor changed. */
  edited(ask: PreviewAsk): void;
  /** Run started: the preview in flight (and one about to be asked) is dropped, the worker is the query's. */
  stop(): void;
}

/**
 * The instant preview of the shown session: while its switch is on, each pause in typing (or cursor
 * move) asks main for the statement under the cursor (previewRequests.ts); what is shown is the
 * fold of the answers (previewState.ts). `current` reads the editor's text and cursor when the
 * switch turns on, the session changes or a run ends.
 */
export function useInstantPreview(api: SextantApi, sessionId: string | undefined, running: boolean, current: () => PreviewAsk | undefined): InstantPreview {
  // The switch is read from its one place (previewPreference.ts) on each render; a toggle re-renders.
  const [, toggled] = useReducer((n: number) => n + 1, 0);
  const on = sessionId !== undefined && previewIsOn(sessionId);
  const [state, send] = useReducer(previewReducer, initialPreview);
  const requests = useMemo(() => (sessionId ? new PreviewRequests(api, sessionId, send) : undefined), [api, sessionId]);
  const latest = useRef({ on, current });
  latest.current = { on, current };

  // Another session: a fresh pane; the old session's preview is dropped.
  useEffect(() => {
    send({ type: 'reset' });
    return () => requests?.stop();
  }, [requests]);

  // Turned on, shown on a session where it is on, or a run ended: preview where the cursor is, at once.
  useEffect(() => {
    if (!on || running) return;
    const a = latest.current.current();
    if (a) requests?.now(a);
  }, [on, running, requests]);

  const edited = useCallback(
    (a: PreviewAsk) => {
      if (latest.current.on) requests?.edited(a);
    },
    [requests],
  );

  const toggle = useCallback(() => {
    if (!sessionId) return;
    const wasOn = latest.current.on;
    rememberPreview(sessionId, !wasOn);
    if (wasOn) {
      requests?.stop();
      send({ type: 'reset' });
    }
    latest.current.on = !wasOn;
    toggled();
  }, [sessionId, requests]);

  const stop = useCallback(() => requests?.stop(), [requests]);

  return { on, state, toggle, edited, stop };
}
