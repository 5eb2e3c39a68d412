import { describe, expect, it } from 'vitest';
import { useRunSlot } from '../../../test/support/useRunSlot';
import { noRunCallbacks } from '../../../test/support/noRunCallbacks';
import type { AppErrorException } from '../../shared/contracts/errors';
import { runIntoTable } from './resultWriter.worker';
import { RESULTS_SCHEMA } from './sql';

const timing = { progressIntervalMs: 60_000, flushIntervalMs: 60_000, headRows: 10 };

describe('where a syntax error is, past characters that are not ASCII (real DuckDB)', () => {
  const duck = useRunSlot();

  it.each([
    ["emoji (two UTF-16 units each)", "select '😀😀' as smile frm cars"],
    ['accents and CJK', "select 'éé中' as smile frm cars"],
    ['a second line', "select '😀' as a,\n  '😀😀' as smile frm cars"],
    ['non-breaking spaces (pasted SQL)', "select 'a\u00a0b\u00a0c' as smile frm cars"],
  ])('given %s before it, then the failure carries the editor’s offset of the word DuckDB means', async (_, sql) => {
    const failure = await runIntoTable(duck.slot(), { sql, resultTable: `${RESULTS_SCHEMA}.r1` }, timing, noRunCallbacks).then(
      () => undefined,
      (e: AppErrorException) => e.error,
    );
    expect(failure?.message).toMatch(/Parser Error: syntax error at or near "frm"/);
    // the editor prefers it to DuckDB's caret, which pointed at "smile" (errorPosition.unit.spec.ts)
    expect(failure?.details?.['position']).toBe(sql.indexOf('frm'));
  });
});
