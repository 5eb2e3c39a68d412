import { describe, expect, it } from 'vitest';
import { UTF16_SNIFF_BYTES, utf16Mark, utf16Order, utf16Unmarked } from './utf16Bytes';

const le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const be = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le').swap16());

describe('UTF-16 told by its bytes', () => {
  it('given a byte-order mark, then it says the order', () => {
    expect(utf16Mark(Uint8Array.of(0xff, 0xfe, 0x6e, 0))).toBe('little-endian');
    expect(utf16Mark(Uint8Array.of(0xfe, 0xff, 0, 0x6e))).toBe('big-endian');
    expect(utf16Mark(new TextEncoder().encode('\ufeffname'))).toBeUndefined(); // UTF-8's mark
    expect(utf16Order(Uint8Array.of(0xff, 0xfe))).toBe('little-endian');
  });

  it('given UTF-16 without a mark, CSV or TSV with LF or CRLF and non-ASCII letters, then its order', () => {
    for (const text of ['name,n\nJosé,1\nZoë,2\n', 'name\tcity\r\nJosé\tMünchen\r\n', 'a\n1\n']) {
      expect(utf16Unmarked(le(text)), text).toBe('little-endian');
      expect(utf16Unmarked(be(text)), text).toBe('big-endian');
      expect(utf16Order(le(text)), text).toBe('little-endian');
    }
  });

  it('given CJK text with ASCII delimiters and digits, even with U+3000’s zero on the other side, then still its order', () => {
    const text = '名前,数量\r\n山田\u3000太郎,12\r\n李四,345\r\n';
    expect(utf16Unmarked(le(text))).toBe('little-endian');
    expect(utf16Unmarked(be(text))).toBe('big-endian');
  });

  it('given Cyrillic, Greek or Chinese text whose ASCII is only its delimiters, digits and line ends, then still its order', () => {
    // Fewer than a quarter of these units are ASCII (Cyrillic: ~15 %, the Chinese: ~6 %); with LF line
    // ends DuckDB's UTF-8 reads the Cyrillic without error (its bytes are ASCII control characters and NULs).
    const texts = [
      'Имя,Город,Возраст\r\nИван Петров,Москва,34\r\nАнна Смирнова,Санкт-Петербург,28\r\n',
      'όνομα,πόλη\nΓιώργος Παπαδόπουλος,Αθήνα\nΕλένη Κωνσταντινίδου,Θεσσαλονίκη\n',
      '名前,説明\r\n山田太郎,東京都に住んでいる会社員で週末は横浜の海沿いを走っている\r\n',
    ];
    for (const text of texts) {
      expect(utf16Unmarked(le(text.repeat(40))), text).toBe('little-endian');
      expect(utf16Unmarked(be(text.repeat(40))), text).toBe('big-endian');
      expect(utf16Unmarked(new TextEncoder().encode(text.repeat(40))), text).toBeUndefined();
    }
  });

  it('given random bytes (compressed data), then not UTF-16', () => {
    let seed = 1;
    const random = Uint8Array.from({ length: UTF16_SNIFF_BYTES }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    expect(utf16Unmarked(random)).toBeUndefined();
  });

  it('given bytes of one-sided zeros whose surrogates do not pair, which no UTF-16 text holds, then not UTF-16', () => {
    const text = le('Имя,Город\r\nИван,Москва\r\n'.repeat(40));
    text[8] = 0x00; text[9] = 0xd8; // a high surrogate followed by 'а', not by a low one
    expect(utf16Unmarked(text)).toBeUndefined();
  });

  it('given a last byte cut off by the head’s size, then the whole units still tell', () => {
    expect(utf16Unmarked(le('name,n\r\n1,2\r\n').subarray(0, 13))).toBe('little-endian');
  });

  it('given only what the head reads, then text after UTF16_SNIFF_BYTES does not count', () => {
    const bytes = new Uint8Array([...le('a,b\n'.repeat(UTF16_SNIFF_BYTES / 8)), 0, 0, 0, 0]);
    expect(utf16Unmarked(bytes)).toBe('little-endian');
  });

  it('given UTF-8, Latin-1 or ASCII text, which never holds a NUL, then not UTF-16', () => {
    expect(utf16Unmarked(new TextEncoder().encode('name,n\nJosé,1\n'))).toBeUndefined();
    expect(utf16Unmarked(Buffer.from('name,n\nJos\xe9,1\n', 'latin1'))).toBeUndefined();
    expect(utf16Unmarked(new TextEncoder().encode('名前,数量\n'))).toBeUndefined();
  });

  it('given binary bytes (a NUL unit, zeros on both sides, control characters), too few or none, then not UTF-16', () => {
    expect(utf16Unmarked(le('name\u0000,n\n1,2\n'))).toBeUndefined();
    expect(utf16Unmarked(Uint8Array.of(1, 0, 0, 2, 3, 0, 0, 4, 5, 0, 0, 6))).toBeUndefined(); // zeros alternate sides
    expect(utf16Unmarked(le('\u0001\u0002\u0003\u0004,1\n'))).toBeUndefined();
    expect(utf16Unmarked(Uint8Array.of(0x61, 0))).toBeUndefined();
    expect(utf16Unmarked(new Uint8Array())).toBeUndefined();
    expect(utf16Unmarked(undefined)).toBeUndefined();
  });
});
