import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appError } from '../../shared/contracts/errors';
import { explainReadFailure } from './sourceChecks';

/** DuckDB's words for a file that is not Parquet, naming the path it read. */
const duckdbSays = (path: string) => appError('e1', 'DATASET_UNREADABLE', `Invalid Input Error: No magic bytes found at end of file '${path}'\n\nLINE 1: CREATE VIEW …`);

describe('what a corrupt source names', () => {
  it('given a file added by a relative path, then the message names it as typed, not "…, in …"', () => {
    expect(explainReadFailure(duckdbSays(resolve('broken.parquet')), 'broken.parquet').message).toMatch(/^broken\.parquet is not a valid Parquet file: /);
  });

  it('given a folder, then the file to blame in it, whole even with a quote in its name', () => {
    expect(explainReadFailure(duckdbSays("/data/q1/O'Brien.parquet"), '/data/q1').message).toMatch(/^\/data\/q1\/O'Brien\.parquet, in \/data\/q1, is not a valid Parquet file: /);
  });

  it('given a pattern, then the file it matched that is to blame', () => {
    expect(explainReadFailure(duckdbSays('/data/a.parquet'), '/data/*.parquet').message).toMatch(/^\/data\/a\.parquet, in \/data\/\*\.parquet, is not/);
  });

  it('given a Parquet file whose footer was garbled, then it is corrupt, not merely unreadable', () => {
    const garbled = explainReadFailure(appError('e2', 'DATASET_UNREADABLE', "Invalid Error: don't know what type: "), '/data/a.parquet');
    expect(garbled).toMatchObject({ code: 'DATASET_CORRUPT', message: expect.stringMatching(/^\/data\/a\.parquet is not a valid Parquet file: Invalid Error: don't know what type/) as unknown });
  });

  it('given the file itself, then the file', () => {
    expect(explainReadFailure(duckdbSays('/data/a.parquet'), '/data/a.parquet').message).toMatch(/^\/data\/a\.parquet is not a valid Parquet file: /);
  });
});

describe('what a CSV that is not UTF-8 says', () => {
  const latin1 = appError(
    'e2',
    'DATASET_UNREADABLE',
    [
      'Invalid Input Error: CSV Error on Line: 2',
      'Original Line: name,city',
      'Invalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.',
      '',
      "Possible Solution: Set the correct encoding, if available, to read this CSV File (e.g., encoding='UTF-16')",
      '',
      '  file = /tmp/od/latin1.csv',
      '  delimiter = , (Auto-Detected)',
      '',
      "LINE 1: CREATE OR REPLACE VIEW latin1 AS SELECT * FROM read_csv('/tmp/od/latin1.csv')",
    ].join('\n'),
  );

  it('given DuckDB\'s long text, then its cause and suggestion, and how to read it here, without the options it read with', () => {
    const explained = explainReadFailure(latin1, '/tmp/od/latin1.csv');
    expect(explained).toMatchObject({ id: 'e2', code: 'DATASET_CORRUPT', details: { duckdb: latin1.message } });
    expect(explained.message).toBe(
      '/tmp/od/latin1.csv could not be read as CSV: Invalid Input Error: CSV Error on Line: 2. Invalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded. ' +
        "Possible Solution: Set the correct encoding, if available, to read this CSV File (e.g., encoding='UTF-16'). " +
        "Sextant reads a CSV that is not UTF-8 as Latin-1, or as UTF-16 when its first bytes are, and could read this one as neither: save it as UTF-8 and add it again, or read it in SQL with read_csv('/tmp/od/latin1.csv', encoding = …).",
    );
  });
});

describe('a URL’s failure names the URL, not its copy in the download cache', () => {
  it('given a data dir whose path has spaces, quoted or not, then the whole path is replaced', () => {
    const url = 'https://example.org/data.json';
    for (const dir of ['/Users/me/Library/Application Support/Sextant', 'C:\\Users\\John Smith\\AppData\\Sextant']) {
      const sep = dir.includes('\\') ? '\\' : '/';
      const copy = [dir, 'downloads', '255a746ab743b33c', 'data.json'].join(sep);
      const said = explainReadFailure(appError('e3', 'DATASET_UNREADABLE', `Invalid Input Error: Malformed JSON in file "${copy}", at byte 9`), url);
      expect(said.message).toContain(`Malformed JSON in file "${url}", at byte 9`);
      expect(said.message).not.toContain('downloads');
    }
  });
});

describe('a glob that matches no file', () => {
  const noFiles = (glob: string) => appError('e1', 'DATASET_UNREADABLE', `IO Error: No files found that match the pattern "${glob}"`);

  it('given a folder emptied of its files, then the folder in words, never the glob Sextant reads it through', () => {
    const error = explainReadFailure(noFiles('/d/sales/**/[!.]*.[cC][sS][vV]'), '/d/sales');
    expect(error).toMatchObject({ id: 'e1', code: 'DATASET_MISSING', message: 'The folder /d/sales holds no Parquet or CSV files any more.' });
  });

  it('given a folder whose name holds [, then still the folder', () => {
    expect(explainReadFailure(noFiles('/d/Q1 [[]final]/**/[!.]*.[pP][aA][rR][qQ][uU][eE][tT]'), '/d/Q1 [final]').message).toBe('The folder /d/Q1 [final] holds no Parquet or CSV files any more.');
  });

  it('given a pattern a person gave, or a file (its name a glob of itself), then what was given', () => {
    expect(explainReadFailure(noFiles('/d/*.parquet'), '/d/*.parquet').message).toBe('No files match /d/*.parquet.');
    expect(explainReadFailure(noFiles('/d/report [[]v2].csv'), '/d/report [v2].csv').message).toBe('No files match /d/report [v2].csv.');
  });
});
