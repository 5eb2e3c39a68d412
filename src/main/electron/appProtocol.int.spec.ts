import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeRenderer, tempDir } from '../../../test/support/testCore';
import { CONTENT_SECURITY_POLICY } from '../security/contentSecurityPolicy';
import { APP_SCHEME_PRIVILEGES, appAssetPath, appProtocolHandler } from './appProtocol';

/** What Electron's net.fetch does for a file:// URL, enough for the handler: the bytes, or a 404. */
const readFile = async (fileUrl: string): Promise<Response> => {
  try {
    const path = fileURLToPath(fileUrl);
    return new Response(readFileSync(path), { headers: { 'content-type': path.endsWith('.html') ? 'text/html' : 'text/javascript' } });
  } catch {
    return new Response(null, { status: 404 });
  }
};

describe('the app:// protocol', () => {
  let dir: ReturnType<typeof tempDir>;
  let root: string;
  beforeEach(() => {
    dir = tempDir();
    root = fakeRenderer(dir.path);
  });
  afterEach(() => dir.remove());

  it('is a standard, secure scheme that neither bypasses CSP nor opens itself to other origins', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } });
  });

  it('maps app://sextant/… to files inside the renderer folder, / to the index', () => {
    expect(appAssetPath('app://sextant/index.html?session=a', root)).toBe(join(root, 'index.html'));
    expect(appAssetPath('app://sextant/', root)).toBe(join(root, 'index.html'));
    expect(appAssetPath('app://sextant/assets/index.js', root)).toBe(join(root, 'assets', 'index.js'));
  });

  it('refuses anything outside it: climbing out (plain, encoded, backslashed), other hosts, NUL, bad escapes', () => {
    for (const url of [
      'app://sextant/../secret.txt',
      'app://sextant/%2e%2e/secret.txt',
      'app://sextant/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://sextant/..%2fsecret.txt',
      'app://sextant/%2e%2e%5csecret.txt',
      'app://sextant/index.html%00.js',
      'app://sextant/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      const path = appAssetPath(url, root);
      expect(path === undefined || path.startsWith(root + '/'), `${url} → ${path}`).toBe(true);
    }
    expect(appAssetPath('app://sextant/..%2fsecret.txt', root)).toBeUndefined();
    expect(appAssetPath('app://other/index.html', root)).toBeUndefined();
    expect(appAssetPath('app://sextant/index.html%00.js', root)).toBeUndefined();
  });

  it('serves the page with the CSP and nosniff, and 404s or 405s everything else', async () => {
    const handle = appProtocolHandler(root, readFile);
    const page = await handle(new Request('app://sextant/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-type')).toBe('text/html');
    expect(await page.text()).toContain('<title>Sextant</title>');
    expect((await handle(new Request('app://sextant/assets/index.js'))).status).toBe(200);
    expect((await handle(new Request('app://sextant/..%2fsecret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://sextant/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://sextant/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
