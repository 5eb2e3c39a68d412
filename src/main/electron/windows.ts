import { BrowserWindow } from 'electron';
import { pageUrl, paths, type AppPages } from './appUrls';
import { secureWindowOptions } from './windowOptions';

/** A window on one session follows only `session/<id>` (and the catalog); without one, every session. */
export interface WindowScope {
  readonly sessionId: string;
  readonly title?: string;
}

/**
 * A Sextant window: isolated and sandboxed (windowOptions.ts); what it may open, navigate to and ask
 * for is decided for every web contents in guards.ts.
 */
export function createWindow(pages: AppPages, scope?: WindowScope): BrowserWindow {
  const options = secureWindowOptions(paths.preload);
  const win = new BrowserWindow(scope?.title ? { ...options, title: `${scope.title} — Sextant` } : options);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(pageUrl(pages, scope?.sessionId));
  return win;
}
