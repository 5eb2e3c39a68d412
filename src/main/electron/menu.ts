import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { openSessions } from '../../shared/views/appView';
import type { AppCore } from '../core/appCore';
import { sessionWindowItems } from './sessionWindowMenu';
import { createWindow } from './windows';

const SESSION_EVENTS = new Set(['SessionOpened', 'SessionRenamed', 'SessionClosed']);

/** The application menu. Each feature adds its items to its own submenu here. */
export function installMenu(core: AppCore): void {
  const build = (): void => Menu.setApplicationMenu(Menu.buildFromTemplate(template(core)));
  build();
  // The "Open Session in New Window" list follows the sessions; rebuilt at most every 200 ms.
  let rebuild: ReturnType<typeof setTimeout> | undefined;
  core.bus.subscribe((m) => {
    if (m.kind !== 'event' || !SESSION_EVENTS.has(m.event.type) || rebuild !== undefined) return;
    rebuild = setTimeout(() => {
      rebuild = undefined;
      build();
    }, 200);
  });
}

function template(core: AppCore): MenuItemConstructorOptions[] {
  const isMac = process.platform === 'darwin';
  const sessionWindows = sessionWindowItems(openSessions(core.projections.current.view), {
    newSessionWindow: () => {
      void core.dispatch({ type: 'OpenSession' }).then((r) => {
        if (r.ok) createWindow({ sessionId: r.value.aggregateId });
        else core.log.error({ errorId: r.error.id, code: r.error.code }, r.error.message);
      });
    },
    openSessionWindow: (s) => createWindow({ sessionId: s.id, title: s.title }),
  });
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Window', accelerator: 'CmdOrCtrl+Shift+N', click: () => createWindow() },
        ...sessionWindows,
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `About ${app.getName()}`, click: () => app.showAboutPanel() }] },
  ];
}
