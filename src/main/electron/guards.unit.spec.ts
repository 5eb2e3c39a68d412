import { describe, expect, it } from 'vitest';
import { silentLogger } from '../platform/logger';
import { APP_INDEX_URL } from '../security/appOrigin';
import { guardWebContents, installSessionGuards, type GuardedContents, type GuardedSession } from './guards';

/** Records the handlers the guards install, so the test can call them as Electron would. */
function fakeSession() {
  const handlers: {
    request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void;
    check?: (contents: unknown, permission: string, origin: string, details: { requestingUrl?: string }) => boolean;
    device?: (details: unknown) => boolean;
  } = {};
  const session = {
    setPermissionRequestHandler: (h: typeof handlers.request) => (handlers.request = h),
    setPermissionCheckHandler: (h: typeof handlers.check) => (handlers.check = h),
    setDevicePermissionHandler: (h: typeof handlers.device) => (handlers.device = h),
  };
  const request = (permission: string, url: string) =>
    new Promise<boolean>((resolve) => handlers.request!({}, permission, resolve, { requestingUrl: url }));
  return { session: session as unknown as GuardedSession, handlers, request };
}

function fakeContents() {
  const listeners = new Map<string, (event: { url: string; preventDefault(): void }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: (event: { url: string; preventDefault(): void }) => void) => listeners.set(name, listener),
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
  };
  /** Fires an event; true if the guard prevented it. */
  const fire = (name: string, url: string): boolean => {
    let prevented = false;
    listeners.get(name)!({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents: contents as unknown as GuardedContents, fire, open: (url: string) => openHandler!({ url }), listeners };
}

const HOSTILE_URLS = ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>x</script>', 'app://other/index.html', 'http://localhost:5173/'];

describe('Electron guards', () => {
  it('refuses every permission request except writing to the clipboard from the app itself', async () => {
    const { session, request } = fakeSession();
    installSessionGuards(session, {}, silentLogger());
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'usb', 'serial', 'display-capture', 'unknown']) {
      expect(await request(permission, APP_INDEX_URL), permission).toBe(false);
    }
    expect(await request('clipboard-sanitized-write', APP_INDEX_URL)).toBe(true);
    expect(await request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });

  it('answers permission checks and device requests the same way', () => {
    const { session, handlers } = fakeSession();
    installSessionGuards(session, {}, silentLogger());
    expect(handlers.check!({}, 'media', 'app://sextant', { requestingUrl: APP_INDEX_URL })).toBe(false);
    expect(handlers.check!({}, 'clipboard-read', 'app://sextant', { requestingUrl: APP_INDEX_URL })).toBe(false);
    expect(handlers.check!({}, 'clipboard-sanitized-write', 'app://sextant', { requestingUrl: APP_INDEX_URL })).toBe(true);
    expect(handlers.check!({}, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
    expect(handlers.device!({ deviceType: 'usb', origin: 'app://sextant' })).toBe(false);
  });

  it('denies every window.open, and navigation or redirects to anything but the app', () => {
    const { contents, fire, open, listeners } = fakeContents();
    guardWebContents(contents, {}, silentLogger());
    expect(open(APP_INDEX_URL)).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    for (const url of HOSTILE_URLS) {
      expect(fire('will-frame-navigate', url), url).toBe(true);
      expect(fire('will-redirect', url), url).toBe(true);
    }
    expect(fire('will-frame-navigate', `${APP_INDEX_URL}?session=abc`)).toBe(false);
    expect(fire('will-attach-webview', APP_INDEX_URL)).toBe(true);
    expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-redirect']);
  });

  it('lets the dev server’s pages navigate only when it is the configured origin', () => {
    const { contents, fire } = fakeContents();
    guardWebContents(contents, { devServer: 'http://localhost:5173' }, silentLogger());
    expect(fire('will-frame-navigate', 'http://localhost:5173/index.html')).toBe(false);
    expect(fire('will-frame-navigate', 'http://localhost:5174/index.html')).toBe(true);
  });
});
