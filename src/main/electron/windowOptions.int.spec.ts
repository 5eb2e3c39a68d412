import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_META_PLACEHOLDER, META_CONTENT_SECURITY_POLICY, withCspMetaTag } from '../security/contentSecurityPolicy';
import { secureWindowOptions } from './windowOptions';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const));

describe('Electron window security', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security on', () => {
    const prefs = secureWindowOptions('/app/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('partition'); // the default session: the one guards.ts and the app:// handler cover
  });

  it('the CSP allows no inline, remote or eval’d script, no plugins, frames or workers, and connects only to the app itself', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const d of ['object-src', 'frame-src', 'worker-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(csp.get(d), d).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:|wasm-unsafe-eval/);
    expect([...csp.entries()].filter(([, v]) => v.includes("'unsafe-inline'")).map(([d]) => d)).toEqual(['style-src']);
  });

  it('the meta tag written into index.html is the same policy, less what only a header can carry', () => {
    const meta = directives(META_CONTENT_SECURITY_POLICY);
    const header = directives(CONTENT_SECURITY_POLICY);
    expect([...header.keys()].filter((d) => !meta.has(d))).toEqual(['frame-ancestors']);
    for (const [d, v] of meta) expect(v, d).toEqual(header.get(d));
    const source = readFileSync('src/renderer/index.html', 'utf8');
    expect(source).toContain(CSP_META_PLACEHOLDER);
    const built = withCspMetaTag(source);
    expect(built.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(built.indexOf('<script'));
    expect(built).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`);
    expect(() => withCspMetaTag('<html><head></head></html>')).toThrow(/placeholder/);
  });
});
