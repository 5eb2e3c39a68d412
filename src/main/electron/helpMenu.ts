import type { MenuItemConstructorOptions } from 'electron';

export interface HelpActions {
  /** Opens the data folder (event store, DuckDB files, logs) in the OS file manager. */
  revealDataFolder(): void;
  /** Puts versions, the data folder and the last error ids on the clipboard, for a bug report. */
  copyDiagnostics(): void;
  showAbout(): void;
}

/** The Help menu. Pure (Electron is only a type here), so its items and what they do are tested without Electron. */
export function helpMenuItems(appName: string, actions: HelpActions): MenuItemConstructorOptions[] {
  return [
    { label: 'Reveal Data Folder', click: () => actions.revealDataFolder() },
    { label: 'Copy Diagnostics', click: () => actions.copyDiagnostics() },
    { type: 'separator' },
    { label: `About ${appName}`, click: () => actions.showAbout() },
  ];
}
