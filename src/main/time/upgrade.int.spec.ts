import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextUndo } from '../../shared/views/undoTarget';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

/**
 * A store written by the build before undo, the timeline and snapshots (commit 57a76c4; how it was
 * made: test/fixtures/README.md) opens, undoes, travels and forks with today's build: no event's
 * shape changed, so no upcaster is needed, and the undo stacks are folded from the old log.
 */
const FIXTURE = resolve('test/fixtures/datadir-57a76c4/events.sqlite');
const S1 = '01a234f2-8121-7314-a55e-4e1908f132f5';
const S2 = '01a234f2-8160-7322-8673-f046cf7ca691';
const Q1 = '01a234f2-812e-7514-a480-7bd98993850d';

describe('a data dir written before undo and time travel existed', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  beforeEach(async () => {
    dir = tempDir();
    mkdirSync(dir.path, { recursive: true });
    copyFileSync(FIXTURE, join(dir.path, 'events.sqlite'));
    core = await startTestCore(dir.path);
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  it('opens as it was, and its old actions can be undone', async () => {
    const s1 = core.view().sessions[S1]!;
    expect(s1).toMatchObject({ title: 'Before the upgrade', draft: 'select 42', closed: false });
    expect(s1.history.map((h) => [h.queryId, h.phase, h.view?.orderBy])).toEqual([[Q1, 'Completed', [{ column: 0 }]]]);
    expect(core.view().sessions[S2]).toMatchObject({ title: 'Closed before the upgrade', closed: true });

    // The latest undoable action the old log holds is the close of the second tab.
    const close = nextUndo(core.view(), S1)!;
    expect(close.label).toBe('Undo close of “Closed before the upgrade”');
    expect((await core.dispatch({ type: 'Undo', ...close.action })).ok).toBe(true);
    expect(core.view().sessions[S2]!.closed).toBe(false);

    // Then, in the first session: its rename, then its sort.
    for (const expected of ['Undo rename to “Before the upgrade”', 'Undo sort by n']) {
      const target = nextUndo(core.view(), S1)!;
      expect(target.label).toBe(expected);
      expect((await core.dispatch({ type: 'Undo', ...target.action })).ok).toBe(true);
    }
    expect(core.view().sessions[S1]!.title).not.toBe('Before the upgrade');
    expect(core.view().sessions[S1]!.history[0]!.view).toBeUndefined();
  });

  it('travels to any of its old points and forks from one', async () => {
    // Seq 5 is the sort, before the rename and the draft (seq 6 and 7).
    const past = await core.time.sessionAt(S1, 5);
    if (!past.ok) throw new Error(past.error.message);
    expect(past.value.session.title).not.toBe('Before the upgrade');
    expect(past.value.session.draft).toBe('');
    expect(past.value.session.history[0]?.view?.orderBy).toEqual([{ column: 0 }]);

    const forked = await core.dispatch({ type: 'ForkSession', sessionId: S1, seq: 5 });
    if (!forked.ok) throw new Error(forked.error.message);
    const fork = core.view().sessions[forked.value.aggregateId]!;
    expect(fork.forkedFrom).toMatchObject({ sessionId: S1, seq: 5 });
    expect(fork.history.map((h) => h.queryId)).toEqual([Q1]);
    expect(core.view().sessions[S1]!.title).toBe('Before the upgrade');
  });
});
