import { describe, expect, it } from 'vitest';
import { looksLikeText } from './sniff';

const utf16 = (text: string, bigEndian = false): Buffer => {
  const units = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), bigEndian ? units.swap16() : units]);
};

describe('looksLikeText: text or binary, from a file’s first bytes', () => {
  it('given UTF-8 or Latin-1 text, then it is text; with a NUL or many control bytes, it is not', () => {
    expect(looksLikeText(Buffer.from('name,city\r\nJosé,München\n'))).toBe(true);
    expect(looksLikeText(Buffer.from('name,city\nJos\xe9\n', 'latin1'))).toBe(true);
    expect(looksLikeText(Buffer.from('name\0city\n'))).toBe(false);
    expect(looksLikeText(Buffer.from([1, 2, 3, 4, 5, 0x41]))).toBe(false);
    expect(looksLikeText(Buffer.alloc(0))).toBe(false);
  });

  it('given UTF-16 after its byte-order mark, little- or big-endian (Excel’s “Unicode Text”), then it is text, though half its bytes are NUL', () => {
    expect(looksLikeText(utf16('name\tcity\r\nJosé\tMünchen\r\n'))).toBe(true);
    expect(looksLikeText(utf16('name\tcity\r\nJosé\tMünchen\r\n', true))).toBe(true);
    // cut mid-character by the head's size
    expect(looksLikeText(utf16('name,n\r\n1,2\r\n').subarray(0, 9))).toBe(true);
  });

  it('given UTF-16 without a mark, either order, then it is text (a .txt of it is read as CSV); a NUL character still is binary', () => {
    const text = 'name\tcity\r\nJosé\tMünchen\r\n';
    expect(looksLikeText(Buffer.from(text, 'utf16le'))).toBe(true);
    expect(looksLikeText(Buffer.from(text, 'utf16le').swap16())).toBe(true);
    expect(looksLikeText(Buffer.from('name\0\tcity\r\n', 'utf16le'))).toBe(false);
  });

  it('given a UTF-16 mark before binary (NUL characters, control characters) or nothing, then it is not text', () => {
    expect(looksLikeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.alloc(64)]))).toBe(false);
    expect(looksLikeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([1, 0, 2, 0, 3, 0, 0x41, 0])]))).toBe(false);
    expect(looksLikeText(Buffer.from([0xff, 0xfe]))).toBe(false);
  });
});
