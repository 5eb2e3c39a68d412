import { describe, expect, it } from 'vitest';
import { errorFirstLine, historyRepeats } from './historyRepeats';

describe('the same query run again and again, in the history', () => {
  it('given a run of identical SQL, then the newest carries the count and the older are drawn as again', () => {
    expect(historyRepeats(['b', 'a', 'a', 'a', 'b'])).toEqual([{ again: false }, { times: 3, again: false }, { again: true }, { again: true }, { again: false }]);
  });

  it('given no two alike one after the other, then nothing is grouped', () => {
    expect(historyRepeats(['a', 'b', 'a'])).toEqual([{ again: false }, { again: false }, { again: false }]);
    expect(historyRepeats([])).toEqual([]);
  });

  it('given SQL that differs only in spacing or case, then it is another query', () => {
    expect(historyRepeats(['select 1', 'SELECT 1', 'select  1'])).toEqual([{ again: false }, { again: false }, { again: false }]);
  });
});

describe('a failed query’s error in the history', () => {
  it('given DuckDB’s message with the SQL and a caret under it, then only its first line', () => {
    expect(errorFirstLine('Binder Error: Referenced column "nope" not found\n\nLINE 1: select nope\n               ^')).toBe('Binder Error: Referenced column "nope" not found');
    expect(errorFirstLine('\n  Sextant stopped while this query was running.')).toBe('Sextant stopped while this query was running.');
    expect(errorFirstLine('')).toBe('');
  });
});
