import type { Session, WebContents } from 'electron';
import { isAppUrl, type AppOrigins } from '../security/appOrigin';
import { isPermissionGranted } from '../security/permissions';
import type { Logger } from '../platform/logger';

export type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Permission requests and checks of every page in the session: only what isPermissionGranted allows. */
export function installSessionGuards(session: GuardedSession, origins: AppOrigins, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl, origins);
    if (!granted) log.warn({ permission, url: details.requestingUrl }, 'permission request refused');
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? requestingOrigin, origins),
  );
  // WebHID, WebUSB, Web Serial: never.
  session.setDevicePermissionHandler(() => false);
}

/**
 * Every web contents (windows, and anything a page might try to create): no new windows, no
 * navigation or redirect anywhere but the app's own pages, no <webview>.
 */
export function guardWebContents(contents: GuardedContents, origins: AppOrigins, log: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url }, 'window.open refused');
    return { action: 'deny' };
  });
  const stayInApp = (event: { url: string; preventDefault(): void }, what: string) => {
    if (isAppUrl(event.url, origins)) return;
    event.preventDefault();
    log.warn({ url: event.url }, `${what} refused: not a Sextant page`);
  };
  contents.on('will-frame-navigate', (event) => stayInApp(event, 'navigation'));
  contents.on('will-redirect', (event) => stayInApp(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('<webview> refused');
  });
}
