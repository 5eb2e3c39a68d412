import { describe, expect, it } from 'vitest';
import { firstNotUtf8, indexOfC1, mixedWords, portableChecks, TextScanner, textVerdict, utf8Tail, windows1252Words, type TextScan } from './csvText';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** The same bytes every run: a small linear congruential generator, biased to text-like bytes. */
function randomBytes(seed: number, length: number): Uint8Array {
  let x = seed;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8;
  const pool = [...utf8('a,1\né€𝄞'), 0xe9, 0x92, 0x80, 0xc3, 0xe2, 0xf0, 0xbf, 0x9f];
  return Uint8Array.from({ length }, () => (next() % 4 === 0 ? pool[next() % pool.length]! : 0x61 + (next() % 26)));
}

/** Feeds `data` in chunks of `size` bytes, as a file read a chunk at a time. */
function scan(data: Uint8Array, size = data.length): TextScan {
  const scanner = new TextScanner();
  for (let i = 0; i < data.length; i += size) scanner.feed(data.subarray(i, i + size));
  return scanner.result();
}

describe('firstNotUtf8: where bytes stop being UTF-8', () => {
  it('given well-formed UTF-8, then nothing; given ill-formed, then where its character starts', () => {
    expect(firstNotUtf8(utf8('a,b\nJosé,€,𝄞\n'))).toBe(-1);
    expect(firstNotUtf8(join(utf8('ab'), bytes(0xe9), utf8('c')))).toBe(2);
    expect(firstNotUtf8(join(utf8('a'), bytes(0xe2, 0x82)))).toBe(1); // cut at the end
  });

  it('given overlong forms, surrogates or code points past U+10FFFF, then they are not UTF-8, as TextDecoder says', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (const b of [bytes(0xc0, 0xaf), bytes(0xe0, 0x80, 0xaf), bytes(0xed, 0xa0, 0x80), bytes(0xf4, 0x90, 0x80, 0x80), bytes(0xf5, 0x80, 0x80, 0x80), bytes(0x80)]) {
      expect(firstNotUtf8(b)).toBe(0);
      expect(() => strict.decode(b)).toThrow();
    }
    expect(firstNotUtf8(bytes(0xed, 0x9f, 0xbf, 0xf4, 0x8f, 0xbf, 0xbf))).toBe(-1);
  });
});

describe('against the platform, on random bytes', () => {
  it('given any bytes, then firstNotUtf8 agrees with a strict TextDecoder, and a chunked scan with one read whole', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    for (let seed = 1; seed <= 2000; seed++) {
      const data = randomBytes(seed, 1 + (seed % 97));
      const valid = (() => { try { strict.decode(data); return true; } catch { return false; } })();
      expect(firstNotUtf8(data) < 0).toBe(valid);
      if (!valid) expect(() => strict.decode(data.subarray(0, firstNotUtf8(data)))).not.toThrow();
      expect(scan(data, 1 + (seed % 7))).toEqual(scan(data));
    }
  });

  it('given bytes at any alignment, then indexOfC1 finds what a byte-by-byte look finds', () => {
    const all = new Uint8Array(256).fill(1, 0x80, 0xa0);
    const some = new Uint8Array(256);
    some[0x92] = 1;
    for (let seed = 1; seed <= 200; seed++) {
      const data = randomBytes(seed, 64).subarray(seed % 5);
      expect(indexOfC1(data, all)).toBe(data.findIndex((b) => b >= 0x80 && b <= 0x9f));
      expect(indexOfC1(data, some)).toBe(data.indexOf(0x92));
    }
  });
});

describe('utf8Tail: the start of a character the next chunk completes', () => {
  it('given a chunk cut inside a character, then its bytes there; else none', () => {
    expect(utf8Tail(utf8('ab'))).toBe(0);
    expect(utf8Tail(join(utf8('a'), bytes(0xe2, 0x82)))).toBe(2);
    expect(utf8Tail(join(utf8('a'), bytes(0xf0)))).toBe(1);
    expect(utf8Tail(utf8('a€'))).toBe(0);
    expect(utf8Tail(utf8('𝄞'))).toBe(0);
  });
});

