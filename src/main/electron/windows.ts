import { BrowserWindow } from 'electron';
import { devServerUrl, isAppUrl, paths } from './appUrls';
import { secureWindowOptions } from './windowOptions';

/** A window on one session follows only `session/<id>` (and the catalog); without one, every session. */
export interface WindowScope {
  readonly sessionId: string;
  readonly title?: string;
}

/** A Sextant window: isolated, sandboxed, unable to open or navigate to anything but the app. */
export function createWindow(scope?: WindowScope): BrowserWindow {
  const options = secureWindowOptions(paths.preload);
  const win = new BrowserWindow(scope?.title ? { ...options, title: `${scope.title} — Sextant` } : options);
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  // The renderer reads its scope from `?session=` (src/renderer/state/windowScope.ts), as a web page does.
  const query = scope ? { session: scope.sessionId } : undefined;
  if (devServerUrl) {
    const url = new URL(devServerUrl);
    if (query) url.searchParams.set('session', query.session);
    void win.loadURL(url.href);
  } else {
    void win.loadFile(paths.rendererIndex, query ? { query } : {});
  }
  return win;
}
