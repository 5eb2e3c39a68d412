/**
 * Which pages are Sextant's own, decided in one place and without Electron so it is unit-tested:
 * what a window may navigate to, and which frames' IPC main listens to.
 *
 * The desktop renderer is served from `app://sextant/` (a privileged, standard and secure custom
 * scheme, src/main/electron/appProtocol.ts) rather than file://: every file:// URL shares one
 * origin, so CSP 'self' and an origin check would admit any local file; `app://sextant` admits
 * only the built renderer.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sextant';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Where app pages may come from besides app://sextant: electron-vite's dev server, in development only. */
export interface AppOrigins {
  readonly devServer?: string;
}

const parse = (url: string): URL | undefined => {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};

/**
 * The dev server's origin, if this run may use one: never in a packaged app (an environment
 * variable must not be able to point a packaged Sextant's trusted window at another site), and
 * only plain http on loopback, where `npm run dev` serves.
 */
export function devServerOrigin(envUrl: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || !envUrl) return undefined;
  const url = parse(envUrl);
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password) return undefined;
  return url.origin;
}

/** A page of the app itself: app://sextant/…, or the dev server in development. */
export function isAppUrl(url: string, origins: AppOrigins = {}): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  // Node gives non-special schemes an opaque origin, so compare the parts.
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST && !parsed.username && !parsed.password;
  return origins.devServer !== undefined && parsed.origin === origins.devServer;
}

/** The frame an IPC message came from, as Electron describes it. */
export interface SenderFrame {
  readonly url: string;
  /** No parent: the window's own document, not an iframe inside it. */
  readonly isTopFrame: boolean;
}

/** Main acts on IPC only from the top frame of an app page; anything else is refused (and logged). */
export function isTrustedSender(frame: SenderFrame | null | undefined, origins: AppOrigins = {}): boolean {
  return frame != null && frame.isTopFrame && isAppUrl(frame.url, origins);
}
