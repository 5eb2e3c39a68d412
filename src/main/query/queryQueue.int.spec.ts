import { afterEach, expect, it } from 'vitest';
import type { QueryProgress } from '../../shared/contracts/frames';
import { openSession, queryEnd, startQuery, untilExecuting } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

/** About a second of DuckDB here: long enough to queue the others behind it. */
const SLOW_SQL = 'select count(*) as n from range(150000000) t(x) where x % 7 = 3';
const LONG_SQL = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';

let core: TestCore | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await core?.close();
  dir?.remove();
  core = dir = undefined;
});

/** Every query progress frame main publishes, by query, as "queued N" or "running", repeats folded. */
function recordStates(c: TestCore): (queryId: string) => string[] {
  const frames: QueryProgress[] = [];
  c.bus.subscribe((m) => {
    if (m.kind === 'progress' && m.progress.kind === 'query') frames.push(m.progress);
  });
  return (queryId) =>
    frames
      .filter((f) => f.queryId === queryId)
      .map((f) => (f.queued ? `queued ${f.queued.position}` : 'running'))
      .filter((s, i, all) => s !== all[i - 1]);
}

it('with one query at a time, the queries behind the running one are told their place in line as it moves up, then that they run; each completes (real DuckDB)', async () => {
  dir = tempDir();
  core = await startTestCore(dir.path, { maxConcurrentQueries: 1, progressIntervalMs: 50 });
  const states = recordStates(core);
  const sessions = [await openSession(core), await openSession(core), await openSession(core)];
  const queries: string[] = [];
  for (const sessionId of sessions) queries.push(await startQuery(core, sessionId, SLOW_SQL));
  const ends = await Promise.all(queries.map((q, i) => queryEnd(core!, sessions[i]!, q, 60_000)));

  expect(ends.map((e) => e.type)).toEqual(['QueryCompleted', 'QueryCompleted', 'QueryCompleted']);
  expect(ends.map((e) => (e.type === 'QueryCompleted' ? e.payload.rowCount : -1))).toEqual([1, 1, 1]);
  const [first, second, third] = queries as [string, string, string];
  expect(states(first)).not.toContainEqual(expect.stringMatching(/^queued/)); // it started at once
  expect(states(second)).toEqual(['queued 1', 'running']);
  expect(states(third)).toEqual(['queued 2', 'queued 1', 'running']);
}, 90_000);

it('a queued query cancelled before it starts: the one behind it moves up, a window subscribing now is told where it waits, and the cancelled one never runs (real DuckDB)', async () => {
  dir = tempDir();
  core = await startTestCore(dir.path, { maxConcurrentQueries: 1 });
  const states = recordStates(core);
  const [a, b, c] = [await openSession(core), await openSession(core), await openSession(core)];
  const running = await startQuery(core, a, LONG_SQL);
  await untilExecuting(core, a, running);
  const cancelled = await startQuery(core, b, LONG_SQL);
  const behind = await startQuery(core, c, LONG_SQL);
  expect(states(behind)).toEqual(['queued 2']);

  expect((await core.dispatch({ type: 'CancelQuery', sessionId: b })).ok).toBe(true);
  expect((await queryEnd(core, b, cancelled)).type).toBe('QueryCancelled');
  expect(states(cancelled)).toEqual(['queued 1']);
  expect(states(behind)).toEqual(['queued 2', 'queued 1']);
  // what a window that subscribes now is sent once it is live
  expect(core.runner.currentProgress().find((p) => p.queryId === behind)?.queued).toEqual({ position: 1 });

  await core.dispatch({ type: 'CancelQuery', sessionId: a });
  await untilExecuting(core, c, behind);
  expect(states(behind)).toEqual(['queued 2', 'queued 1', 'running']);
  await core.dispatch({ type: 'CancelQuery', sessionId: c });
  expect((await queryEnd(core, c, behind)).type).toBe('QueryCancelled');
  expect(core.store.readAggregate('QuerySession', b).filter((e) => e.type === 'ExecutionBegan')).toEqual([]);
}, 60_000);
