import { forkTitle } from '../../../shared/contracts/sessionForked';
import { isolate } from '../../../shared/text/isolate';
import type { SessionView } from '../../../shared/views/appView';
import { shortcutText } from '../useWindowShortcuts';

/**
 * A window on one session (`?session=<id>`) follows that session alone: a session it opened would
 * never reach it, so it offers no "New session" (the button is left out, Ctrl/Alt+T says where new
 * sessions open), a fork made there is not shown there but said where it opens, and its Reopen
 * brings back only its own session.
 */
export function newSessionElsewhere(inBrowser = !('sextant' in window)): string {
  return inBrowser
    ? 'This page shows one session: new sessions open in the page without “session=” in its address.'
    : 'This window shows one session: open a new one with File → New Session in New Window.';
}

/**
 * Said once a fork is made in a window on one session: the fork is stored, but this window never
 * receives it, so it names the fork (as main names it, after the session's title now) and where it opens.
 */
export function forkOpensElsewhere(titleNow: string, inBrowser = !('sextant' in window)): string {
  const forked = `Forked as “${isolate(forkTitle(titleNow))}”.`;
  return inBrowser
    ? `${forked} This page shows one session: the fork opens in the page without “session=” in its address.`
    : `${forked} This window shows one session: open the fork with File → Open Session in New Window.`;
}

/** What the workspace says with no tab shown. */
export function noSessionText(oneSession: boolean, reopenable: SessionView | undefined): string {
  if (!oneSession) return `No session is open. Press “New session” to start one${reopenable ? ', or reopen the one you closed' : ''}.`;
  return reopenable
    ? `This window’s session, “${reopenable.title}”, is closed. Reopen it with “Reopen closed session” (${shortcutText('reopen')}).`
    : 'This window’s session is not open here.';
}