describe('TextScanner: a file’s bytes read a chunk at a time', () => {
  const text = utf8('name,city\nJosé,München\n€,𝄞\n'.repeat(20));

  it('given UTF-8 cut between chunks anywhere, then it is UTF-8 whatever the chunk size', () => {
    for (const size of [1, 2, 3, 5, 7, 64, text.length]) expect(scan(text, size)).toEqual({ utf8Before: true, binary: false, c1: [] });
  });

  it('given UTF-8 whose last character is cut, then it is not UTF-8 from there', () => {
    expect(scan(join(utf8('ab\n'), bytes(0xe2, 0x82)), 2).notUtf8At).toBe(3);
  });

  it('given ASCII rows then one Latin-1 "é" far down, then it is not UTF-8 from that byte, and no multi-byte UTF-8 came before', () => {
    const data = join(utf8('id,name\n'.repeat(5000)), latin1('1,Jos\xe9\n'));
    const result = scan(data, 1000);
    expect(result).toEqual({ notUtf8At: 5000 * 8 + 5, utf8Before: false, binary: false, c1: [] });
    expect(textVerdict(result)).toEqual({ kind: 'latin-1' });
  });

  it('given Windows-1252 bytes 0x80–0x9F after the first Latin-1 byte, then each is named once, in the order met, with where the first is', () => {
    const data = latin1('a\n\xe9\n\x92x\x80\x92\n\x93');
    const result = scan(data, 3);
    expect(result).toEqual({ notUtf8At: 2, utf8Before: false, binary: false, c1: [0x92, 0x80, 0x93], c1At: 4 });
    expect(textVerdict(result)).toEqual({ kind: 'windows-1252', bytes: [0x92, 0x80, 0x93], at: 4 });
  });

  it('given more than 8 bytes 0x80–0x9F, then the first 8 are named and the look stops', () => {
    const data = join(latin1('\xe9\n'), Uint8Array.from({ length: 32 }, (_, i) => 0x9f - i));
    expect(scan(data, 5).c1).toEqual([0x9f, 0x9e, 0x9d, 0x9c, 0x9b, 0x9a, 0x99, 0x98]);
  });

  it('given UTF-8 "é" first and a Latin-1 "é" later, then it is mixed, read whole by neither', () => {
    const result = scan(join(utf8('José\n'), utf8('x\n'.repeat(100)), latin1('\xe9\n')), 16);
    expect(result.utf8Before).toBe(true);
    expect(textVerdict(result)).toEqual({ kind: 'mixed', at: 6 + 200 });
  });

  it('given NUL bytes past the first byte that is not UTF-8 (UTF-16, gzip), then the bytes tell nothing', () => {
    const wide = join(bytes(0xff, 0xfe), Uint8Array.from([...'a,b\n'].flatMap((c) => [c.charCodeAt(0), 0])));
    expect(textVerdict(scan(wide, 3))).toEqual({ kind: 'unknown' });
  });

  it('given another UTF-8 check (as node:buffer’s native one), then the answer is the same', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const decoding = { ...portableChecks, isUtf8: (b: Uint8Array) => { try { strict.decode(b); return true; } catch { return false; } } };
    const data = join(utf8('a,b\n'.repeat(30)), latin1('1,\xe9\n2,\x80\n'.repeat(50)));
    const other = new TextScanner(decoding);
    for (let i = 0; i < data.length; i += 9) other.feed(data.subarray(i, i + 9));
    expect(other.result()).toEqual(scan(data, 9));
    expect(other.result().c1).toEqual([0x80]);
  });
});

describe('the words of a refusal', () => {
  it('given Windows-1252 bytes, then it names their characters and bytes and the line of the first', () => {
    expect(windows1252Words([0x80, 0x92], 3)).toBe(
      'This file looks like Windows-1252, not UTF-8: it holds € and ’ (bytes 0x80 and 0x92), the first on line 3. ' +
        'Sextant reads a CSV as UTF-8, UTF-16 or Latin-1, and Latin-1 has no characters for bytes 0x80–0x9F. Save it as UTF-8 and add it again.',
    );
    expect(windows1252Words([0x81], 1_000_000)).toMatch(/^This file is not UTF-8: it holds byte 0x81, the first on line 1,000,000\./);
  });

  it('names every byte 0x80–0x9F as Windows-1252 maps it (unicode.org’s CP1252.TXT)', () => {
    // Node 20's TextDecoder('windows-1252') decodes as Latin-1, so the mapping is written out here
    const cp1252: Record<number, number> = {
      0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
      0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
      0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
      0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
    };
    for (let b = 0x80; b <= 0x9f; b++) {
      const hexByte = `0x${b.toString(16).toUpperCase()}`;
      const char = cp1252[b];
      expect(windows1252Words([b], 1)).toContain(char === undefined ? `holds byte ${hexByte},` : `holds ${String.fromCodePoint(char)} (byte ${hexByte})`);
    }
  });

  it('given UTF-8 then a Latin-1 byte, then it says where, and why no encoding reads it whole', () => {
    expect(mixedWords(0xe9, 500_002)).toBe(
      'This file is UTF-8 before line 500,002, and line 500,002 is not (byte 0xE9, Latin-1 “é”): read as UTF-8 its later rows fail, read as Latin-1 its earlier ones misread. Save it in one encoding, UTF-8, and add it again.',
    );
  });
});

describe('TextScanner.decided: when reading on cannot change the verdict', () => {
  it('given UTF-8 so far (a character cut at a chunk’s end too), then not; given 0x80–0x9F or UTF-8 before a byte that is not, then yes', () => {
    const scanner = new TextScanner();
    scanner.feed(utf8('a,b\nJos').subarray());
    scanner.feed(utf8('é').subarray(0, 1));
    expect(scanner.decided()).toBe(false);
    const windows = new TextScanner();
    windows.feed(latin1('a\n\xe9\n'));
    expect(windows.decided()).toBe(false); // Latin-1 so far: a 0x80–0x9F byte later makes it Windows-1252
    windows.feed(latin1('\x80'));
    expect(windows.decided()).toBe(true);
    const mixed = new TextScanner();
    mixed.feed(join(utf8('é\n'), latin1('\xe9\n')));
    expect(mixed.decided()).toBe(true);
  });
});
