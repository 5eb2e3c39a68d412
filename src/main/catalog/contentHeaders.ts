import type { DatasetFormat } from '../../shared/contracts/events';

/**
 * Reading a server's Content-Type and Content-Disposition headers. Both are hostile input: a
 * server may send anything, so nothing here throws, and a file name found here is only ever a
 * suggestion that `safeFileName` (cacheFileName.ts) cleans before it touches the disk.
 */

/** `text/csv; charset=utf-8` → `text/csv`: the media type alone, lower-cased, or undefined. */
export function mediaType(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : undefined;
}

/** The media types that name a format Sextant reads; `html` for a web page, which is never data. */
const MEDIA_FORMATS: Readonly<Record<string, DatasetFormat | 'html'>> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/comma-separated-values': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/json': 'json',
  'text/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonlines': 'ndjson',
  'application/jsonlines': 'ndjson',
  'application/vnd.apache.parquet': 'parquet',
  'application/x-parquet': 'parquet',
  'application/parquet': 'parquet',
  'application/vnd.apache.arrow.file': 'arrow',
  'application/vnd.apache.arrow.stream': 'arrow',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
};

/**
 * The format a media type names. Generic types (`text/plain`, `application/octet-stream`) say
 * nothing, and leave the decision to the bytes.
 */
export function formatOfMediaType(type: string | undefined): DatasetFormat | 'html' | undefined {
  return type === undefined ? undefined : MEDIA_FORMATS[type];
}

/** One `name=value` of a header after its first `;`, the value unquoted (RFC 9110 quoted-string). */
function parameters(header: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = header.indexOf(';');
  if (i < 0) return params;
  while (i < header.length) {
    i++; // past the ';'
    const eq = header.indexOf('=', i);
    const semi = header.indexOf(';', i);
    if (eq < 0 || (semi >= 0 && semi < eq)) {
      if (semi < 0) break;
      i = semi;
      continue; // a parameter without a value: skipped
    }
    const name = header.slice(i, eq).trim().toLowerCase();
    let value = '';
    i = eq + 1;
    while (header[i] === ' ' || header[i] === '\t') i++;
    if (header[i] === '"') {
      // A quoted string: `\x` stands for x; an unterminated one ends with the header.
      for (i++; i < header.length && header[i] !== '"'; i++) value += header[i] === '\\' && i + 1 < header.length ? header[++i] : header[i];
      const next = header.indexOf(';', i);
      i = next < 0 ? header.length : next;
    } else {
      const next = header.indexOf(';', i);
      value = header.slice(i, next < 0 ? header.length : next).trim();
      i = next < 0 ? header.length : next;
    }
    // The first of a repeated parameter wins, as browsers do.
    if (name && !params.has(name)) params.set(name, value);
  }
  return params;
}

/** `UTF-8''%E2%82%AC%20rates.csv` (RFC 8187) decoded, or undefined when its encoding is broken. */
function extValue(value: string): string | undefined {
  const match = /^([a-z0-9!#$&+^_`{}~-]+)'[^']*'(.*)$/i.exec(value);
  if (!match) return undefined;
  const charset = match[1]!.toLowerCase();
  const encoded = match[2]!;
  try {
    if (charset === 'utf-8') return decodeURIComponent(encoded);
    if (charset === 'iso-8859-1') return Buffer.from(encoded.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('latin1');
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The file name a Content-Disposition header suggests (`filename*` before `filename`, as RFC 6266
 * says), as the server wrote it: it may still hold separators, `..` or control characters.
 */
export function dispositionFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const params = parameters(header);
  const extended = params.get('filename*');
  const name = (extended !== undefined ? extValue(extended) : undefined) ?? params.get('filename');
  return name === undefined || name === '' ? undefined : name;
}
