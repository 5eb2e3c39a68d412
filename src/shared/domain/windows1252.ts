import { hex, lineText, sequenceLength, UNDEFINED_1252, WINDOWS_1252 } from './csvText';

/**
 * Reading a Windows-1252 CSV (what Excel on Windows writes) as UTF-8, a chunk at a time
 * (docs/query-engine.md, "CSV that DuckDB's defaults misread"): DuckDB has no reader for it here,
 * so the catalog converts it once to a UTF-8 copy (catalog/windows1252Copy.ts). Pure rules.
 */

/**
 * How many bytes a well-formed UTF-8 character of 2–4 bytes starting at `i` has (Table 3-7), 0 for
 * none there, -1 for one cut at the end of `bytes` (the next chunk says).
 */
function utf8CharAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  const n = lead < 0x80 ? 0 : sequenceLength(lead);
  if (n < 2) return 0;
  for (let k = 1; k < n; k++) {
    if (i + k >= bytes.length) return -1;
    const b = bytes[i + k]!;
    // the second byte's range depends on the lead (as in firstNotUtf8)
    const low = k > 1 ? 0x80 : lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = k > 1 ? 0xbf : lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (b < low || b > high) return 0;
  }
  return n;
}

/**
 * What stops a file that is not UTF-8 from being read as Windows-1252 (docs/query-engine.md): one of
 * the five bytes it leaves undefined, a UTF-8 character (a file that mixes both: either reading
 * misreads part of it), or NUL (binary, left to DuckDB as before). `bytes`: the barring byte, or the
 * UTF-8 character's.
 */
export interface Windows1252Bar {
  readonly kind: 'undefined' | 'utf-8' | 'nul';
  readonly at: number;
  readonly bytes: readonly number[];
}

/** 1 for each byte that bars a Windows-1252 reading on its own: NUL and the five undefined ones. */
const BARRED = new Uint8Array(256);
for (const b of [0, ...UNDEFINED_1252]) BARRED[b] = 1;

/** UTF-8 for each byte 0x80–0xFF read as Windows-1252: its length (2 or 3), then its bytes. */
const UTF8_OF_1252 = new Uint8Array(128 * 4);
for (let b = 0x80; b <= 0xff; b++) {
  const cp = b >= 0xa0 ? b : WINDOWS_1252.charCodeAt(b - 0x80); // an undefined byte maps to itself, as WHATWG's decoder does
  const at = (b - 0x80) * 4;
  if (cp < 0x800) UTF8_OF_1252.set([2, 0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)], at);
  else UTF8_OF_1252.set([3, 0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)], at);
}

/**
 * Windows-1252 bytes as UTF-8, a chunk at a time, in order, each byte looked at once for what bars
 * that reading (Windows1252Bar). Written out, not TextDecoder('windows-1252'): Node 20's decodes as
 * Latin-1 (0x80 stays U+0080, not "€"). Runs of ASCII go four bytes at a time.
 */
export class Windows1252Transcoder {
  private offset = 0;
  /** A possible UTF-8 character cut at the end of the last chunk, held back until the next one says. */
  private carry = new Uint8Array(0);
  private ended = false;

  /** The UTF-8 of `chunk` (less a possible UTF-8 character cut at its end), or what bars reading it. */
  feed(chunk: Uint8Array): Uint8Array | Windows1252Bar {
    let bytes = chunk;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
    }
    const start = this.offset - this.carry.length;
    this.offset += chunk.length;
    this.carry = new Uint8Array(0);
    const n = bytes.length;
    const out = new Uint8Array(n * 3);
    let j = 0;
    const head = (4 - (bytes.byteOffset & 3)) & 3;
    const words = n >= head + 4 ? new Uint32Array(bytes.buffer, bytes.byteOffset + head, (n - head) >>> 2) : undefined;
    for (let i = 0; i < n; ) {
      if (words && i >= head && ((i - head) & 3) === 0) {
        // words of four ASCII bytes, none NUL (haszero: a byte 0 sets its high bit), are copied whole
        const from = (i - head) >>> 2;
        let w = from;
        for (; w < words.length; w++) {
          const x = words[w]!;
          if (((x | ((x - 0x01010101) & ~x)) & 0x80808080) !== 0) break;
        }
        if (w > from) {
          out.set(bytes.subarray(i, head + w * 4), j);
          j += (w - from) * 4;
          i = head + w * 4;
          if (i >= n) break;
        }
      }
      const b = bytes[i]!;
      if (b < 0x80) {
        if (b === 0) return { kind: 'nul', at: start + i, bytes: [0] };
        out[j++] = b;
        i++;
        continue;
      }
      if (BARRED[b] === 1) return { kind: 'undefined', at: start + i, bytes: [b] };
      if (b >= 0xc2) {
        const length = utf8CharAt(bytes, i);
        if (length > 0) return { kind: 'utf-8', at: start + i, bytes: Array.from(bytes.subarray(i, i + length)) };
        if (length < 0 && !this.ended) {
          this.carry = bytes.slice(i);
          break;
        }
      }
      const at = (b - 0x80) * 4;
      out[j++] = UTF8_OF_1252[at + 1]!;
      out[j++] = UTF8_OF_1252[at + 2]!;
      if (UTF8_OF_1252[at] === 3) out[j++] = UTF8_OF_1252[at + 3]!;
      i++;
    }
    return out.subarray(0, j);
  }

  /** The UTF-8 of what was held back, once the file ends: a UTF-8 character cut there is Windows-1252 text. */
  end(): Uint8Array | Windows1252Bar {
    this.ended = true;
    return this.feed(new Uint8Array(0));
  }
}

/** Why a file that is neither UTF-8 nor Windows-1252 is refused (a Windows1252Bar that is not NUL). `lineNumber`: 1-based. */
export function windows1252BarWords(bar: Windows1252Bar, lineNumber: number): string {
  const line = lineText(lineNumber);
  if (bar.kind === 'utf-8') {
    const char = new TextDecoder().decode(Uint8Array.from(bar.bytes));
    return (
      `This file is Windows-1252 before ${line}, and ${line} holds UTF-8 (“${char}”, bytes ${bar.bytes.map(hex).join(' ')}): ` +
      'read as either, part of it misreads. Save it in one encoding, UTF-8, and add it again.'
    );
  }
  return `This file is not UTF-8, nor Windows-1252: ${line} holds byte ${hex(bar.bytes[0]!)}, which Windows-1252 has no character for. Save it as UTF-8 and add it again.`;
}
