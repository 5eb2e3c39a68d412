import { open } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import type { DatasetFormat } from '../../shared/contracts/events';
import { utf16Mark, utf16Unmarked } from '../../shared/domain/utf16Bytes';

/** Enough of a file to tell text from binary and to see a CSV's first lines. */
export const HEAD_BYTES = 64 * 1024;
const GZIP_SNIFF_BYTES = 4 * 1024;

/** The first `bytes` of a file (fewer when it is shorter). */
export async function readHead(path: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const head = Buffer.alloc(bytes);
  const file = await open(path, 'r');
  try {
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** The format a file's first bytes prove: magic numbers, or JSON's opening bracket. */
export function sniffBytes(head: Buffer): DatasetFormat | undefined {
  if (head.length < 4) return undefined;
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (head.subarray(0, 6).toString('latin1') === 'ARROW1') return 'arrow';
  // An Arrow IPC stream opens with a continuation marker before its schema message.
  if (head.readUInt32LE(0) === 0xffffffff) return 'arrow';
  if (head.subarray(8, 12).toString('latin1') === 'DUCK') return 'duckdb';
  const text = head.subarray(0, 64).toString('utf8').trimStart();
  if (text.startsWith('[') || text.startsWith('{')) return 'json';
  return undefined;
}

/**
 * True when the bytes read as text: no NUL, and almost no other control characters (a CSV in
 * Latin-1 is still text; DuckDB's reader says so if its encoding is wrong). After a UTF-16
 * byte-order mark (either order: Excel's "Unicode Text" is UTF-16) the same holds of its
 * characters, not its bytes, half of which are NUL in ASCII text; without a mark, UTF-16 told by its
 * bytes (utf16Unmarked, which checks its characters so) is text too.
 */
export function looksLikeText(head: Buffer): boolean {
  const mark = utf16Mark(head);
  if (mark) return fewControls(utf16Units(head.subarray(2), mark === 'big-endian'));
  return utf16Unmarked(head) !== undefined || fewControls(head);
}

/** True when `codes` hold no NUL and almost no other control characters (tab, line ends and form feed are text). */
function fewControls(codes: Uint8Array | Uint16Array): boolean {
  if (codes.length === 0) return false;
  let controls = 0;
  for (const c of codes) {
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) controls++;
  }
  return controls <= codes.length / 100;
}

/** UTF-16 text's code units (a last odd byte, cut off by the head's size, dropped). */
function utf16Units(bytes: Buffer, bigEndian: boolean): Uint16Array {
  const units = new Uint16Array(bytes.length >>> 1);
  for (let i = 0; i < units.length; i++) units[i] = bigEndian ? bytes.readUInt16BE(2 * i) : bytes.readUInt16LE(2 * i);
  return units;
}

/**
 * True when text is a web page: a login page or an error page served where data was expected.
 * Only a document's own opening counts (after a BOM or blanks, which trimStart drops): a CSV may
 * start with `<`, but never opens with `<!doctype html` or `<html>`. A page may also open with
 * `<head>` or `<body>` (the HTML tags are optional); that counts only with another tag right after
 * it (`<body><h1>`, `<head>\n<title>`), which a CSV naming a column `<body>` never has.
 */
export function looksLikeHtml(head: Buffer): boolean {
  const text = head.subarray(0, 256).toString('utf8').trimStart();
  return /^(<!doctype\s+html[\s>]|<html[\s>])/i.test(text) || /^<(head|body)(\s[^>\n]*)?>\s*<[a-z!]/i.test(text);
}

/**
 * True when the text's first KiB holds an HTML tag or comment. Alone it proves nothing (a CSV cell
 * may be `<b>`); beside an HTML Content-Type it tells a page from a CSV a server labelled
 * carelessly (Express's `res.send`, Flask's `str` and PHP's `echo` all send text/html).
 */
export function hasMarkup(head: Buffer): boolean {
  return /<(!doctype|!--|\/?[a-z][a-z0-9-]*)[\s>/]/i.test(head.subarray(0, 1024).toString('utf8'));
}

export const isGzip = (head: Buffer): boolean => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/**
 * The start of what a gzip file holds, from its first bytes only (a truncated stream is fine). Only
 * the first 4 KiB are inflated: a crafted file inflates a thousandfold, on main, and a few KiB of
 * text is all the sniffing reads.
 */
export function gunzipHead(head: Buffer): Buffer | undefined {
  try {
    return gunzipSync(head.subarray(0, GZIP_SNIFF_BYTES), { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, HEAD_BYTES);
  } catch {
    return undefined;
  }
}
