import { BrowserWindow } from 'electron';
import { devServerUrl, isAppUrl, paths } from './appUrls';
import { secureWindowOptions } from './windowOptions';

/** A Sextant window: isolated, sandboxed, unable to open or navigate to anything but the app. */
export function createWindow(): BrowserWindow {
  const win = new BrowserWindow(secureWindowOptions(paths.preload));
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  void (devServerUrl ? win.loadURL(devServerUrl) : win.loadFile(paths.rendererIndex));
  return win;
}
