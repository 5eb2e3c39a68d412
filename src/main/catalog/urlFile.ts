import { z } from 'zod';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { DatasetFormat } from '../../shared/contracts/events';
import { baseName, formatOf } from '../../shared/domain/datasetName';
import { newErrorId } from '../platform/ids';
import { dispositionFileName, formatOfMediaType, mediaType } from './contentHeaders';
import { gunzipHead, hasMarkup, isGzip, looksLikeHtml, looksLikeText, sniffBytes } from './sniff';

/**
 * What a downloaded URL is saved as in the cache: a file name whose extension says its format, so
 * the copy found again after a restart (by that name alone, without asking the server) reads as
 * the same format the dataset was registered with.
 */

/** What the server said about the bytes, checked where it enters (download.ts). Too long is absent. */
export const responseFactsSchema = z.object({
  /** The URL a person gave. */
  url: z.string(),
  /** Where fetch ended after following redirects (`response.url`). */
  finalUrl: z.string().max(8192).optional(),
  contentType: z.string().max(1024).optional(),
  disposition: z.string().max(16384).optional(),
});
export type ResponseFacts = z.infer<typeof responseFactsSchema>;

export interface UrlFile {
  /** A plain file name for the URL's cache folder: no separators, no leading dot, never `.` or `..`. */
  readonly name: string;
  readonly format: DatasetFormat;
}

const EXTENSION: Readonly<Record<DatasetFormat, string>> = { csv: '.csv', tsv: '.tsv', parquet: '.parquet', json: '.json', ndjson: '.ndjson', arrow: '.arrow', duckdb: '.duckdb' };
/** Formats DuckDB reads through gzip when the file name ends in `.gz`. */
const GZIP_READABLE: ReadonlySet<DatasetFormat> = new Set(['csv', 'tsv', 'json', 'ndjson']);
/** Names Windows keeps for devices, whatever their extension (`CON.csv` opens the console). */
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const MAX_STEM = 64;

const unsupported = (message: string): AppErrorException => new AppErrorException(appError(newErrorId(), 'DATASET_UNSUPPORTED', message));

/**
 * A name a server or a URL suggests, made safe for the cache folder: its last path segment only,
 * control characters dropped, anything but letters, digits and ` ._()+,-@` turned into `_`, no
 * leading or trailing dots or spaces, a device name prefixed, the stem cut to 64 characters.
 * Undefined when nothing is left.
 */
export function safeFileName(suggested: string): string | undefined {
  const last = suggested.split(/[\\/]/).at(-1) ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[^\p{L}\p{N} ._()+,@-]/gu, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (cleaned === '') return undefined;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 12 ? cleaned.slice(dot) : '';
  let stem = [...(ext ? cleaned.slice(0, dot) : cleaned)].slice(0, MAX_STEM).join('').replace(/[.\s]+$/, '');
  if (stem === '') return undefined;
  if (DEVICE.test(stem.split('.')[0]!)) stem = `_${stem}`;
  return stem + ext;
}

/** A URL's last path segment decoded (`/Q3%20sales` → `Q3 sales`, by baseName), '' for none, `.` or `..`. */
function segmentOf(url: string | undefined): string {
  const segment = url ? baseName(url) : '';
  return segment === '.' || segment === '..' ? '' : segment;
}

/**
 * A URL's own file name as its copy's, decoded (`with%20space.csv` → `with space.csv`) so the copy,
 * and the dataset named after it, are named as a local file of that name is. Decoded, it may hold
 * what no plain name may: a separator (`a%2Fb.csv`, `..%2F..%2Fx.csv`), a control character or one
 * Windows refuses (`<>:"|?*`) becomes `_`, as do leading dots; a device name is prefixed. '' for
 * none, `.` or `..`.
 */
