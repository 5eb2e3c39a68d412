/**
 * The Electron shell: a thin adapter around AppCore. Everything Electron-specific in main lives
 * in this folder; the rest runs under plain Node (web host, tests).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import { AppErrorException } from '../../shared/contracts/errors';
import { AppCore } from '../core/appCore';
import type { ConnectionScope } from '../core/connectionScope';
import { usableDataDir } from '../platform/dataDir';
import { createLogger } from '../platform/logger';
import { APP_SCHEME } from '../security/appOrigin';
import { APP_SCHEME_PRIVILEGES, appProtocolHandler } from './appProtocol';
import { appPages, paths } from './appUrls';
import { guardWebContents, installSessionGuards } from './guards';
import { registerIpc } from './ipc';
import { showExportSaveDialog } from './saveDialog';
import { showImportOpenDialog, showLocateOpenDialog } from './openDialog';
import { installMenu } from './menu';
import { FileHandOver, filesFromArgv } from './fileArguments';
import { createWindow, type SessionWindowTarget } from './windows';

function dataDirArg(): string | undefined {
  const { values } = parseArgs({ args: process.argv.slice(1), options: { 'data-dir': { type: 'string' } }, strict: false, allowPositionals: true });
  const dir = values['data-dir'];
  return typeof dir === 'string' ? resolve(dir) : undefined;
}

// Before `ready`: the scheme's privileges, and the sandbox for every renderer whatever its options say.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

const pages = appPages(app.isPackaged);

async function start(): Promise<void> {
  const explicitDir = dataDirArg();
  // Launching Sextant again brings its window forward instead of being refused by the store's lock
  // (STORE_LOCKED still guards a second instance started on the same --data-dir).
  if (explicitDir === undefined && !app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Files to open (command line, a second launch, macOS's open-file) wait until the core is up.
  const handOver = new FileHandOver();
  // `npm start -- file` runs in the package's folder: a relative path means where the person typed it.
  handOver.offer(filesFromArgv(process.argv, process.env['INIT_CWD'] ?? process.cwd()));
  app.on('open-file', (event, path) => {
    event.preventDefault();
    handOver.offer([path]);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    handOver.offer(filesFromArgv(argv, workingDirectory));
    const win = BrowserWindow.getAllWindows()[0];
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  // An unusable data folder is refused (the dialog below, with an error id) before its log is made.
  const dataDir = usableDataDir(explicitDir ?? app.getPath('userData'));
  const log = createLogger(dataDir);
  // Every web contents, including any a page manages to create: no popups, no leaving the app.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, pages.origins, log));
  await app.whenReady();
  installSessionGuards(session.defaultSession, pages.origins, log);
  protocol.handle(APP_SCHEME, appProtocolHandler(paths.renderer, (fileUrl) => net.fetch(fileUrl)));
  const core = await AppCore.start({ dataDir, workerPath: paths.duckdbWorker, log });
  // The core serves before DuckDB is up; if DuckDB cannot start, requests that need it are refused with this error.
  void core.whenReady().then((r) => r.ok || dialog.showErrorBox('Sextant could not start DuckDB', `${r.error.message}\n\nError id: ${r.error.id}`));
  // Windows opened on one session, by their web contents: their connections are scoped to it.
  const scopes = new Map<number, ConnectionScope>();
  const openWindow = (target?: SessionWindowTarget): void => {
    const win = createWindow(pages, target);
    if (!target) return;
    const id = win.webContents.id;
    scopes.set(id, { kind: 'session', sessionId: target.sessionId });
    win.webContents.once('destroyed', () => scopes.delete(id));
  };
  registerIpc(ipcMain, core, pages.origins, showExportSaveDialog, (id) => scopes.get(id), showImportOpenDialog, showLocateOpenDialog);
  installMenu(core, openWindow);
  openWindow();
  handOver.ready((files) => void core.openFiles(files).then((outcomes) => outcomes.forEach((o) => o.kind === 'failed' && log.warn({ source: o.source, errorId: o.errorId }, o.message))));
  // Coming back to the app after editing a file elsewhere: look at the inputs now, not at the next tick.
  app.on('browser-window-focus', () => void core.checkInputs());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
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
