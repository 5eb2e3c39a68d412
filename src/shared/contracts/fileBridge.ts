/**
 * Where a dropped file lives on disk. Only Electron can say (its preload exposes this as
 * `pathForFile` on `window.sextant`); a browser never reveals a dropped file's path.
 */
export interface FileBridge {
  pathForFile(file: File): string;
}
