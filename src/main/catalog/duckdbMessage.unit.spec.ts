import { describe, expect, it } from 'vitest';
import { duckdbMessage } from './duckdbMessage';

/** DuckDB 1.5's words for a Latin-1 file read as CSV, options and SQL included. */
const LATIN1 = [
  'Invalid Input Error: CSV Error on Line: 2',
  'Original Line: name,city',
  'Invalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.',
  '',
  "Possible Solution: Set the correct encoding, if available, to read this CSV File (e.g., encoding='UTF-16')",
  'Possible Solution: Enable ignore errors (ignore_errors=true) to skip this row',
  '',
  '  file = /tmp/od/latin1.csv',
  '  delimiter = , (Auto-Detected)',
  '  new_line = Single-Line File (Auto-Detected)',
  '  date_format =  (Auto-Detected)',
  '  sample_size = 20480',
  '',
  '',
  '',
  "LINE 1: CREATE OR REPLACE VIEW latin1 AS SELECT * FROM read_csv('/tmp/od/latin1.csv')",
  '                                                  ^',
].join('\n');

describe('duckdbMessage (what DuckDB said, for a person)', () => {
  it('given a CSV error, then its line, its cause and its suggestions, without the options, the row or the SQL', () => {
    expect(duckdbMessage(LATIN1)).toBe(
      'Invalid Input Error: CSV Error on Line: 2. Invalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded. ' +
        "Possible Solution: Set the correct encoding, if available, to read this CSV File (e.g., encoding='UTF-16'). " +
        'Possible Solution: Enable ignore errors (ignore_errors=true) to skip this row',
    );
  });

  it('given a list of solutions, then each without its bullet', () => {
    expect(duckdbMessage('Conversion Error: CSV Error on Line: 9\nCould not convert string "x" to \'BIGINT\'\n\nPossible solutions:\n* Override the type\n* Set the sample size')).toBe(
      'Conversion Error: CSV Error on Line: 9. Could not convert string "x" to \'BIGINT\'. Possible solutions: Override the type. Set the sample size',
    );
  });

  it('given one line, then that line', () => expect(duckdbMessage("Invalid Input Error: No magic bytes found at end of file '/d/a.parquet'\n\nLINE 1: CREATE VIEW …")).toBe("Invalid Input Error: No magic bytes found at end of file '/d/a.parquet'"));

  it('given more than it may say, then cut with …', () => expect(duckdbMessage('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`));
});
