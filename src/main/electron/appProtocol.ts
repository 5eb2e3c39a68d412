import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from '../security/appOrigin';
import { CONTENT_SECURITY_POLICY } from '../security/contentSecurityPolicy';

/**
 * app:// is standard (relative URLs, its own origin, web storage) and secure (a secure context, like
 * https). It does not bypass CSP, is not CORS-enabled for other origins, and allows no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * The file inside `rootDir` that an app:// URL names, or undefined for anything that is not ours:
 * another host, a path that climbs out of the root (also percent-encoded, or with backslashes on
 * Windows), a NUL byte, or malformed escapes. `/` is the index.
 */
export function appAssetPath(url: string, rootDir: string): string | undefined {
  let parsed: URL;
  let path: string;
  try {
    parsed = new URL(url);
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || path.includes('\0')) return undefined;
  const root = resolve(rootDir);
  const file = resolve(root, `.${sep}${path === '/' ? 'index.html' : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return file;
}

/**
 * The app:// handler: serves the built renderer and nothing else, every response with the CSP and
 * nosniff. `fetchFile` is Electron's net.fetch (which reads inside asar archives); tests pass their own.
 */
export function appProtocolHandler(rootDir: string, fetchFile: (fileUrl: string) => Promise<Response>): (request: Request) => Promise<Response> {
  const refuse = (status: number, text: string) => new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const file = appAssetPath(request.url, rootDir);
    if (!file) return refuse(404, 'Not found');
    let response: Response;
    try {
      response = await fetchFile(pathToFileURL(file).href);
    } catch {
      return refuse(404, 'Not found');
    }
    if (!response.ok) return refuse(404, 'Not found');
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    headers.set('cache-control', 'no-store');
    return new Response(request.method === 'HEAD' ? null : response.body, { status: 200, headers });
  };
}
