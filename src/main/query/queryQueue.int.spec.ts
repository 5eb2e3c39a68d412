import { afterEach, expect, it } from 'vitest';
import type { QueryProgress } from '../../shared/contracts/frames';
import { openSession, queryEnd, startQuery, untilExecuting } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

/** 20 billion rows, far longer than a test: held running until cancelled, so what starts after it waits, however fast the machine. */
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
      .map((f) => (f.queued === undefined ? 'running' : f.queued.waitsFor === 'queries' ? `queued ${f.queued.position}` : 'queued for the restart'))
      .filter((s, i, all) => s !== all[i - 1]);
}

it('with one query at a time, the queries behind the running one are told their place in line as it moves up, then that they run; each completes once the one ahead ends (real DuckDB)', async () => {
  dir = tempDir();
  core = await startTestCore(dir.path, { maxConcurrentQueries: 1, progressIntervalMs: 50 });
  const states = recordStates(core);
  const [a, b, c] = [await openSession(core), await openSession(core), await openSession(core)];
  const first = await startQuery(core, a, LONG_SQL);
  await untilExecuting(core, a, first);
  const second = await startQuery(core, b, 'select 42 as n');
  const third = await startQuery(core, c, 'select 43 as n');
  expect(states(third)).toEqual(['queued 2']);

  // the first one's end lets the others through, in turn
  await core.dispatch({ type: 'CancelQuery', sessionId: a });
  const ends = [await queryEnd(core, a, first), await queryEnd(core, b, second), await queryEnd(core, c, third)];
  expect(ends.map((e) => e.type)).toEqual(['QueryCancelled', 'QueryCompleted', 'QueryCompleted']);
  expect(ends.map((e) => (e.type === 'QueryCompleted' ? e.payload.rowCount : -1))).toEqual([-1, 1, 1]);
  expect(states(first)).not.toContainEqual(expect.stringMatching(/^queued/)); // it started at once
  expect(states(second)).toEqual(['queued 1', 'running']);
  expect(states(third)).toEqual(['queued 2', 'queued 1', 'running']);
}, 60_000);

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
  expect(core.runner.currentProgress().find((p) => p.queryId === behind)?.queued).toEqual({ waitsFor: 'queries', position: 1 });

  await core.dispatch({ type: 'CancelQuery', sessionId: a });
  await untilExecuting(core, c, behind);
  expect(states(behind)).toEqual(['queued 2', 'queued 1', 'running']);
  await core.dispatch({ type: 'CancelQuery', sessionId: c });
  expect((await queryEnd(core, c, behind)).type).toBe('QueryCancelled');
  expect(core.store.readAggregate('QuerySession', b).filter((e) => e.type === 'ExecutionBegan')).toEqual([]);
}, 60_000);
