import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Built files next to this bundle (out/main): the renderer, the preload, the DuckDB worker. */
export const paths = {
  rendererIndex: join(here, '..', 'renderer', 'index.html'),
  preload: join(here, '..', 'preload', 'index.cjs'),
  duckdbWorker: join(here, 'duckdbWorker.js'),
};

/** electron-vite's dev server, when running `npm run dev`. */
export const devServerUrl = process.env['ELECTRON_RENDERER_URL'];

/** Only the app's own pages may talk to main or be navigated to. */
export function isAppUrl(url: string): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url.split(/[?#]/)[0] === pathToFileURL(paths.rendererIndex).href;
}
