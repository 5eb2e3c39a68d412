import { describe, expect, it } from 'vitest';
import { appError } from '../../shared/contracts/errors';
import { conflictInWords, type ConflictNames } from './importConflict';

const conflict = (expectedSeq: number, fileSeq: number, aggregateId = 's1', aggregateType = 'QuerySession') =>
  appError('id-1', 'IMPORT_CONFLICT', 'This log already holds a different history under an id the file uses; nothing was imported.', { details: { aggregateType, aggregateId, expectedSeq, fileSeq } });
const names = (o: Partial<ConflictNames> = {}): ConflictNames => ({ sessionId: 's1', fileTitle: 'Cars', datasetName: (id) => (id === 'd1' ? 'cars' : undefined), ...o });
const words = (expectedSeq: number, fileSeq: number, o: Partial<ConflictNames> = {}, aggregateId = 's1', type = 'QuerySession') =>
  conflictInWords(conflict(expectedSeq, fileSeq, aggregateId, type), names(o)).message.replaceAll(/[\u2068\u2069]/g, '');

describe('a refused import said of what it is about', () => {
  it('given histories that part after an event both hold, then it says where and how many events here the file lacks, whichever side changed', () => {
    expect(words(12, 9, { titleHere: 'Cars' })).toBe('“Cars” here and in the file part ways after its event 8 (this log holds 3 events from there: a query run, a rename, a close…), so the file cannot continue it. Nothing was imported.');
    expect(words(11, 10, {})).toMatch(/^“Cars” here and in the file part ways after its event 9 \(this log holds 1 event from there/);
  });

  it('given the session renamed on either side, then it is named by its tab here, and by the file’s title too', () => {
    expect(words(12, 9, { titleHere: 'Diverged in A' })).toMatch(/^“Diverged in A” \(“Cars” in the file\) here and in the file part ways after its event 8/);
  });

  it('given another session under the id, or a file that starts past this log, then it says which', () => {
    expect(words(5, 1)).toBe('This log holds another session under the id of “Cars” in the file; nothing was imported.');
    expect(words(3, 7)).toBe('The file continues “Cars” from its event 7, but this log holds it only up to event 2: import the earlier export first. Nothing was imported.');
  });

  it('given a dataset’s history that starts past this log, then it names the dataset and says to import the earlier export first', () => {
    expect(words(1, 2, {}, 'd1', 'Dataset')).toBe('The file continues the dataset “cars” from its event 2, but this log holds none of its events: import the earlier export first. Nothing was imported.');
    expect(words(4, 1, {}, 'd9', 'Dataset')).toBe('This log holds another dataset under the id of a dataset of the session in the file; nothing was imported.');
  });

  it('keeps the id and code, and leaves any other refusal as the store said it', () => {
    expect(conflictInWords(conflict(12, 9), names())).toMatchObject({ id: 'id-1', code: 'IMPORT_CONFLICT' });
    const other = conflict(12, 9, 'another-session');
    expect(conflictInWords(other, names())).toBe(other);
    const full = appError('id-2', 'STORE_FULL', 'The disk is full.');
    expect(conflictInWords(full, names())).toBe(full);
  });
});
