/**
 * The Electron shell: a thin adapter around AppCore. Everything Electron-specific in main lives
 * in this folder; the rest runs under plain Node (web host, tests).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, session } from 'electron';
import { AppErrorException } from '../../shared/contracts/errors';
import { AppCore } from '../core/appCore';
import { CONTENT_SECURITY_POLICY } from '../security/contentSecurityPolicy';
import { paths } from './appUrls';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { createWindow } from './windows';

function dataDirFromArgs(): string {
  const { values } = parseArgs({ args: process.argv.slice(1), options: { 'data-dir': { type: 'string' } }, strict: false, allowPositionals: true });
  const dir = values['data-dir'];
  return typeof dir === 'string' ? resolve(dir) : app.getPath('userData');
}

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  const core = await AppCore.start({ dataDir: dataDirFromArgs(), workerPath: paths.duckdbWorker });
  registerIpc(core);
  installMenu(core);
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
