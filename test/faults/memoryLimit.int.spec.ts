import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEnd, startQuery, untilExecuting } from '../support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../support/testCore';
import { openSessions } from '../../src/shared/views/appView';

/**
 * One list of 50 million numbers is a single value: DuckDB must hold it whole, so no temp_directory
 * helps. With memory_limit 64MB it fails within a fraction of a second.
 */
const HUGE_LIST_SQL = 'select list(range) as everything from range(50000000)';
/** Streams 400 million rows through a count: little memory, a few seconds, so it is still running when the other fails. */
const SMALL_BUT_LONG_SQL = 'select count(*) as n, sum(x) as s from range(400000000) t(x) where x % 7 = 3';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const seqOf = (core: TestCore, sessionId: string, type: string, queryId: string): number =>
  core.store.readAggregate('QuerySession', sessionId).find((e) => e.type === type && 'queryId' in e.payload && e.payload.queryId === queryId)?.globalSeq ?? -1;

describe('a DuckDB query that exceeds memory_limit (a real core, memory_limit 64MB)', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  beforeAll(async () => {
    dir = tempDir();
    core = await startTestCore(dir.path, { memoryLimit: '64MB' });
  });
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('fails cleanly as OUT_OF_MEMORY with an id, while the worker, the session and a concurrent query carry on', async () => {
    // The option reaches the worker's DuckDB (64 MB = 61.0 MiB in DuckDB's units).
    expect(await core.queryWorker.request({ type: 'read', sql: "select current_setting('memory_limit') as l" })).toEqual([{ l: '61.0 MiB' }]);
    // A temp table lives only on this worker's admin connection: still there afterwards means the same worker, not a replacement.
    await core.queryWorker.request({ type: 'exec', sql: 'create temp table worker_alive as select 42 as x' });

    const hungry = openSessions(core.projections.current.view)[0]!.id;
    const other = await core.dispatch({ type: 'OpenSession', title: 'Other' });
    if (!other.ok) throw new Error(other.error.message);
    const bystander = other.value.aggregateId;

    const small = await startQuery(core, bystander, SMALL_BUT_LONG_SQL);
    await untilExecuting(core, bystander, small);
    const huge = await startQuery(core, hungry, HUGE_LIST_SQL);

    const failed = await queryEnd(core, hungry, huge, 60_000);
    expect(failed.type).toBe('QueryFailed');
    if (failed.type !== 'QueryFailed') return;
    expect(failed.payload.error.code).toBe('OUT_OF_MEMORY');
    expect(failed.payload.error.id).toMatch(UUID);
    expect(failed.payload.error.message).toMatch(/^DuckDB ran out of memory: this query needs more than its memory limit \(61\.0 MiB\)/);
    expect(failed.payload.error.message).toContain('Out of Memory Error: failed to allocate');
    // What the status bar shows: the query failed, with that error and its id.
    const shown = core.projections.current.view.sessions[hungry]?.history.find((q) => q.queryId === huge);
    expect(shown).toMatchObject({ phase: 'Failed', error: { id: failed.payload.error.id, code: 'OUT_OF_MEMORY' } });
    expect(await core.runner.fetchPage(huge, 0, 10)).toMatchObject({ ok: false });

    // The concurrent query was running the whole time and completes with the right answer.
    const done = await queryEnd(core, bystander, small, 120_000);
    expect(done.type).toBe('QueryCompleted');
    expect(seqOf(core, bystander, 'ExecutionBegan', small)).toBeLessThan(failed.globalSeq);
    expect(done.globalSeq).toBeGreaterThan(failed.globalSeq);
    const smallPage = await core.runner.fetchPage(small, 0, 10);
    expect(smallPage).toMatchObject({ ok: true, value: { totalRows: 1, values: [['57142857'], ['11428571342857143']] } });

    // The same session runs its next query, with the right rows.
    const next = await startQuery(core, hungry, 'select x, x * x as square from range(5) t(x)');
    const nextEnd = await queryEnd(core, hungry, next, 60_000);
    expect(nextEnd).toMatchObject({ type: 'QueryCompleted', payload: { rowCount: 5 } });
    expect(await core.runner.fetchPage(next, 0, 10)).toMatchObject({
      ok: true,
      value: { totalRows: 5, complete: true, values: [['0', '1', '2', '3', '4'], ['0', '1', '4', '9', '16']] },
    });

    // The same worker thread served all of it: nothing crashed or was replaced.
    expect(await core.queryWorker.request({ type: 'read', sql: 'select x from worker_alive' })).toEqual([{ x: 42 }]);
    const crashed = core.store.readAfter(0, 1_000_000).filter((e) => e.type === 'QueryFailed' && e.payload.error.code === 'WORKER_CRASHED');
    expect(crashed).toEqual([]);
  }, 180_000);
});
