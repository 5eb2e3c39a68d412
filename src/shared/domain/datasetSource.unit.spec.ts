import { describe, expect, it } from 'vitest';
import { homePath, normalSource, sameSource } from './datasetSource';

describe('normalSource (a source as the catalog compares it)', () => {
  it.each([
    ['  /tmp/od/bom.csv  ', '/tmp/od/bom.csv'],
    ['/tmp/od/./small.arrow', '/tmp/od/small.arrow'],
    ['/tmp/od/pq/', '/tmp/od/pq'],
    ['/tmp//od/x/../pq', '/tmp/od/pq'],
    ['/../x.csv', '/x.csv'],
    ['/', '/'],
    ['/data/trips/*.parquet', '/data/trips/*.parquet'],
    ['/data/Q1 [final]/./a.csv', '/data/Q1 [final]/a.csv'],
    ['C:\\Users\\me\\.\\data\\', 'C:\\Users\\me\\data'],
    ['C:/Users/me/../you/x.csv', 'C:\\Users\\you\\x.csv'],
    ['\\\\server\\share\\.\\x.csv', '\\\\server\\share\\x.csv'],
    ['data/./x.csv', 'data/x.csv'],
    ['../x.csv', '../x.csv'],
    [' https://example.com/a/./b.csv?x=1 ', 'https://example.com/a/./b.csv?x=1'],
    ['file:///tmp/od/donn%C3%A9es%20%C3%A9t%C3%A9.csv', '/tmp/od/données été.csv'],
    ['file:///C:/data/./x.csv', 'C:\\data\\x.csv'],
    ['file://server/share/x.csv', 'file://server/share/x.csv'],
    ['ftp://host/./x.csv', 'ftp://host/./x.csv'],
  ])('given %j, then %j', (source, expected) => expect(normalSource(source)).toBe(expected));

  it.each([
    ['"/tmp/x/pipe.csv"', '/tmp/x/pipe.csv'],
    ["'/tmp/x/pipe.csv'", '/tmp/x/pipe.csv'],
    ['  "C:\\Users\\me\\My Data\\x.csv"  ', 'C:\\Users\\me\\My Data\\x.csv'],
    ['"https://example.com/a.csv"', 'https://example.com/a.csv'],
    ['"file:///tmp/a%20b.csv"', '/tmp/a b.csv'],
    // one pair, and only a matching one
    ['""/tmp/x.csv""', '"/tmp/x.csv"'],
    ['"/tmp/x.csv\'', '"/tmp/x.csv\''],
    ['/tmp/"quoted".csv', '/tmp/"quoted".csv'],
  ])('given %j, as "Copy as path" or a shell quotes it, then %j', (source, expected) => expect(normalSource(source)).toBe(expected));

  it('given a path with a backslash on a POSIX path, then the backslash is part of a name', () => {
    expect(normalSource('/data/a\\b.csv')).toBe('/data/a\\b.csv');
  });

  it('given two spellings of one file, then the same source; two folders, then not', () => {
    expect(sameSource('/tmp/od/pq/', '/tmp/od/pq')).toBe(true);
    expect(sameSource('/tmp/a/weather.parquet', '/tmp/b/weather.parquet')).toBe(false);
  });
});

describe('homePath (a typed ~ is the home folder, as in a shell)', () => {
  it.each([
    ['~/data/trips.csv', '/home/ana', '/home/ana/data/trips.csv'],
    ['  ~/data/  ', '/home/ana/', '/home/ana/data'],
    ['~', '/home/ana', '/home/ana'],
    ['~\\data\\x.csv', 'C:\\Users\\ana', 'C:\\Users\\ana\\data\\x.csv'],
  ])('given %j with home %j, then the catalog records %j', (typed, home, recorded) => {
    expect(normalSource(homePath(typed, home))).toBe(recorded);
  });

  it.each([
    ['"/tmp/x/pipe.csv"', '/root', '/tmp/x/pipe.csv'],
    ["'~/data/x.csv'", '/home/ana', '/home/ana/data/x.csv'],
    ['"data/x.csv"', '/home/ana', '/home/ana/data/x.csv'],
    ['"C:\\data\\x.csv"', 'C:\\Users\\ana', 'C:\\data\\x.csv'],
  ])('given a quoted %j with home %j, then the quotes are not part of the path: %j', (typed, home, recorded) => {
    expect(normalSource(homePath(typed, home))).toBe(recorded);
  });

  it.each([
    ['weather.tsv', '/home/ana', '/home/ana/weather.tsv'],
    [' data/./trips/*.parquet ', '/home/ana', '/home/ana/data/trips/*.parquet'],
    ['../shared/x.csv', '/home/ana', '/home/shared/x.csv'],
    ['data\\x.csv', 'C:\\Users\\ana', 'C:\\Users\\ana\\data\\x.csv'],
  ])('given a relative %j with home %j, then it is read under the home folder (a desktop app has no working folder): %j', (typed, home, recorded) => {
    expect(normalSource(homePath(typed, home))).toBe(recorded);
  });

  it.each(['~ana/x.csv', '/data/~/x.csv', 'https://h/~ana/x.csv', 'file:///tmp/x.csv', 'ftp://h/x.csv', 'C:\\data\\x.csv', '\\\\server\\share\\x.csv', ''])('given %j, then it is left as typed', (typed) => {
    expect(homePath(typed, '/home/ana')).toBe(typed);
  });
});
