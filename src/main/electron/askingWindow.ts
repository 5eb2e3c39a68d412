import { BrowserWindow, webContents } from 'electron';

/** The window whose page asked, so a dialog opens attached to it (a sheet on macOS); null once it is gone. */
export function askingWindow(contentsId: number): BrowserWindow | null {
  const contents = webContents.fromId(contentsId);
  return contents ? BrowserWindow.fromWebContents(contents) : null;
}
