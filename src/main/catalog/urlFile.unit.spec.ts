import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppErrorException } from '../../shared/contracts/errors';
import { dispositionFileName, formatOfMediaType, mediaType } from './contentHeaders';
import { decideUrlFile, displayUrl, safeFileName } from './urlFile';

const csv = Buffer.from('a,b\n1,2\n');
const parquet = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(32)]);

describe('Content-Type and Content-Disposition (hostile input)', () => {
  it.each([
    ['text/csv; charset=utf-8', 'text/csv', 'csv'],
    ['Application/Vnd.Apache.Parquet', 'application/vnd.apache.parquet', 'parquet'],
    ['application/jsonl', 'application/jsonl', 'ndjson'],
    ['text/plain', 'text/plain', undefined],
    ['nonsense', undefined, undefined],
    [undefined, undefined, undefined],
  ])('%s → %s → %s', (header, type, format) => {
    expect(mediaType(header)).toBe(type);
    expect(formatOfMediaType(type)).toBe(format);
  });

  it.each([
    ['attachment; filename="Q3 sales.csv"', 'Q3 sales.csv'],
    ['attachment; filename=plain.csv', 'plain.csv'],
    ["attachment; filename=\"fallback.csv\"; filename*=UTF-8''%E2%82%AC%20rates.csv", '€ rates.csv'],
    ["attachment; filename*=UTF-8''%E0%A4%A.csv; filename=\"ok.csv\"", 'ok.csv'],
    ['attachment; filename="a\\"b;c.csv"; size=3', 'a"b;c.csv'],
    ['attachment; filename="unterminated.csv', 'unterminated.csv'],
    ['attachment; filename=first.csv; filename=second.csv', 'first.csv'],
    ['attachment', undefined],
    ['attachment; filename=""', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, name) => expect(dispositionFileName(header)).toBe(name));
});

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\evil.csv', 'evil.csv'],
    ['..', undefined],
    ['.bashrc', 'bashrc'],
    ['CON.csv', '_CON.csv'],
    ['a"b;c*?[x].csv', 'a_b_c___x_.csv'],
    ['\u0000\u001bevil\u202e.csv', 'evil.csv'],
    [`${'x'.repeat(5000)}.csv`, `${'x'.repeat(64)}.csv`],
    ['Quarterly Report.parquet', 'Quarterly Report.parquet'],
  ])('%s → %s', (raw, safe) => expect(safeFileName(raw)).toBe(safe));
});

describe('displayUrl (how messages and log lines name a URL)', () => {
  it.each([
    ['https://u:pw@sso.example.com:8443/d/data.csv?X-Amz-Signature=secret#frag', 'https://sso.example.com:8443/d/data.csv'],
    ['http://example.com', 'http://example.com/'],
    // Not parsed (the port is out of range): the same parts are cut by hand.
    ['http://u:p/w@example.com:99999/d.csv?token=secret#frag', 'http://example.com:99999/d.csv'],
    // Not parsed, and the password holds `#` or `?`: the userinfo is cut before the query.
    ['https://u:pa#ss@example.com:99999/x.csv?t=secret', 'https://example.com:99999/x.csv'],
    ['https://u:pa?ss@example.com:99999/x.csv#secret', 'https://example.com:99999/x.csv'],
  ])('given %s, when shown, then it is %s: no userinfo, query or fragment', (url, shown) => expect(displayUrl(url)).toBe(shown));
});

