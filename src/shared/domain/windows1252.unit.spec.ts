import { describe, expect, it } from 'vitest';
import { Windows1252Transcoder, windows1252BarWords, type Windows1252Bar } from './windows1252';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** Feeds `data` to a Windows1252Transcoder in chunks of `size` bytes: its text, or the first bar. */
function transcode(data: Uint8Array, size = data.length): string | Windows1252Bar {
  const transcoder = new Windows1252Transcoder();
  const out: number[] = [];
  for (let i = 0; i <= data.length; i += size) {
    const got = i < data.length ? transcoder.feed(data.subarray(i, i + size)) : transcoder.end();
    if (!(got instanceof Uint8Array)) return got;
    out.push(...got);
  }
  if (data.length % size !== 0) {
    const rest = transcoder.end();
    if (!(rest instanceof Uint8Array)) return rest;
    out.push(...rest);
  }
  return new TextDecoder().decode(Uint8Array.from(out));
}

describe('Windows1252Transcoder: Windows-1252 bytes as UTF-8, and what bars that reading', () => {
  it('given Windows-1252 text ("€5", "“quoted”", "naïve"), then its UTF-8, in any chunks, at any alignment', () => {
    const text = latin1('id,price\n3,\x805,\x93quoted\x94,na\xefve,\x85\x96\x97\x99\xff\nplain ascii text of some length\n');
    for (const size of [1, 2, 3, 5, 7, 16, text.length]) expect(transcode(text, size)).toBe('id,price\n3,€5,“quoted”,naïve,…–—™ÿ\nplain ascii text of some length\n');
    const shifted = new Uint8Array(text.length + 1);
    shifted.set(text, 1);
    expect(transcode(shifted.subarray(1))).toBe(transcode(text));
  });

  it('given every byte but the barred ones, then the character WHATWG’s Windows-1252 gives it', () => {
    const c1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    const all = Uint8Array.from({ length: 255 }, (_, i) => i + 1).filter((b) => ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b));
    expect(transcode(all)).toBe([...all].map((b) => (b >= 0x80 && b < 0xa0 ? c1[b - 0x80]! : String.fromCharCode(b))).join(''));
  });

  it('given a byte Windows-1252 leaves undefined, then that byte and where', () => {
    for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) expect(transcode(join(latin1('a\n\x80\n'), bytes(0x41, b)))).toEqual({ kind: 'undefined', at: 5, bytes: [b] });
  });

  it('given Windows-1252 then a UTF-8 character ("’", "é"), then the character, even cut between chunks', () => {
    const data = join(latin1('a\n\x92\nb'), utf8('’'), latin1('\n'));
    for (const size of [1, 2, 6, data.length]) expect(transcode(data, size)).toEqual({ kind: 'utf-8', at: 5, bytes: [0xe2, 0x80, 0x99] });
    expect(transcode(join(latin1('\x80\n'), utf8('é')), 3)).toMatchObject({ kind: 'utf-8', bytes: [0xc3, 0xa9] });
  });

  it('given what only looks like the start of UTF-8 (a lead with no continuation, overlong, a surrogate, a lead at the very end), then Windows-1252 text', () => {
    const data = latin1('\xc3(\xe9t\xe9\xc0\x80\xed\xa0\x80\xc3');
    for (const size of [1, 4, data.length]) expect(transcode(data, size)).toBe('Ã(étéÀ€í\xa0€Ã');
  });

  it('given NUL, then binary', () => {
    expect(transcode(latin1('abcdefgh\x80\x00'))).toMatchObject({ kind: 'nul', at: 9 });
    expect(transcode(latin1('abcd\x00fgh'))).toMatchObject({ kind: 'nul', at: 4 });
  });
});

describe('windows1252BarWords: why a file Windows-1252 does not read is refused', () => {
  it('names the line and the byte or the UTF-8 character', () => {
    expect(windows1252BarWords({ kind: 'utf-8', at: 9, bytes: [0xe2, 0x80, 0x99] }, 200_001)).toBe(
      'This file is Windows-1252 before line 200,001, and line 200,001 holds UTF-8 (“’”, bytes 0xE2 0x80 0x99): read as either, part of it misreads. Save it in one encoding, UTF-8, and add it again.',
    );
    expect(windows1252BarWords({ kind: 'undefined', at: 9, bytes: [0x81] }, 3)).toBe(
      'This file is not UTF-8, nor Windows-1252: line 3 holds byte 0x81, which Windows-1252 has no character for. Save it as UTF-8 and add it again.',
    );
  });
});
