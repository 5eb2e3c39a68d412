import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { newErrorId } from '../platform/ids';
import { shownSource } from './sourceChecks';

/**
 * A typed source as a path: a `file://` URL is its file (as a dropped one is); another scheme is
 * refused, where read as a path `ftp://h/x.csv` became a "missing" file under the working folder.
 */
export function localPath(source: string): string {
  const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(source)?.[1];
  if (scheme?.toLowerCase() === 'file') {
    try {
      return fileURLToPath(source);
    } catch {
      // a file URL naming another host: not a file of this machine
    }
  }
  if (scheme) {
    throw new AppErrorException(appError(newErrorId(), 'DATASET_UNSUPPORTED', `Sextant opens files and http(s) URLs, not ${scheme}:// URLs such as ${shownSource(source)}.`));
  }
  return source;
}

/**
 * The file a local source names, whoever reads it (the locator, the fingerprint, a Windows-1252
 * copy): a relative one (an older log's; a typed one is recorded under the home folder, homePath)
 * is under the home folder, never under the app's own working folder.
 */
export function sourcePath(source: string): string {
  const local = localPath(source);
  return isAbsolute(local) ? local : resolve(homedir(), local);
}
