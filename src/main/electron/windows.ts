import { BrowserWindow } from 'electron';
import { pageUrl, paths, type AppPages } from './appUrls';
import { secureWindowOptions } from './windowOptions';

/**
 * The session a new window opens on, and the title it shows: such a window follows only
 * `session/<id>` (and the catalog); a window opened without one follows every session.
 * (The renderer's WindowScope is what the page derives from its URL: the patterns it subscribes to.)
 */
export interface SessionWindowTarget {
  readonly sessionId: string;
  readonly title?: string;
}

/**
 * A Sextant window: isolated and sandboxed (windowOptions.ts); what it may open, navigate to and ask
 * for is decided for every web contents in guards.ts.
 */
export function createWindow(pages: AppPages, target?: SessionWindowTarget): BrowserWindow {
  const options = secureWindowOptions(paths.preload);
  const win = new BrowserWindow(target?.title ? { ...options, title: `${target.title} — Sextant` } : options);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(pageUrl(pages, target?.sessionId));
  return win;
}
