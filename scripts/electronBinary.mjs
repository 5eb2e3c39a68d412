// Where Electron's binary is, without triggering the electron package's download-on-require
// (which cannot work offline). Used by `npm start` and the e2e suite.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** @returns {{ path: string } | { reason: string }} */
export function findElectronBinary() {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(dir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
  const full = override ? join(override, relative ?? 'electron') : relative ? join(dir, 'dist', relative) : undefined;
  if (full && existsSync(full)) return { path: full };
  return { reason: 'the Electron binary was not downloaded (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or offline)' };
}
