import { describe, expect, it } from 'vitest';
import { lostResult } from '../../../test/support/lostResult';
import type { TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';

/**
 * A completed result whose table this data dir does not hold (imported into a fresh one, evicted,
 * lost) is re-run on demand. Its profile waits for the re-run, as its grid and its charts do; it was
 * refused with RESULT_INCOMPLETE, which the window took as the cards' failure and never asked again.
 */
describe('the profile of a result being re-run on demand (real SQLite, real DuckDB)', () => {
  const dir = useTempDataDir<TestCore>();

  const lost = (create: string, change?: string) => lostResult(dir, create, change);

  it('waits for the re-run and answers the profile (filtered too), asked once', async () => {
    const { core, queryId } = await lost('create table answers as select range as v, range % 3 as k from range(100000)');
    // asked once each, as the window asks: no retry loop here
    const [whole, filtered] = await Promise.all([
      core.profiles.profile({ kind: 'result', queryId }, [0, 1]),
      core.profiles.profile({ kind: 'result', queryId, filter: [{ column: 0, op: 'lt', value: '48' }] }, [0]),
    ]);
    expect(whole.ok ? whole.value.columns.map((c) => [c.profile.distinct, c.profile.kind === 'number' && c.profile.max]) : whole.error.code).toEqual([
      [100000, '99999'],
      [3, '2'],
    ]);
    expect(filtered.ok ? [filtered.value.filtered, filtered.value.columns[0]!.profile.distinct] : filtered.error.code).toEqual([{ rows: 48, of: 100000 }, 48]);
  });

  it('a re-run that now gives other rows ends the wait with its refusal, not a hang', async () => {
    const { core, queryId } = await lost('create table answers as select range as v from range(1000)', 'insert into answers select range from range(234)');
    const r = await core.profiles.profile({ kind: 'result', queryId }, [0]);
    expect(r.ok ? 'answered' : r.error.code).toBe('RESULT_NOT_FOUND');
  });

  it('a request cancelled while it waits is left at once (INTERRUPTED); the next one is answered', async () => {
    const { core, queryId } = await lost('create table answers as select range as v from range(300000)');
    const gone = new AbortController();
    const waiting = core.profiles.profile({ kind: 'result', queryId }, [0], gone.signal);
    gone.abort();
    const r = await waiting;
    expect(r.ok ? 'answered' : r.error.code).toBe('INTERRUPTED');
    const again = await core.profiles.profile({ kind: 'result', queryId }, [0]);
    expect(again.ok ? again.value.rows : again.error.code).toBe(300000);
  });
});