export function ownFileName(url: string): string {
  const name = segmentOf(url)
    .replace(/[\\/<>:"|?*\p{Cc}]/gu, '_')
    .replace(/^\.+/, '_');
  return DEVICE.test(name.split('.')[0]!) ? `_${name}` : name;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

interface BytesSay {
  readonly format: DatasetFormat | 'html' | undefined;
  /** The name needs `.gz` to be read. */
  readonly gzip: boolean;
  /** A magic number or JSON's bracket proved the format: no Content-Type outweighs it. */
  readonly proven: boolean;
  /** The text holds an HTML tag: beside an HTML Content-Type, a page. */
  readonly markup: boolean;
}

/** The format the bytes show, looking through gzip. */
function byBytes(head: Buffer): BytesSay {
  const gzip = isGzip(head);
  const inner = gzip ? gunzipHead(head) : head;
  if (!inner) return { format: undefined, gzip, proven: false, markup: false };
  const sniffed = sniffBytes(inner);
  if (sniffed) return { format: gzip && !GZIP_READABLE.has(sniffed) ? undefined : sniffed, gzip, proven: true, markup: false };
  if (!looksLikeText(inner)) return { format: undefined, gzip, proven: false, markup: false };
  // Text with nothing else to say is CSV; DuckDB's sniffer finds its delimiter (`,` `;` tab `|`).
  return { format: looksLikeHtml(inner) ? 'html' : 'csv', gzip, proven: false, markup: hasMarkup(inner) };
}

/** `host:port` of a URL, for messages: its path and query may hold a token, and its user a password. */
function serverOf(url: string): string {
  try {
    return new URL(url).host || displayUrl(url);
  } catch {
    return displayUrl(url);
  }
}

/**
 * A URL as messages and log lines name it: `https://host:port/path/file.csv`, without a
 * `user:password@`, query or fragment, where signed URLs keep their secrets. The one form every
 * catalog message uses; what events store keeps the URL as given.
 */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    // Not parsed (an invalid port, a bad host): cut the same parts by hand, up to the last `@`,
    // since a password may hold a `/` that ends the host for a parser.
    // The userinfo goes first: a password may hold a `?` or `#` that would otherwise end the cut early.
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/).*@/is, '$1').replace(/[?#].*$/s, '');
  }
}

/**
 * Refuses a web page (a sign-in wall, an SSO redirect, an error page sent with 200) whatever the
 * URL's name says: cached as `data.csv`, it read as a one-column table of HTML. Only strong
 * evidence counts, since a real CSV may open with `<` and many servers label any text text/html:
 * bytes opening an HTML document, or an HTML Content-Type over text with a tag in it (a Parquet
 * file mislabelled text/html still opens, and so does a CSV without markup).
 */
function refuseWebPage(facts: ResponseFacts, type: string | undefined, bytes: BytesSay): void {
  const labelled = formatOfMediaType(type) === 'html';
  if (bytes.format !== 'html' && !(labelled && bytes.markup)) return;
  const what = labelled ? type! : `an HTML page, ${type ? `labelled ${type}` : 'with no Content-Type'}`;
  throw unsupported(
    `The server at ${serverOf(facts.url)} sent a web page (${what}), not a data file: perhaps a sign-in or error page. Give the address of the file itself (CSV, TSV, Parquet, JSON, NDJSON, Arrow IPC or a DuckDB database).`,
  );
}

/**
 * Decides a downloaded URL's cache name and format, in order: the URL's own file name, the URL it
 * was redirected to, the Content-Disposition file name, the Content-Type, the first bytes, and
 * text as CSV. `recorded` is the format a registered dataset already has: its copy downloaded
 * again keeps it, whatever the server now claims. Throws DATASET_UNSUPPORTED for a web page,
 * whatever the name says, or bytes Sextant cannot read.
 */
export function decideUrlFile(facts: ResponseFacts, head: Buffer, recorded?: DatasetFormat): UrlFile {
  // Refused here rather than kept: an empty answer cached would stay empty at every later try.
  if (head.length === 0) throw new AppErrorException(appError(newErrorId(), 'DATASET_EMPTY', `${displayUrl(facts.url)} is empty: the server sent no bytes.`));
  const type = mediaType(facts.contentType);
  const bytes = byBytes(head);
  refuseWebPage(facts, type, bytes);
  const own = ownFileName(facts.url);
  // A URL that names its file keeps that name, decoded (a copy kept under its encoded name before is found all the same: download.ts takes a URL folder's one file)
  if (formatOf(facts.url) && own !== '') return fitted(own, recorded ?? formatOf(facts.url)!, head);
  const named = [segmentOf(facts.finalUrl), dispositionFileName(facts.disposition) ?? '']
    .map((s) => (s ? safeFileName(s) : undefined))
    .find((s): s is string => s !== undefined && formatOf(s) !== undefined);
  if (named) return fitted(named, recorded ?? formatOf(named)!, head);
  // No name says a format: the file is named after what names it best, its format found below.
  const name = safeFileName(dispositionFileName(facts.disposition) ?? '') ?? safeFileName(segmentOf(facts.finalUrl)) ?? safeFileName(segmentOf(facts.url)) ?? safeFileName(hostOf(facts.url)) ?? 'download';
  if (recorded) return fitted(name, recorded, head);
  const declared = formatOfMediaType(type);
  // A web page was refused above; `html` left here is a label the bytes disproved.
  const format = (declared === 'html' ? undefined : declared) ?? bytes.format;
  if (!format || format === 'html') {
    throw unsupported(`${displayUrl(facts.url)} served a file Sextant cannot read (${type ?? 'no Content-Type'}): add CSV, TSV, Parquet, JSON, NDJSON, Arrow IPC or DuckDB database files.`);
  }
  return fitted(name, format, head, bytes.gzip);
}

/** `name` with the extension its format needs (and `.gz` when the bytes are gzip DuckDB can read through). */
function fitted(name: string, format: DatasetFormat, head: Buffer, gzip = isGzip(head)): UrlFile {
  if (formatOf(name) === format) return { name, format };
  const withExt = `${name}${EXTENSION[format]}${gzip && GZIP_READABLE.has(format) ? '.gz' : ''}`;
  return { name: withExt, format };
}

/** The format of a copy found in the cache: its name's, else (a copy kept before names said it) its bytes'. */
export function cachedFormat(path: string, head: Buffer): DatasetFormat | undefined {
  const format = formatOf(path) ?? byBytes(head).format;
  return format === 'html' ? undefined : format;
}
