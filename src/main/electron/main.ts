/**
 * The Electron shell: a thin adapter around AppCore. Everything Electron-specific in main lives
 * in this folder; the rest runs under plain Node (web host, tests).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, ipcMain, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { AppErrorException, appError, fail } from '../../shared/contracts/errors';
import type { Frame } from '../../shared/contracts/frames';
import { IPC_FRAMES, IPC_REQUEST } from '../../shared/contracts/ipcChannels';
import { AppCore } from '../core/appCore';
import type { ClientConnection } from '../core/clientConnection';
import { newErrorId } from '../platform/ids';
import { CONTENT_SECURITY_POLICY } from '../security/contentSecurityPolicy';
import { secureWindowOptions } from './windowOptions';

const here = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(here, '..', 'renderer', 'index.html');
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];

function dataDirFromArgs(): string {
  const { values } = parseArgs({ args: process.argv.slice(1), options: { 'data-dir': { type: 'string' } }, strict: false, allowPositionals: true });
  const dir = values['data-dir'];
  return typeof dir === 'string' ? resolve(dir) : app.getPath('userData');
}

/** Only the app's own pages may talk to main or be navigated to. */
function isAppUrl(url: string): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url.startsWith(pathToFileURL(rendererIndex).href);
}

function registerIpc(core: AppCore): void {
  const connections = new Map<number, ClientConnection>();
  const connectionFor = (contents: WebContents): ClientConnection => {
    let connection = connections.get(contents.id);
    if (!connection) {
      connection = core.connect({
        send: (frames: readonly Frame[]) => {
          if (!contents.isDestroyed()) contents.send(IPC_FRAMES, frames);
        },
        backlog: () => 0,
      });
      connections.set(contents.id, connection);
      const drop = () => {
        connections.get(contents.id)?.close();
        connections.delete(contents.id);
      };
      contents.once('destroyed', drop);
      // A reload starts a new renderer: its old subscriptions must not keep streaming.
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) drop();
      });
    }
    return connection;
  };

  ipcMain.handle(IPC_REQUEST, (event: IpcMainInvokeEvent, body: unknown) => {
    if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) {
      return fail(appError(newErrorId(), 'UNAUTHORIZED', 'IPC from a frame that is not Sextant was refused.'));
    }
    return connectionFor(event.sender).handle(body, JSON.stringify(body ?? null).length);
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(secureWindowOptions(join(here, '..', 'preload', 'index.cjs')));
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  void (devServerUrl ? win.loadURL(devServerUrl) : win.loadFile(rendererIndex));
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  const core = await AppCore.start({ dataDir: dataDirFromArgs(), workerPath: join(here, 'duckdbWorker.js') });
  registerIpc(core);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    event.preventDefault();
    void core.close().finally(() => app.exit(0));
  });
}

start().catch((e: unknown) => {
  const message = e instanceof AppErrorException ? `${e.error.message}\n\nError id: ${e.error.id}` : String(e);
  dialog.showErrorBox('Sextant could not start', message);
  app.exit(1);
});
