import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_INDEX_URL, devServerOrigin, type AppOrigins } from '../security/appOrigin';

const here = dirname(fileURLToPath(import.meta.url));

/** Built files next to this bundle (out/main): the renderer, the preload, the DuckDB worker. */
export const paths = {
  renderer: join(here, '..', 'renderer'),
  preload: join(here, '..', 'preload', 'index.cjs'),
  duckdbWorker: join(here, 'duckdbWorker.js'),
};

/** Where this run's windows load their page from, and so which origins main trusts. */
export interface AppPages {
  readonly origins: AppOrigins;
  /** The page every window opens (plus `?session=<id>` for a window on one session). */
  readonly entry: string;
}

/**
 * app://sextant/index.html; electron-vite's dev server (`npm run dev` sets ELECTRON_RENDERER_URL)
 * only when not packaged and only on loopback.
 */
export function appPages(isPackaged: boolean, rendererUrl: string | undefined = process.env['ELECTRON_RENDERER_URL']): AppPages {
  const devServer = devServerOrigin(rendererUrl, isPackaged);
  return devServer && rendererUrl ? { origins: { devServer }, entry: rendererUrl } : { origins: {}, entry: APP_INDEX_URL };
}

/** The URL of a window's page: the renderer reads its scope from `?session=` (src/renderer/state/windowScope.ts). */
export function pageUrl(pages: AppPages, sessionId?: string): string {
  const url = new URL(pages.entry);
  if (sessionId !== undefined) url.searchParams.set('session', sessionId);
  return url.href;
}
