import { describe, expect, it } from 'vitest';
import { errorWithoutSource } from './datasetEntry';

describe('a failed dataset’s error in its catalog entry', () => {
  it('given a message naming the whole path, then it names the file by its base name', () => {
    expect(errorWithoutSource('No file at /nonexistent/file.csv.', '/nonexistent/file.csv')).toBe('No file at file.csv.');
    expect(errorWithoutSource('/tmp/a b/7zip.png is empty.', '/tmp/a b/7zip.png')).toBe('7zip.png is empty.');
  });

  it('given DuckDB’s words naming the path again, then every mention is the base name', () => {
    const message = "/d/broken.parquet is not a valid Parquet file: No magic bytes found at end of file '/d/broken.parquet'";
    expect(errorWithoutSource(message, '/d/broken.parquet')).toBe("broken.parquet is not a valid Parquet file: No magic bytes found at end of file 'broken.parquet'");
  });

  it('given a file inside a folder source, then it is named under the folder’s base name, its separator kept', () => {
    const message = "/d/pq/._data.parquet, in pq, is not a valid Parquet file: end of file '/d/pq/._data.parquet'";
    expect(errorWithoutSource(message, '/d/pq')).toBe("pq/._data.parquet, in pq, is not a valid Parquet file: end of file 'pq/._data.parquet'");
  });

  it('given a message the host prefixed with the path, then the prefix goes', () => {
    expect(errorWithoutSource('/d/x.png: Sextant cannot read .png files: add CSV…', '/d/x.png')).toBe('Sextant cannot read .png files: add CSV…');
  });

  it('given a relative source, then the resolved path in the message is shortened too', () => {
    expect(errorWithoutSource('No file at /home/me/data/x.csv.', 'data/x.csv')).toBe('No file at x.csv.');
  });

  it('given a folder, a URL, or a message not naming the source, then the message is kept', () => {
    expect(errorWithoutSource('The folder /d/sales/ holds no Parquet or CSV files.', '/d/sales/')).toBe('The folder sales holds no Parquet or CSV files.');
    expect(errorWithoutSource('https://h/x.csv is empty: the server sent no bytes.', 'https://h/x.csv')).toBe('https://h/x.csv is empty: the server sent no bytes.');
    expect(errorWithoutSource('The database has no tables.', '/d/w.duckdb')).toBe('The database has no tables.');
    expect(errorWithoutSource('No file at trips.csv.', 'trips.csv')).toBe('No file at trips.csv.');
  });

  it('given a Linux or macOS path with a backslash in a name, then the backslash is part of the file name', () => {
    expect(errorWithoutSource('No file at /data/a\\b.csv.', '/data/a\\b.csv')).toBe('No file at a\\b.csv.');
    expect(errorWithoutSource("/d/x\\y.parquet is not a valid Parquet file: end of file '/d/x\\y.parquet'", '/d/x\\y.parquet')).toBe("x\\y.parquet is not a valid Parquet file: end of file 'x\\y.parquet'");
  });

  it('given a Windows path (a drive letter or a UNC share), then it separates at a backslash', () => {
    expect(errorWithoutSource('No file at C:\\data\\sales.csv.', 'C:\\data\\sales.csv')).toBe('No file at sales.csv.');
    expect(errorWithoutSource('No file at \\\\server\\share\\sales.csv.', '\\\\server\\share\\sales.csv')).toBe('No file at sales.csv.');
    expect(errorWithoutSource('The folder C:\\d\\sales\\ holds no Parquet or CSV files.', 'C:\\d\\sales\\')).toBe('The folder sales holds no Parquet or CSV files.');
  });
});
