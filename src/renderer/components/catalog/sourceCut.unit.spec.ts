import { describe, expect, it } from 'vitest';
import { sourceCut } from './sourceCut';

describe('a source cut in the middle, keeping its file name', () => {
  it('given a URL, then the tail is its file name and the head its host and folders', () => {
    expect(sourceCut('http://127.0.0.1:4781/data/hang.csv')).toEqual({ head: 'http://127.0.0.1:4781/data/', tail: 'hang.csv' });
    expect(sourceCut('https://example.com/get?id=7')).toEqual({ head: 'https://example.com/', tail: 'get?id=7' });
  });

  it('given a folder with a trailing separator, then the tail is the folder, separator and all', () => {
    expect(sourceCut('/tmp/wopen-files/folder-a/')).toEqual({ head: '/tmp/wopen-files/', tail: 'folder-a/' });
    expect(sourceCut('C:\\data\\sales\\')).toEqual({ head: 'C:\\data\\', tail: 'sales\\' });
  });

  it('given a bare name or a root, then it is all tail: nothing to give way', () => {
    expect(sourceCut('cars.csv')).toEqual({ head: '', tail: 'cars.csv' });
    expect(sourceCut('/')).toEqual({ head: '', tail: '/' });
  });

  it('given any source, then head and tail together are the source', () => {
    for (const s of ['/a/b.csv', 'https://h/x/', '/a//b', 'x/', '']) expect(Object.values(sourceCut(s)).join('')).toBe(s);
  });
});
