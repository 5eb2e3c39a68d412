import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Sextant';

/**
 * The OS user-data dir, computed the way Electron's app.getPath('userData') does, so the desktop
 * app and the web host started without --data-dir share one store.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  switch (platform) {
    case 'win32':
      return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_NAME);
    default:
      return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), APP_NAME);
  }
}
