import { describe, expect, it } from 'vitest';
import { appError } from '../../shared/contracts/errors';
import { conflictInWords } from './importConflict';

const conflict = (expectedSeq: number, fileSeq: number, aggregateId = 's1') =>
  appError('id-1', 'IMPORT_CONFLICT', 'This log already holds a different history under an id the file uses; nothing was imported.', { details: { aggregateType: 'QuerySession', aggregateId, expectedSeq, fileSeq } });
const words = (expectedSeq: number, fileSeq: number) => conflictInWords(conflict(expectedSeq, fileSeq), 's1', 'Cars').message.replaceAll(/[\u2068\u2069]/g, '');

describe('a refused import said of its session', () => {
  it('given a session that ran on here after its import, then it says so, with how many events are its own here', () => {
    expect(words(12, 9)).toBe('“Cars” has changed here since it was imported: 3 events of its own here (a query run, a rename, a close…) after its event 8, so the file’s later events cannot continue it. Nothing was imported.');
  });

  it('given another session under the id, or a file that starts past this log, then it says which', () => {
    expect(words(5, 1)).toBe('This log holds another session under the id of “Cars” in the file; nothing was imported.');
    expect(words(3, 7)).toBe('The file continues “Cars” from its event 7, but this log holds it only up to event 2: import the earlier export first. Nothing was imported.');
  });

  it('keeps the id and code, and leaves another aggregate’s conflict as the store said it', () => {
    expect(conflictInWords(conflict(12, 9), 's1', 'Cars')).toMatchObject({ id: 'id-1', code: 'IMPORT_CONFLICT' });
    const other = conflict(12, 9, 'dataset-1');
    expect(conflictInWords(other, 's1', 'Cars')).toBe(other);
  });
});
