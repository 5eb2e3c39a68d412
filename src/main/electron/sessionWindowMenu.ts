import type { MenuItemConstructorOptions } from 'electron';
import type { AppView, SessionView } from '../../shared/views/appView';
import { openSessions } from '../../shared/views/appViewSelectors';

export const NEW_SESSION_WINDOW_ACCELERATOR = 'CmdOrCtrl+Alt+N';

export interface SessionWindowActions {
  /** Opens a new session and a window that shows only it. */
  newSessionWindow(): void;
  /** Opens a window that shows only this session. */
  openSessionWindow(session: SessionView): void;
}

/**
 * The File menu's items for windows on one session. Pure (Electron is only a type here), so the
 * items and what they do are tested without launching Electron.
 */
export function sessionWindowItems(sessions: readonly SessionView[], actions: SessionWindowActions): MenuItemConstructorOptions[] {
  return [
    { label: 'New Session in New Window', accelerator: NEW_SESSION_WINDOW_ACCELERATOR, click: () => actions.newSessionWindow() },
    {
      label: 'Open Session in New Window',
      submenu:
        sessions.length > 0
          ? sessions.map((s) => ({ label: s.title, click: () => actions.openSessionWindow(s) }))
          : [{ label: 'No open session', enabled: false }],
    },
  ];
}

/**
 * What the session-window items are built from (each open session's id and title, in order): the
 * menu is rebuilt when it changes, whichever event changed it (an undone rename or close too).
 */
export const sessionWindowsKey = (view: AppView): string => JSON.stringify(openSessions(view).map((s) => [s.id, s.title]));
