import { grouped } from '../text/counts';

/**
 * What a CSV's bytes say of its encoding, read whole and a chunk at a time (docs/query-engine.md,
 * "CSV that DuckDB's defaults misread"): DuckDB registers a file from its first rows, so a file
 * whose later rows are not UTF-8 would fail only when queried. The fingerprint's hash pass feeds
 * every chunk through a TextScanner (catalog/fingerprint.worker.ts), so nothing is read twice.
 * DuckDB here reads UTF-8, UTF-16 and Latin-1 only, and its Latin-1 refuses bytes 0x80–0x9F
 * ("File is not latin-1 encoded"): those are Windows-1252's € ’ “ ” and the like.
 */

/** How many bytes a UTF-8 character starting with `lead` has; 0 for a byte no character starts with. */
export function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * The offset of the first character of `bytes` that is not well-formed UTF-8 (Unicode's Table 3-7:
 * no overlong forms, no surrogates, nothing past U+10FFFF), or -1. A character cut at the end is not
 * well-formed: pass whole characters (utf8Tail says how many bytes to keep for the next chunk).
 */
export function firstNotUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const n = sequenceLength(lead);
    if (n === 0 || i + n > bytes.length) return i;
    // the second byte's range depends on the lead (E0: no overlong, ED: no surrogate, F0/F4: U+10000–U+10FFFF)
    const second = bytes[i + 1]!;
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += n;
  }
  return -1;
}

/** How many bytes at the end of `bytes` begin a character the next chunk completes (0–3). */
export function utf8Tail(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const n = sequenceLength(b);
    return n > k ? k : 0;
  }
  return 0;
}

/** Windows-1252's characters for bytes 0x80–0x9F; the five it leaves undefined are absent. */
export const WINDOWS_1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
export const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** What a file's bytes say of its encoding, once all were read. */
export interface TextScan {
  /** The offset of the first byte that is not UTF-8; absent: the whole file is UTF-8. */
  readonly notUtf8At?: number;
  /** Whether a multi-byte UTF-8 character comes before it: UTF-8 first, then something else. */
  readonly utf8Before: boolean;
  /** NUL bytes from there on: compressed, UTF-16 or binary, bytes that say nothing of a text encoding. */
  readonly binary: boolean;
  /** Bytes 0x80–0x9F from there on, in the order first met (at most 8), and the offset of the first. */
  readonly c1: readonly number[];
  readonly c1At?: number;
}

/** Fast checks where the platform has them (node:buffer's isUtf8, isAscii); these are the portable ones. */
export interface ByteChecks {
  isUtf8(bytes: Uint8Array): boolean;
  isAscii(bytes: Uint8Array): boolean;
}

export const portableChecks: ByteChecks = {
  isUtf8: (bytes) => firstNotUtf8(bytes) < 0,
  isAscii: (bytes) => bytes.every((b) => b < 0x80),
};

/**
 * Where the first byte of `bytes` that `wanted` marks (bytes 0x80–0x9F only) is, or -1. Four bytes
 * at a time: a word with no byte 100xxxxx is passed over, so mostly-ASCII text goes about twice as
 * fast as byte by byte (a regular expression over the chunk as Latin-1 text was slower still). Only
 * a file that is not UTF-8 gets this look: about 0.4 s a GB beside the hash pass's 0.8 s.
 */
export function indexOfC1(bytes: Uint8Array, wanted: Uint8Array): number {
  const at = (from: number, to: number): number => {
    for (let i = from; i < to; i++) if (wanted[bytes[i]!] === 1) return i;
    return -1;
  };
  const head = (4 - (bytes.byteOffset & 3)) & 3;
  if (bytes.length < head + 4) return at(0, bytes.length);
  const first = at(0, head);
  if (first >= 0) return first;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, (bytes.length - head) >>> 2);
  for (let j = 0; j < words.length; j++) {
    const x = words[j]!;
    // a byte 100xxxxx: its high bit set, the two below it clear
    if ((x & ~(x << 1) & ~(x << 2) & 0x80808080) !== 0) {
      const found = at(head + j * 4, head + j * 4 + 4);
      if (found >= 0) return found;
    }
  }
  return at(head + words.length * 4, bytes.length);
}

/** At most this many of the bytes 0x80–0x9F are named: a refusal lists 8, so the look stops there. */
const C1_NAMED = 8;

/**
 * Reads a file's bytes a chunk at a time, in order, and says what they hold (TextScan). Checks each
 * chunk for UTF-8 whole (a character cut between chunks is checked once joined); past the first
 * byte that is not UTF-8, looks only for NUL and for bytes 0x80–0x9F, and stops looking once the
 * answer cannot change.
 */
export class TextScanner {
  private offset = 0;
  /** The start of a character cut at the end of the last chunk, and where it began in the file. */
  private pending: number[] = [];
  private notUtf8At: number | undefined;
  private nonAscii = false;
  private binary = false;
  private readonly c1: number[] = [];
  private c1At: number | undefined;
  /** 1 for each byte 0x80–0x9F not met yet. */
  private readonly unseen = new Uint8Array(256).fill(1, 0x80, 0xa0);

  constructor(private readonly checks: ByteChecks = portableChecks) {}

  feed(chunk: Uint8Array): void {
    const start = this.offset;
    this.offset += chunk.length;
    if (this.notUtf8At === undefined) this.checkUtf8(chunk, start);
    else this.lookPast(chunk, start);
  }

  /**
   * Whether the bytes fed so far decide textVerdict's answer, whatever comes next (but NUL, which
   * turns Windows-1252 to unknown): past a byte that is not UTF-8, UTF-8 came first, NUL or 0x80–0x9F.
   */
  decided(): boolean {
    return this.notUtf8At !== undefined && (this.nonAscii || this.binary || this.c1.length > 0);
  }

