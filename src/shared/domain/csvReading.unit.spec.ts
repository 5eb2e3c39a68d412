import { describe, expect, it } from 'vitest';
import { looksRagged, readingAfter, readingOptions, readingWords } from './csvReading';

const NOT_UTF8 = 'Invalid Input Error: CSV Error on Line: 2 Invalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.';
const bytes = (...b: number[]) => Uint8Array.from(b);

describe('readingAfter: how a CSV DuckDB refused is read again', () => {
  it('given a file that is not UTF-8, then it is read as Latin-1, or UTF-16 after its little-endian mark', () => {
    expect(readingAfter(NOT_UTF8, {}, bytes(0x4e, 0x61))).toEqual({ encoding: 'latin-1' });
    expect(readingAfter(NOT_UTF8, {}, bytes(0xff, 0xfe, 0x6e, 0))).toEqual({ encoding: 'utf-16' });
    expect(readingAfter(NOT_UTF8, {}, undefined)).toEqual({ encoding: 'latin-1' });
  });

  it('given UTF-16’s little-endian mark, then it is read as UTF-16 whatever DuckDB said: with CRLF its sniffer fails first', () => {
    const sniffing = 'Invalid Input Error: Error when sniffing file "/d/a.csv". It was not possible to automatically detect the CSV parsing dialect … Encoding: utf-8';
    expect(readingAfter(sniffing, {}, bytes(0xff, 0xfe, 0x6e, 0))).toEqual({ encoding: 'utf-16' });
    expect(readingAfter(sniffing, {}, bytes(0x6e, 0x61))).toBeUndefined();
    expect(readingAfter(sniffing, { encoding: 'utf-16' }, bytes(0xff, 0xfe, 0x6e, 0))).toBeUndefined();
  });

  it('given UTF-16 without a mark, told by its bytes, then it is read as UTF-16, not Latin-1; big-endian is not guessed', () => {
    const unmarked = Buffer.from('name,n\r\nJosé,1\r\n', 'utf16le');
    expect(readingAfter(NOT_UTF8, {}, unmarked)).toEqual({ encoding: 'utf-16' });
    expect(readingAfter(NOT_UTF8, {}, Buffer.from(unmarked).swap16())).toBeUndefined();
  });

  it('given UTF-16 big-endian, which DuckDB reads as no rows, then nothing is guessed', () => {
    expect(readingAfter(NOT_UTF8, {}, bytes(0xfe, 0xff, 0, 0x6e))).toBeUndefined();
  });

  it('given an encoding already tried, or another failure, then nothing more is tried', () => {
    expect(readingAfter(NOT_UTF8, { encoding: 'latin-1' }, bytes(0x4e))).toBeUndefined();
    expect(readingAfter('IO Error: No files found that match the pattern', {}, bytes(0x4e))).toBeUndefined();
  });

  it('given rows of another length than the first ones, then they are padded, once', () => {
    const words = 'Invalid Input Error: CSV Error on Line: 3 Expected Number of Columns: 3 Found: 4';
    expect(readingAfter(words, { encoding: 'latin-1' }, bytes(0x4e))).toEqual({ encoding: 'latin-1', ragged: true });
    expect(readingAfter(words, { ragged: true }, bytes(0x4e))).toBeUndefined();
  });
});

describe('looksRagged: a file DuckDB read without error, but as a ragged one', () => {
  const text = (name: string) => ({ name, type: 'VARCHAR' });
  it('given one text column named after the whole header, then it was misread', () => {
    expect(looksRagged('csv', [text('a,b,c')], { delimiter: '|', skipRows: 0, hasHeader: true }, 'a,b,c')).toBe(true);
  });

  it('given a TSV whose header and first rows the sniffer skipped, then it was misread', () => {
    expect(looksRagged('tsv', [text('column0'), text('column1')], { delimiter: '\t', skipRows: 3, hasHeader: false }, 'a\tb\tc')).toBe(true);
  });

  it('given a title line skipped before a header, or a file read as it is, then it was not', () => {
    expect(looksRagged('csv', [text('a'), text('b')], { delimiter: ',', skipRows: 2, hasHeader: true }, 'Sales report 2024')).toBe(false);
    expect(looksRagged('csv', [text('a'), text('b')], { delimiter: ',', skipRows: 0, hasHeader: true }, 'a,b')).toBe(false);
    expect(looksRagged('csv', [text('note')], undefined, 'note')).toBe(false);
  });
});

describe('readingOptions: what a reading adds to read_csv', () => {
  it('says the encoding, and for a ragged file its delimiter with NULL padding', () => {
    expect(readingOptions('csv', undefined)).toBe('');
    expect(readingOptions('csv', { encoding: 'latin-1', ragged: true })).toBe(", encoding = 'latin-1', delim = ',', null_padding = true");
    expect(readingOptions('tsv', { ragged: true })).toBe(', null_padding = true');
  });

  it('given Windows-1252, whose file is read from its UTF-8 copy, then no encoding', () => {
    expect(readingOptions('csv', { encoding: 'windows-1252' })).toBe('');
    expect(readingOptions('csv', { encoding: 'windows-1252', ragged: true })).toBe(", delim = ',', null_padding = true");
  });
});

describe('readingWords: the catalog’s note', () => {
  it('says the encoding used and that short rows were padded', () => {
    expect(readingWords({ encoding: 'latin-1' })).toBe('read as Latin-1, not UTF-8');
    expect(readingWords({ encoding: 'utf-16', ragged: true })).toBe('read as UTF-16, not UTF-8; rows of unequal length padded with NULL');
    expect(readingWords({ encoding: 'windows-1252' })).toBe('read as Windows-1252, not UTF-8');
  });
});
