import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
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

/** The OS's ways of saying "you may not write here": a read-only mount, or permissions. */
export const isNotWritableCode = (code: unknown): boolean => code === 'EROFS' || code === 'EACCES' || code === 'EPERM';

export const notWritableMessage = (what: string, path: string, after: string): string =>
  `${what} ${path} is on a read-only file system (or not writable); pick another --data-dir. ${after}`;

/**
 * Why `path` (or, if it does not exist yet, the nearest folder above it that does) cannot be written:
 * the OS's code (EROFS, EACCES…), or undefined when it can. Node's recursive mkdir on a read-only
 * mount reports ENOENT for the folder it could not make, hiding the EROFS; asking access() does not.
 */
export function writeRefusal(path: string): string | undefined {
  let at = path;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  try {
    accessSync(at, constants.W_OK);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}

/**
 * Makes the data folder's DuckDB folders and answers it, or refuses the start with why and an error
 * id (not a bare ENOTDIR, or an ENOENT that hides EROFS). A folder that exists whole but cannot be
 * written (a read-only mount holding a store) is refused here too, before SQLite says "disk I/O error".
 */
export function usableDataDir(dataDir: string): string {
  let failure: unknown;
  try {
    mkdirSync(join(dataDir, 'duckdb', 'tmp'), { recursive: true });
  } catch (e) {
    failure = e;
  }
  const refused = writeRefusal(dataDir);
  if (refused !== undefined && isNotWritableCode(refused)) {
    throw new AppErrorException(
      appError(newErrorId(), 'STORE_UNAVAILABLE', notWritableMessage('The data folder', dataDir, 'Nothing was changed.'), {
        details: { path: dataDir, reason: 'not-writable' },
        cause: { code: refused, message: failure instanceof Error ? failure.message : `${refused}: ${dataDir} cannot be written` },
      }),
    );
  }
  if (failure === undefined) return dataDir;
  const reason = failure instanceof Error ? failure.message : String(failure);
  throw new AppErrorException(appError(newErrorId(), 'STORE_UNAVAILABLE', `The data folder ${dataDir} cannot be used: ${reason}. Nothing was changed; pick another --data-dir or fix the folder.`));
}
