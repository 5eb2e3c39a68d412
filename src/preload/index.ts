/**
 * The sandboxed preload: exposes `window.sextant`, the typed API (src/preload/desktopApi.ts), and
 * nothing else. It is bundled into one CommonJS file that requires only 'electron' (a sandboxed
 * preload cannot load modules; scripts/checkPreloadBundle.mjs fails the build otherwise).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createDesktopApi } from './desktopApi';

contextBridge.exposeInMainWorld(
  'sextant',
  createDesktopApi(ipcRenderer, (file) => webUtils.getPathForFile(file)),
);
