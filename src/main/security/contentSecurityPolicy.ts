/**
 * The renderer's Content-Security-Policy, defined once. The web host sends it as a header, the
 * Electron shell's app:// protocol sends it with every page, and the build writes it into
 * index.html as a meta tag (electron.vite.config.ts), so a page opened any other way still has it.
 *
 * No inline or remote script, no eval, no plugins, no frames, no workers; connections only to the
 * app's own origin (the web host's WebSocket; Electron talks over IPC and needs none).
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // CodeMirror and React set styles at run time.
  'style-src': ["'self'", "'unsafe-inline'"],
  // CodeMirror's lint underline is a data: SVG.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'none'"],
  'frame-src': ["'none'"],
  'media-src': ["'none'"],
  'manifest-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Browsers ignore these in a meta tag (and warn): they only work as a header. */
const HEADER_ONLY = new Set(['frame-ancestors']);

const serialize = (names: readonly string[]): string => names.map((name) => [name, ...(CSP_DIRECTIVES[name] ?? [])].join(' ')).join('; ');

/** The header value. */
export const CONTENT_SECURITY_POLICY = serialize(Object.keys(CSP_DIRECTIVES));

/** The same policy for `<meta http-equiv="Content-Security-Policy">`: every directive a meta tag can carry. */
export const META_CONTENT_SECURITY_POLICY = serialize(Object.keys(CSP_DIRECTIVES).filter((name) => !HEADER_ONLY.has(name)));

/** Where the build writes the meta tag in src/renderer/index.html (right after the charset). */
export const CSP_META_PLACEHOLDER = '<!-- Content-Security-Policy: written by the build from src/main/security/contentSecurityPolicy.ts -->';

/** index.html with the policy's meta tag in place of the placeholder; throws if there is no placeholder, so the tag cannot go missing silently. */
export function withCspMetaTag(html: string): string {
  if (!html.includes(CSP_META_PLACEHOLDER)) throw new Error('index.html has no Content-Security-Policy placeholder');
  return html.replace(CSP_META_PLACEHOLDER, `<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`);
}
