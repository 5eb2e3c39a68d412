import { describe, expect, it } from 'vitest';
import { FileHandOver, filesFromArgv } from './fileArguments';

describe('the files a launch asks to open', () => {
  it('given a development launch, then the entry script and switches are not files', () => {
    expect(filesFromArgv(['/usr/bin/electron', 'out/main/index.js', '--data-dir=/tmp/x', '--no-sandbox', 'trips.parquet'], '/home/me/data')).toEqual([
      '/home/me/data/trips.parquet',
    ]);
  });

  it('given an installed launch with several files and a URL, then each is kept in order, relative paths resolved where the launch came from', () => {
    expect(filesFromArgv(['/opt/Sextant/sextant', '/abs/a.csv', 'sub/b.tsv', 'https://example.org/c.parquet', 'notes.txt'], '/w')).toEqual([
      '/abs/a.csv',
      '/w/sub/b.tsv',
      'https://example.org/c.parquet',
    ]);
  });

  it('given no file, then nothing opens', () => {
    expect(filesFromArgv(['/opt/Sextant/sextant'], '/w')).toEqual([]);
  });
});

describe('handing files over to the core', () => {
  it('given files offered before the core is ready, when it is, then they open once, in order', () => {
    const opened: string[][] = [];
    const handOver = new FileHandOver();
    handOver.offer(['/a.csv']);
    handOver.offer(['/b.parquet']);
    expect(opened).toEqual([]);
    handOver.ready((paths) => opened.push([...paths]));
    expect(opened).toEqual([['/a.csv', '/b.parquet']]);
  });

  it('given a ready core, when a second instance hands files over, then they open at once', () => {
    const opened: string[][] = [];
    const handOver = new FileHandOver();
    handOver.ready((paths) => opened.push([...paths]));
    handOver.offer([]);
    handOver.offer(['/c.tsv']);
    expect(opened).toEqual([['/c.tsv']]);
  });
});
