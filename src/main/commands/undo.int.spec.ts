import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientCommand } from '../../shared/contracts/commands';
import { activeSession, openSessions } from '../../shared/views/appView';
import { nextRedo, nextUndo } from '../../shared/views/undoTarget';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import type { TestCore } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';

/** Undo and redo through the real core and SQLite, across a restart on the same data dir. */
describe('undo and redo that survive a restart', () => {
  const started = useTestCore();
  let core: TestCore;
  beforeEach(() => {
    core = started.core();
  });

  const shown = () => activeSession(core.view())?.id;
  async function press(which: 'Undo' | 'Redo'): Promise<string> {
    const target = (which === 'Undo' ? nextUndo : nextRedo)(core.view(), shown());
    if (!target) throw new Error(`nothing to ${which}`);
    const { action, label } = target;
    const r = await core.dispatch({ type: which, ...action } satisfies ClientCommand);
    if (!r.ok) throw new Error(r.error.message);
    return label;
  }

  it('undoes after a restart exactly as before: a sort, a rename, a closed tab and a removed dataset come back', async () => {
    const csv = join(started.dir(), 'flights.csv');
    writeFileSync(csv, 'origin,delay\nSEA,5\nLAX,-2\nJFK,11\n');
    expect((await core.dispatch({ type: 'AddDataset', source: csv })).ok).toBe(true);
    await core.catalog.idle();
    const datasetId = Object.keys(core.view().datasets)[0]!;

    const s1 = openSessions(core.view())[0]!.id;
    const queryId = await startQuery(core, s1, 'select * from flights');
    await queryEnd(core, s1, queryId);
    await core.dispatch({ type: 'SetResultView', sessionId: s1, queryId, orderBy: [{ column: 1 }], filter: [] });
    await core.dispatch({ type: 'RenameSession', sessionId: s1, title: 'Delays' });
    await core.dispatch({ type: 'OpenSession' });
    const s2 = shown()!;
    const s2Title = core.view().sessions[s2]!.title;
    await core.dispatch({ type: 'CloseSession', sessionId: s2 });
    await core.dispatch({ type: 'RemoveDataset', datasetId });
    const seqBefore = core.store.lastSeq();

    core = await started.restart();

    expect(await press('Undo')).toBe('Undo remove dataset flights');
    expect(core.view().datasets[datasetId]).toMatchObject({ name: 'flights', status: 'ready', source: csv });
    await core.catalog.idle();
    // Queryable again under its name, in the new DuckDB.
    const again = await startQuery(core, s1, 'select count(*) as n from flights');
    expect((await queryEnd(core, s1, again)).type).toBe('QueryCompleted');

    expect(await press('Undo')).toBe(`Undo close of “${s2Title}”`);
    expect(core.view().sessions[s2]?.closed).toBe(false);
    expect(shown()).toBe(s2);
    await core.dispatch({ type: 'ActivateSession', sessionId: s1 });
    expect(await press('Undo')).toBe('Undo rename to “Delays”');
    expect(core.view().sessions[s1]?.title).toBe('Session 1');
    // the count run since is the result shown now: the sort undone is of the one before it, and says so
    expect(await press('Undo')).toBe('Undo sort by delay on an earlier result, “select * from flights”');
    expect(core.view().sessions[s1]?.history.find((h) => h.queryId === queryId)?.view).toBeUndefined();
    expect(nextUndo(core.view(), s1)).toBeUndefined();

    // Nothing was deleted: four more events on the log, which a second restart folds the same way.
    expect(core.store.lastSeq()).toBeGreaterThan(seqBefore + 4 - 1);
    core = await started.restart();
    expect(await press('Redo')).toBe('Redo sort by delay on an earlier result, “select * from flights”');
    expect(core.view().sessions[s1]?.history.find((h) => h.queryId === queryId)?.view).toEqual({ orderBy: [{ column: 1 }], filter: [] });
    expect(await press('Redo')).toBe('Redo rename to “Delays”');
    expect(core.view().sessions[s1]?.title).toBe('Delays');
  });

  it('refuses the undo of a removal, decided by a stale window, once another dataset took its name: one dataset per name, storing nothing', async () => {
    const csv = join(started.dir(), 'flights.csv');
    writeFileSync(csv, 'origin,delay\nSEA,5\n');
    await core.dispatch({ type: 'AddDataset', source: csv });
    await core.catalog.idle();
    const removed = Object.keys(core.view().datasets)[0]!;
    await core.dispatch({ type: 'RemoveDataset', datasetId: removed });
    const stale = nextUndo(core.view(), shown())!; // a window that has not seen what follows
    expect(stale.action.aggregateId).toBe(removed);
    // another file of the same name takes it
    mkdirSync(join(started.dir(), 'other'));
    const other = join(started.dir(), 'other', 'flights.csv');
    writeFileSync(other, 'origin,delay\nPDX,1\n');
    await core.dispatch({ type: 'AddDataset', source: other });
    await core.catalog.idle();
    const named = () => Object.values(core.view().datasets).filter((d) => d.name === 'flights');
    expect(named()).toHaveLength(1);
    const before = core.store.lastSeq();
    const r = await core.dispatch({ type: 'Undo', ...stale.action });
    expect(r.ok ? 'undone' : r.error.code).toBe('DATASET_NAME_TAKEN');
    expect(r.ok ? '' : r.error.message).toMatch(/flights/);
    expect(core.store.lastSeq()).toBe(before);
    expect(named()).toHaveLength(1);
  });

  it('refuses the undo of a removal once the same file was added again: one dataset per file, storing nothing', async () => {
    const csv = join(started.dir(), 'trips.csv');
    writeFileSync(csv, 'origin,n\nSEA,5\n');
    await core.dispatch({ type: 'AddDataset', source: csv });
    await core.catalog.idle();
    const removed = Object.values(core.view().datasets).find((d) => d.source === csv)!.id;
    await core.dispatch({ type: 'RemoveDataset', datasetId: removed });
    const stale = nextUndo(core.view(), shown())!;
    expect(stale.action.aggregateId).toBe(removed);
    await core.dispatch({ type: 'AddDataset', source: csv });
    await core.catalog.idle();
    const before = core.store.lastSeq();
    const r = await core.dispatch({ type: 'Undo', ...stale.action });
    expect(r.ok ? 'undone' : [r.error.code, r.error.message]).toEqual(['DATASET_ALREADY_EXISTS', 'Already in the catalog as trips.']);
    expect(core.store.lastSeq()).toBe(before);
    expect(Object.values(core.view().datasets).filter((d) => d.source === csv)).toHaveLength(1);
  });

  it('refuses an undo a stale window decided on, with NOTHING_TO_UNDO and an error id, storing nothing', async () => {
    const s1 = openSessions(core.view())[0]!.id;
    await core.dispatch({ type: 'RenameSession', sessionId: s1, title: 'A' });
    const stale = nextUndo(core.view(), s1)!;
    await core.dispatch({ type: 'RenameSession', sessionId: s1, title: 'B' });
    const before = core.store.lastSeq();
    const r = await core.dispatch({ type: 'Undo', ...stale.action });
    expect(r.ok ? 'undone' : r.error.code).toBe('NOTHING_TO_UNDO');
    expect(r.ok ? '' : r.error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(core.store.lastSeq()).toBe(before);
    expect(core.view().sessions[s1]?.title).toBe('B');
  });
});
