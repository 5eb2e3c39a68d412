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

  it('given the file itself, then the file', () => {
    expect(explainReadFailure(duckdbSays('/data/a.parquet'), '/data/a.parquet').message).toMatch(/^\/data\/a\.parquet is not a valid Parquet file: /);
  });
});
