import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../security/appOrigin';
import { appPages, pageUrl } from './appUrls';

describe('the page a window loads', () => {
  it('is app://sextant/index.html, with ?session=<id> for a window on one session', () => {
    const pages = appPages(false, undefined);
    expect(pageUrl(pages)).toBe('app://sextant/index.html');
    expect(pageUrl(pages, '0190ab-cd')).toBe('app://sextant/index.html?session=0190ab-cd');
    expect(pageUrl(pages, 'a&b=c')).toBe('app://sextant/index.html?session=a%26b%3Dc');
    expect(isAppUrl(pageUrl(pages, 'x'), pages.origins)).toBe(true);
  });

  it('is the dev server under `npm run dev`, but never in a packaged app, whatever the environment says', () => {
    const dev = appPages(false, 'http://localhost:5173/');
    expect(pageUrl(dev, 's')).toBe('http://localhost:5173/?session=s');
    expect(isAppUrl(pageUrl(dev), dev.origins)).toBe(true);
    const packaged = appPages(true, 'http://localhost:5173/');
    expect(pageUrl(packaged)).toBe('app://sextant/index.html');
    expect(isAppUrl('http://localhost:5173/', packaged.origins)).toBe(false);
    expect(pageUrl(appPages(false, 'https://evil.example/'))).toBe('app://sextant/index.html');
  });
});
