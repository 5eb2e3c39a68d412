import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { newErrorId } from './ids';

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

/** Makes the data folder's DuckDB folders and answers it, or refuses the start with why and an error id (not a bare ENOTDIR or EROFS). */
export function usableDataDir(dataDir: string): string {
  try {
    mkdirSync(join(dataDir, 'duckdb', 'tmp'), { recursive: true });
    return dataDir;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new AppErrorException(appError(newErrorId(), 'STORE_UNAVAILABLE', `The data folder ${dataDir} cannot be used: ${reason}. Nothing was changed; pick another --data-dir or fix the folder.`));
  }
}
