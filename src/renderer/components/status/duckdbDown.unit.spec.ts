import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/contracts/errors';
import { duckdbDownText } from './duckdbDown';

describe('duckdbDownText: the top bar says DuckDB is not running, why, and what to do', () => {
  it('given the failed start, then DuckDB’s words, the error id, what cannot run and what to do, and that nothing is lost', () => {
    const error = appError('0b1c', 'WORKER_CRASHED', 'DuckDB could not start: IO Error: Could not set lock on file "/d/workspace.duckdb".');
    expect(duckdbDownText(error)).toBe(
      'DuckDB is not running. DuckDB could not start: IO Error: Could not set lock on file "/d/workspace.duckdb". (error id 0b1c). ' +
        'Queries, charts and exports cannot run until that is fixed (the program holding the file closed, or Sextant updated for a file of a newer DuckDB) ' +
        'and Sextant is started again; the sessions and their history are intact.',
    );
  });
});
