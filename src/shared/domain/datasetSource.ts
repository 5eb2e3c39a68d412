import { isUrl, WINDOWS_ROOT as WINDOWS } from './datasetName';

/**
 * A source trimmed, and without one pair of matching quotes around it (`"C:\data\x.csv"`,
 * `'/tmp/a b.csv'`), as Windows' "Copy as path" and a shell give it: pasted in, the quotes were
 * read as part of a relative path (`~/"/tmp/x.csv"`). Only the outer pair goes; a quote inside stays.
 */
function unquoted(source: string): string {
  const trimmed = source.trim();
  const quote = trimmed[0];
  return trimmed.length >= 2 && (quote === '"' || quote === "'") && trimmed.endsWith(quote) ? trimmed.slice(1, -1).trim() : trimmed;
}

/**
 * A source as the catalog records and compares it: trimmed and unquoted, and for a path its `.` and `..`
 * segments resolved and doubled or trailing separators dropped (`/d/./pq/` → `/d/pq`), as
 * `path.resolve` would on the machine that wrote it, without asking its disk (symlinks are not
 * followed); a `file://` URL is its path. An http(s) URL is only trimmed: its path is the server's business.
 */
export function normalSource(source: string): string {
  const trimmed = fileUrlPath(unquoted(source));
  // a URL, or a scheme Sextant refuses (catalog/localPath.ts): as typed
  if (isUrl(trimmed) || /^[a-z][a-z\d+.-]*:\/\//i.test(trimmed) || trimmed === '') return trimmed;
  const root = WINDOWS.exec(trimmed)?.[0] ?? (trimmed.startsWith('/') ? '/' : '');
  const windows = root !== '' && root !== '/';
  const separator = windows ? '\\' : '/';
  const kept: string[] = [];
  for (const segment of trimmed.slice(root.length).split(windows ? /[\\/]/ : '/')) {
    if (segment === '' || segment === '.') continue;
    // `..` above the root stays at the root; in a relative path it stays, as it names a parent
    if (segment === '..' && kept.length > 0 && kept.at(-1) !== '..') kept.pop();
    else if (segment !== '..' || root === '') kept.push(segment);
  }
  const drive = windows && root !== '\\\\' ? `${root}${separator}` : root;
  const path = `${drive}${kept.join(separator)}`;
  return path === '' ? '.' : path;
}

/** A `file://` URL of this machine as its path (a typed or pasted one is its file, as a dropped one is); anything else as it is. */
function fileUrlPath(source: string): string {
  if (!/^file:\/\//i.test(source)) return source;
  try {
    const url = new URL(source);
    if (url.host !== '' && url.host !== 'localhost') return source;
    const path = decodeURIComponent(url.pathname);
    return /^\/[a-zA-Z]:\//.test(path) ? path.slice(1) : path;
  } catch {
    return source;
  }
}

/**
 * A typed path as the catalog reads it: one starting with `~` as the shell would read it, the
 * person's home folder (`~/data/x.csv`, `~` alone); a relative one (`weather.tsv`, `data/x.csv`)
 * under the home folder too, as a file dialog starts there: a desktop app has no working folder a
 * person chose. Quotes around it are no part of it (`unquoted`). `~user`, a `~` inside a path,
 * an absolute path and a URL are left alone.
 */
export function homePath(source: string, home: string): string {
  const trimmed = unquoted(source);
  const separator = WINDOWS.test(home) ? '\\' : '/';
  if (trimmed === '~') return home;
  // doubled or trailing separators are normalSource's to drop
  if (/^~[\\/]/.test(trimmed)) return `${home}${separator}${trimmed.slice(2)}`;
  return relative(trimmed) ? `${home}${separator}${trimmed}` : source;
}

/** Neither rooted (`/`, `\\`, a drive `C:`), nor `~…`, nor a URL or another scheme, nor empty. */
const relative = (path: string): boolean => path !== '' && !/^([\\/~]|[a-zA-Z]:)/.test(path) && !isUrl(path) && !/^[a-z][a-z\d+.-]*:\/\//i.test(path);

/** True when two sources name the same file, folder, pattern or URL (`normalSource`). */
export const sameSource = (a: string, b: string): boolean => normalSource(a) === normalSource(b);
