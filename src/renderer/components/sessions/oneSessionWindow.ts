import type { SessionView } from '../../../shared/views/appView';
import { shortcutText } from '../useWindowShortcuts';

/**
 * A window on one session (`?session=<id>`) follows that session alone: a session it opened would
 * never reach it, so it offers no "New session" (the button is left out, Ctrl/Alt+T says where new
 * sessions open) and its Reopen brings back only its own session.
 */
export function newSessionElsewhere(inBrowser = !('sextant' in window)): string {
  return inBrowser
    ? 'This page shows one session: new sessions open in the page without “session=” in its address.'
    : 'This window shows one session: open a new one with File → New Session in New Window.';
}

/** What the workspace says with no tab shown. */
export function noSessionText(oneSession: boolean, reopenable: SessionView | undefined): string {
  if (!oneSession) return `No session is open. Press “New session” to start one${reopenable ? ', or reopen the one you closed' : ''}.`;
  return reopenable
    ? `This window’s session, “${reopenable.title}”, is closed. Reopen it with “Reopen closed session” (${shortcutText('reopen')}).`
    : 'This window’s session is not open here.';
}
