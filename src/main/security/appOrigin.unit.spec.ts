import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, devServerOrigin, isAppUrl, isTrustedSender } from './appOrigin';

describe('what counts as the app’s own page', () => {
  it('app://sextant pages are the app, with or without a query', () => {
    expect(isAppUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppUrl('app://sextant/index.html?session=0190a')).toBe(true);
    expect(isAppUrl('app://sextant/')).toBe(true);
  });

  it('nothing else is: other hosts of the scheme, file://, the web, javascript: and data: URLs, garbage', () => {
    for (const url of [
      'app://evil/index.html',
      'app://sextant.evil.example/index.html',
      'app://user:pw@sextant/index.html',
      'file:///opt/Sextant/resources/app.asar/out/renderer/index.html',
      'file:///etc/passwd',
      'https://sextant.example/',
      'http://localhost:5173/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('the dev server counts only in development, and only on loopback over http', () => {
    const dev = devServerOrigin('http://localhost:5173/', false);
    expect(dev).toBe('http://localhost:5173');
    expect(isAppUrl('http://localhost:5173/index.html?session=a', { devServer: dev })).toBe(true);
    expect(isAppUrl('http://localhost:5174/', { devServer: dev })).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', { devServer: dev })).toBe(false);
    // A packaged app ignores ELECTRON_RENDERER_URL: an environment variable must not choose what the trusted window loads.
    expect(devServerOrigin('http://localhost:5173/', true)).toBeUndefined();
    expect(devServerOrigin('https://evil.example/', false)).toBeUndefined();
    expect(devServerOrigin('http://evil.example:5173/', false)).toBeUndefined();
    expect(devServerOrigin('http://user@localhost:5173/', false)).toBeUndefined();
    expect(devServerOrigin('garbage', false)).toBeUndefined();
    expect(devServerOrigin(undefined, false)).toBeUndefined();
  });

  it('IPC is trusted only from the top frame of an app page', () => {
    expect(isTrustedSender({ url: `${APP_INDEX_URL}?session=x`, isTopFrame: true })).toBe(true);
    expect(isTrustedSender({ url: APP_INDEX_URL, isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/x.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});
