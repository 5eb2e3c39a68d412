/**
 * Whether a session's instant preview is on. A person's taste for one window, not part of what the
 * session did: it lives in localStorage under the session's id, never in the event log
 * (docs/instant-ui.md says why).
 */
const key = (sessionId: string): string => `sextant.instantPreview.${sessionId}`;

/** Storage as the page has it; absent or throwing (a locked-down profile) means "off, not remembered". */
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function previewIsOn(sessionId: string, store: Store | undefined = globalThis.localStorage): boolean {
  try {
    return store?.getItem(key(sessionId)) === 'on';
  } catch {
    return false;
  }
}

export function rememberPreview(sessionId: string, on: boolean, store: Store | undefined = globalThis.localStorage): void {
  try {
    if (on) store?.setItem(key(sessionId), 'on');
    else store?.removeItem(key(sessionId));
  } catch {
    // not remembered; the switch still works for this page
  }
}