describe('decideUrlFile (name and format of a downloaded URL)', () => {
  const url = 'https://example.com/export?id=3';
  it('the URL’s own file name wins, decoded as a local file of that name is named', () => {
    expect(decideUrlFile({ url: 'https://example.com/x/Big%20Export.csv.gz', contentType: 'application/octet-stream' }, parquet)).toEqual({ name: 'Big Export.csv.gz', format: 'csv' });
    expect(decideUrlFile({ url: 'http://127.0.0.1:5411/%F0%9F%8E%89party%F0%9F%8E%89.csv' }, csv)).toEqual({ name: '🎉party🎉.csv', format: 'csv' });
    // a malformed sequence stays as it is: nothing throws
    expect(decideUrlFile({ url: 'http://127.0.0.1:5411/100%25%ZZ.csv' }, csv)).toEqual({ name: '100%%ZZ.csv', format: 'csv' });
  });
  it.each([
    ['https://example.com/x/a%2Fb.csv', 'a_b.csv'],
    ['https://example.com/x/..%2F..%2Fevil.csv', '__.._evil.csv'],
    ['https://example.com/x/..%5C..%5Cevil.csv', '__.._evil.csv'],
    ['https://example.com/x/%2E%2E%2Fevil.csv', '__evil.csv'],
    ['https://example.com/x/nul%00%0A%3Cx%3E%3A%22%7C%3F%2A.csv', 'nul___x______.csv'],
    ['https://example.com/x/CON%2Ecsv', '_CON.csv'],
  ])('given an own name that decodes to separators or characters no file name holds (%s), then the copy is %s: a plain name in its folder', (u, name) => {
    const got = decideUrlFile({ url: u }, csv);
    expect(got).toEqual({ name, format: 'csv' });
    expect(got.name).not.toMatch(/[\\/\0]|^\./);
  });
  it('then the URL it was redirected to, then the Content-Disposition name', () => {
    expect(decideUrlFile({ url, finalUrl: 'https://cdn.example.com/f/flights.parquet', contentType: 'text/csv' }, csv)).toEqual({ name: 'flights.parquet', format: 'parquet' });
    expect(decideUrlFile({ url, disposition: 'attachment; filename="r.tsv"', contentType: 'text/csv' }, csv)).toEqual({ name: 'r.tsv', format: 'tsv' });
  });
  it('then the Content-Type, then the bytes, then text as CSV; the name gets the extension', () => {
    expect(decideUrlFile({ url, contentType: 'text/csv' }, csv)).toEqual({ name: 'export.csv', format: 'csv' });
    expect(decideUrlFile({ url: 'https://example.com/', contentType: 'application/octet-stream' }, parquet)).toEqual({ name: 'example.com.parquet', format: 'parquet' });
    expect(decideUrlFile({ url, contentType: 'text/plain' }, Buffer.from('k;v\nx;1\n'))).toEqual({ name: 'export.csv', format: 'csv' });
    expect(decideUrlFile({ url, disposition: 'attachment; filename="report"' }, Buffer.from('[{"a":1}]'))).toEqual({ name: 'report.json', format: 'json' });
  });
  it('gzip text is kept with .gz, so DuckDB reads through it', () => {
    expect(decideUrlFile({ url }, gzipSync(Buffer.from('a,b\n'.repeat(1000))))).toEqual({ name: 'export.csv.gz', format: 'csv' });
  });
  it('a recorded format wins over what the server now says', () => {
    expect(decideUrlFile({ url, contentType: 'application/vnd.apache.parquet' }, csv, 'csv')).toEqual({ name: 'export.csv', format: 'csv' });
  });
  it('a registered dataset’s copy downloaded again is refused too when a web page came instead', () => {
    expect(() => decideUrlFile({ url: 'https://example.com/data.csv', contentType: 'text/html' }, Buffer.from('<p>Sign in</p>'), 'csv')).toThrow(/sent a web page \(text\/html\)/);
    expect(() => decideUrlFile({ url, contentType: 'text/csv' }, Buffer.from('<!DOCTYPE html>'), 'csv')).toThrow(/sent a web page/);
  });
  it('only strong evidence makes a web page: a CSV opening with < stays CSV; magic bytes outweigh a text/html label', () => {
    for (const text of ['<tag>,x\n1,2\n', '<body>,<head>\n1,2\n', '<html-id>,x\n1,2\n', '<!-- note -->,x\n'])
      expect(decideUrlFile({ url: 'https://example.com/data.csv', contentType: 'text/csv' }, Buffer.from(text))).toEqual({ name: 'data.csv', format: 'csv' });
    expect(decideUrlFile({ url, contentType: 'text/plain' }, Buffer.from('<b>bold</b>,x\n'))).toEqual({ name: 'export.csv', format: 'csv' });
    // A first column named like a tag, even <body> or <head>, is followed by its delimiter: no page opens so.
    // A one-column CSV headed <body> too: a page's opening tag is followed by another tag.
    for (const text of ['<id>,name\n1,a\n', '<body>,name\n1,a\n', '<HEAD>;x\n1;2\n', '<body part>,x\n1,2\n', '<header>,x\n1,2\n', '<body>\n1\n2\n', '<body>\r\n1\r\n', '<body> ,x\n', '<head>count,x\n', '<body>\tname\n'])
      expect(decideUrlFile({ url, contentType: 'text/plain' }, Buffer.from(text))).toEqual({ name: 'export.csv', format: 'csv' });
    expect(decideUrlFile({ url: 'https://example.com/f.parquet', contentType: 'text/html' }, parquet)).toEqual({ name: 'f.parquet', format: 'parquet' });
    expect(decideUrlFile({ url, contentType: 'text/html' }, parquet)).toEqual({ name: 'export.parquet', format: 'parquet' });
  });
  it('a CSV a server labels text/html (Express, Flask and PHP do by default) is read as CSV, named or not, recorded or not', () => {
    expect(decideUrlFile({ url: 'https://example.com/data.csv', contentType: 'text/html; charset=utf-8' }, csv)).toEqual({ name: 'data.csv', format: 'csv' });
    expect(decideUrlFile({ url, contentType: 'text/html' }, csv)).toEqual({ name: 'export.csv', format: 'csv' });
    expect(decideUrlFile({ url: 'https://example.com/data.csv', contentType: 'text/html' }, csv, 'csv')).toEqual({ name: 'data.csv', format: 'csv' });
  });
  it('a gzip head is inflated from its first KiB only (a bomb inflates a thousandfold): what follows is never read', () => {
    // Text whose deflate runs past the first 4 KiB, then NUL bytes: inflated whole, the head would read as binary.
    const rows = Array.from({ length: 500 }, (_, i) => `${i},${createHash('sha256').update(String(i)).digest('hex')}`).join('\n');
    const gz = gzipSync(Buffer.concat([Buffer.from(`id,value,label\n${rows}\n`), Buffer.alloc(200 * 1024)]));
    expect(gz.length).toBeGreaterThan(4096);
    expect(decideUrlFile({ url: 'https://example.com/x' }, gz.subarray(0, 64 * 1024))).toEqual({ name: 'x.csv.gz', format: 'csv' });
  });
  it.each([
    ['a web page', { url, contentType: 'text/html' }, Buffer.from('<!-- sso --><div class="login">'), 'DATASET_UNSUPPORTED', /^The server at example\.com sent a web page \(text\/html\), not a data file/],
    ['HTML sent as text', { url, contentType: 'text/plain' }, Buffer.from('<!DOCTYPE html><html>'), 'DATASET_UNSUPPORTED', /sent a web page \(an HTML page, labelled text\/plain\)/],
    ['a sign-in page at a .csv URL', { url: 'https://u:pw@sso.example.com:8443/d/data.csv?token=s3cret', contentType: 'text/html; charset=utf-8' }, Buffer.from('<p>Sign in'), 'DATASET_UNSUPPORTED', /^The server at sso\.example\.com:8443 sent a web page \(text\/html\), not a data file: perhaps a sign-in or error page\. Give the address of the file itself/],
    ['HTML at a .csv URL, labelled text/csv', { url: 'https://example.com/data.csv', contentType: 'text/csv' }, Buffer.from('\ufeff \n<html lang="en">'), 'DATASET_UNSUPPORTED', /sent a web page \(an HTML page, labelled text\/csv\)/],
    ['a page opening <body>, labelled text/plain', { url, contentType: 'text/plain' }, Buffer.from('\ufeff\n<body>\n<h1>Session expired</h1>'), 'DATASET_UNSUPPORTED', /sent a web page \(an HTML page, labelled text\/plain\)/],
    ['a page opening <HEAD>, labelled text/plain', { url: 'https://example.com/data.csv', contentType: 'text/plain' }, Buffer.from('  <HEAD lang="en"><TITLE>Sign in</TITLE>'), 'DATASET_UNSUPPORTED', /sent a web page \(an HTML page, labelled text\/plain\)/],
    ['HTML at a .json URL, no Content-Type', { url: 'https://example.com/data.json' }, Buffer.from('<!doctype html>'), 'DATASET_UNSUPPORTED', /sent a web page \(an HTML page, with no Content-Type\)/],
    ['binary', { url }, Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), 'DATASET_UNSUPPORTED', /cannot read \(no Content-Type\)/],
    ['nothing', { url, contentType: 'text/csv' }, Buffer.alloc(0), 'DATASET_EMPTY', /sent no bytes/],
    // The URL is named in display form: no userinfo, query or fragment.
    ['binary at a signed URL', { url: 'https://u:pw@example.com/x?token=secret#frag' }, Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), 'DATASET_UNSUPPORTED', /^https:\/\/example\.com\/x served a file Sextant cannot read/],
    ['nothing at a signed URL', { url: 'https://u:pw@example.com/x?token=secret#frag' }, Buffer.alloc(0), 'DATASET_EMPTY', /^https:\/\/example\.com\/x is empty: the server sent no bytes\.$/],
  ])('%s is refused with why and an id', (_l, facts, head, code, message) => {
    let error: unknown;
    try {
      decideUrlFile(facts, head);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppErrorException);
    expect((error as AppErrorException).error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect((error as AppErrorException).error.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
