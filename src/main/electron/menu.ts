import { app, BrowserWindow, clipboard, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { clientCommandSchema, type ClientCommand } from '../../shared/contracts/commands';
import { validationIssues } from '../../shared/contracts/errors';
import { activeSession, lastClosedSession, openSessions } from '../../shared/views/appView';
import type { AppCore } from '../core/appCore';
import { diagnosticsText } from '../platform/diagnostics';
import { helpMenuItems } from './helpMenu';
import { DATASET_FILTERS } from './openDialog';
import { sessionWindowItems, sessionWindowsKey } from './sessionWindowMenu';
import type { SessionWindowTarget } from './windows';

/**
 * The application menu. Its commands go through the same dispatch path as the renderer's (validated
 * by the same schema), so a session opened or closed from the menu shows up in every window as events.
 */
export function installMenu(core: AppCore, openWindow: (target?: SessionWindowTarget) => void): void {
  let built = '';
  const build = (): void => {
    built = sessionWindowsKey(core.view());
    Menu.setApplicationMenu(Menu.buildFromTemplate(template(core, openWindow)));
  };
  build();
  // The "Open Session in New Window" list follows the open sessions, looked at most every 200 ms
  // after events and rebuilt when they changed: by the view, not a list of event types to keep in step.
  let check: ReturnType<typeof setTimeout> | undefined;
  core.onEvent(() => {
    check ??= setTimeout(() => {
      check = undefined;
      if (sessionWindowsKey(core.view()) !== built) build();
    }, 200);
  });
}

function template(core: AppCore, openWindow: (target?: SessionWindowTarget) => void): MenuItemConstructorOptions[] {
  const isMac = process.platform === 'darwin';
  const view = () => core.view();
  const dispatch = (command: ClientCommand) => {
    const parsed = clientCommandSchema.safeParse(command);
    if (!parsed.success) {
      core.log.warn({ command: command.type, issues: validationIssues(parsed.error) }, 'menu command refused');
      return;
    }
    void core.dispatch(parsed.data).then((r) => {
      if (!r.ok) core.log.warn({ errorId: r.error.id, code: r.error.code, command: command.type }, r.error.message);
    });
  };
  const openDataset = async () => {
    const window = BrowserWindow.getFocusedWindow();
    const options: Electron.OpenDialogOptions = { title: 'Open dataset', properties: ['openFile', 'multiSelections'], filters: DATASET_FILTERS };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    if (result.canceled) return;
    for (const source of result.filePaths) dispatch({ type: 'AddDataset', source });
  };
  const sessionWindows = sessionWindowItems(openSessions(view()), {
    newSessionWindow: () => {
      void core.dispatch({ type: 'OpenSession' }).then((r) => {
        if (r.ok) openWindow({ sessionId: r.value.aggregateId });
        else core.log.error({ errorId: r.error.id, code: r.error.code }, r.error.message);
      });
    },
    openSessionWindow: (s) => openWindow({ sessionId: s.id, title: s.title }),
  });

  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Dataset…', accelerator: 'CmdOrCtrl+O', click: () => void openDataset() },
        { type: 'separator' },
        // The window handles these keys itself (it saves the pending draft first and moves the caret);
        // the menu shows them and its clicks dispatch here.
        { label: 'New Session', accelerator: 'CmdOrCtrl+T', registerAccelerator: false, click: () => dispatch({ type: 'OpenSession' }) },
        {
          label: 'Close Session',
          accelerator: 'CmdOrCtrl+W',
          registerAccelerator: false,
          click: () => {
            const shown = activeSession(view());
            if (shown) dispatch({ type: 'CloseSession', sessionId: shown.id });
          },
        },
        {
          label: 'Reopen Closed Session',
          accelerator: 'CmdOrCtrl+Shift+T',
          registerAccelerator: false,
          click: () => {
            const closed = lastClosedSession(view());
            if (closed) dispatch({ type: 'ReopenSession', sessionId: closed.id });
          },
        },
        { type: 'separator' },
        { label: 'New Window', accelerator: 'CmdOrCtrl+Shift+N', click: () => openWindow() },
        ...sessionWindows,
        // Ctrl/Cmd+W closes a session, so closing the window moves to Shift.
        { label: 'Close Window', accelerator: 'CmdOrCtrl+Shift+W', click: () => BrowserWindow.getFocusedWindow()?.close() },
        ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    // Not the windowMenu role: on macOS it binds Cmd+W to closing the window.
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, ...(isMac ? [{ type: 'separator' } as const, { role: 'front' } as const] : [])] },
    {
      role: 'help',
      submenu: helpMenuItems(app.getName(), {
        revealDataFolder: () => {
          void shell.openPath(core.dataDir).then((failure) => {
            if (failure) core.log.warn({ dataDir: core.dataDir, failure }, 'could not reveal the data folder');
          });
        },
        copyDiagnostics: () => {
          const versions = { app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, platform: process.platform, arch: process.arch };
          void core.diagnostics(versions).then((d) => clipboard.writeText(diagnosticsText(d)));
        },
        showAbout: () => app.showAboutPanel(),
      }),
    },
  ];
}
