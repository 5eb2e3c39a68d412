/**
 * Where a dropped file lives on disk. Only Electron can say (its preload exposes this as
 * `window.sextantFiles`); a browser never reveals a dropped file's path.
 */
export interface FileBridge {
  pathForFile(file: File): string;
}