  /** What the bytes fed say, once all were: a character left cut at the end is not UTF-8. */
  result(): TextScan {
    if (this.notUtf8At === undefined && this.pending.length > 0) this.notUtf8At = this.offset - this.pending.length;
    return {
      ...(this.notUtf8At === undefined ? {} : { notUtf8At: this.notUtf8At }),
      utf8Before: this.nonAscii,
      binary: this.binary,
      c1: [...this.c1],
      ...(this.c1At === undefined ? {} : { c1At: this.c1At }),
    };
  }

  private checkUtf8(chunk: Uint8Array, start: number): void {
    let body = chunk;
    let at = start;
    if (this.pending.length > 0) {
      // complete the character cut at the end of the last chunk with this one's first bytes
      const need = sequenceLength(this.pending[0]!) - this.pending.length;
      const taken = Array.from(chunk.subarray(0, need));
      const joined = Uint8Array.from([...this.pending, ...taken]);
      const begun = start - this.pending.length;
      this.pending = [];
      if (taken.length < need) return void (this.pending = Array.from(joined)); // a chunk shorter than the rest of a character
      if (!this.checks.isUtf8(joined)) {
        // its bytes from the last chunk(s) are looked at too, then the rest of this one
        this.notUtf8At = begun;
        this.lookPast(joined, begun);
        return this.lookPast(chunk.subarray(taken.length), start + taken.length);
      }
      this.nonAscii = true;
      body = chunk.subarray(need);
      at = start + need;
    }
    const tail = utf8Tail(body);
    const whole = body.subarray(0, body.length - tail);
    if (!this.checks.isUtf8(whole)) {
      const bad = firstNotUtf8(whole);
      if (!this.nonAscii && !this.checks.isAscii(whole.subarray(0, bad))) this.nonAscii = true;
      this.notUtf8At = at + bad;
      return this.lookPast(chunk.subarray(at + bad - start), at + bad);
    }
    if (!this.nonAscii && !this.checks.isAscii(whole)) this.nonAscii = true;
    this.pending = Array.from(body.subarray(body.length - tail));
  }

  /** Past the first byte that is not UTF-8: NUL, and bytes 0x80–0x9F; nothing more once UTF-8 came first (mixed), NUL was seen or enough are named. */
  private lookPast(chunk: Uint8Array, start: number): void {
    if (this.nonAscii || this.binary || this.c1.length >= C1_NAMED) return;
    if (chunk.includes(0)) {
      this.binary = true;
      return;
    }
    for (let from = 0; this.c1.length < C1_NAMED; ) {
      const i = indexOfC1(chunk.subarray(from), this.unseen);
      if (i < 0) return;
      const b = chunk[from + i]!;
      this.c1.push(b);
      this.c1At ??= start + from + i;
      this.unseen[b] = 0;
      from += i + 1;
    }
  }
}

/** What registering does with a CSV's bytes (csvReading.worker.ts). */
export type TextVerdict =
  | { readonly kind: 'utf-8' | 'latin-1' | 'unknown' }
  /** Bytes 0x80–0x9F, which DuckDB's Latin-1 refuses. */
  | { readonly kind: 'windows-1252'; readonly bytes: readonly number[]; readonly at: number }
  /** UTF-8 first, then a byte that is not: neither encoding reads it whole. */
  | { readonly kind: 'mixed'; readonly at: number };

export function textVerdict(scan: TextScan): TextVerdict {
  if (scan.notUtf8At === undefined) return { kind: 'utf-8' };
  if (scan.binary) return { kind: 'unknown' };
  if (scan.utf8Before) return { kind: 'mixed', at: scan.notUtf8At };
  if (scan.c1.length > 0) return { kind: 'windows-1252', bytes: scan.c1, at: scan.c1At ?? scan.notUtf8At };
  return { kind: 'latin-1' };
}

export const hex = (b: number): string => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
export const lineText = (line: number): string => `line ${grouped(line)}`;

/**
 * Why a file with bytes 0x80–0x9F is refused, naming (at most 8 of) them: "looks like Windows-1252,
 * not UTF-8: it holds € and ’ (bytes 0x80 and 0x92), the first on line 3…". `line`: 1-based.
 */
export function windows1252Words(bytes: readonly number[], line: number): string {
  const shown = bytes.slice(0, 8);
  const defined = shown.filter((b) => !UNDEFINED_1252.has(b));
  const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`);
  const more = bytes.length > shown.length ? ' and more' : '';
  const chars = defined.length > 0 ? `${list(defined.map((b) => WINDOWS_1252[b - 0x80]!))}${more} (${defined.length === 1 ? 'byte' : 'bytes'} ${list(defined.map(hex))})` : `${shown.length === 1 ? 'byte' : 'bytes'} ${list(shown.map(hex))}${more}`;
  const looks = defined.length > 0 ? 'looks like Windows-1252, not UTF-8' : 'is not UTF-8';
  return (
    `This file ${looks}: it holds ${chars}, the first on ${lineText(line)}. ` +
    'Sextant reads a CSV as UTF-8, UTF-16 or Latin-1, and Latin-1 has no characters for bytes 0x80–0x9F. ' +
    'Save it as UTF-8 and add it again.'
  );
}

/** Why a file that is UTF-8 first and then not is refused. `line`: 1-based, of the first byte that is not. */
export function mixedWords(byte: number, line: number): string {
  return (
    `This file is UTF-8 before ${lineText(line)}, and ${lineText(line)} is not (byte ${hex(byte)}${byte >= 0xa0 ? `, Latin-1 “${String.fromCharCode(byte)}”` : ''}): ` +
    'read as UTF-8 its later rows fail, read as Latin-1 its earlier ones misread. Save it in one encoding, UTF-8, and add it again.'
  );
}
