import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientCommand, CommandAck } from '../../shared/contracts/commands';
import type { Result } from '../../shared/contracts/errors';
import { openSessions } from '../../shared/views/appView';
import { heldWorkerFromSource, holdWorker } from '../../../test/support/heldWorker';
import { startTestCore, type TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { duckdbFile } from '../query/databaseFile';

/** 'handled', or the refusal's code. */
const outcome = (r: Result<CommandAck>) => (r.ok ? 'handled' : r.error.code);

describe('after DuckDB fails to start, commands that need nothing of it are handled (real SQLite, real DuckDB worker)', () => {
  const dir = useTempDataDir<TestCore>();

  it('a draft saved while DuckDB starts is held, then stored when the start fails; tabs are renamed, closed and an undo of a rename taken; a query, a dataset and its undo are refused with the start’s error', async () => {
    // A folder where DuckDB's database should be: every thread dies opening it (startup.int.spec.ts).
    mkdirSync(join(duckdbFile(dir.path()), 'not a database'), { recursive: true });
    const held = holdWorker(dir.path());
    const core = dir.keep(await startTestCore(dir.path(), { ...heldWorkerFromSource, untilReady: false }));
    const sessionId = openSessions(core.view())[0]!.id;
    const order: string[] = [];
    const asked = (name: string, command: ClientCommand) => core.dispatch(command).then((r) => (order.push(name), r));

    // while starting, both are held, and answered in the order they arrived
    const query = asked('query', { type: 'StartQuery', sessionId, sql: 'select 1' });
    const draft = asked('draft', { type: 'SaveDraft', sessionId, sql: 'select 42' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order, 'nothing answered before the start is over').toEqual([]);
    await held.release();
    const start = await core.whenReady();
    expect(start.ok).toBe(false);
    if (start.ok) return;
    expect(outcome(await query)).toBe('WORKER_CRASHED');
    expect(outcome(await draft)).toBe('handled');
    expect(order).toEqual(['query', 'draft']);
    expect(core.view().sessions[sessionId]?.draft).toBe('select 42');

    const renamed = await core.dispatch({ type: 'RenameSession', sessionId, title: 'Kept' });
    expect(outcome(renamed)).toBe('handled');
    const version = renamed.ok ? renamed.value.version! : 0;
    expect(outcome(await core.dispatch({ type: 'Undo', aggregateType: 'QuerySession', aggregateId: sessionId, seq: version }))).toBe('handled');
    expect(outcome(await core.dispatch({ type: 'OpenSession', title: 'Another' }))).toBe('handled');
    expect(outcome(await core.dispatch({ type: 'CloseSession', sessionId }))).toBe('handled');
    expect(core.view().sessions[sessionId]).toMatchObject({ closed: true, draft: 'select 42' });

    // what DuckDB's side reacts to is refused with the start's one error (same id)
    const refusals = await Promise.all([
      core.dispatch({ type: 'AddDataset', source: '/d/x.csv' }),
      core.dispatch({ type: 'Undo', aggregateType: 'Dataset', aggregateId: 'ds1', seq: 1 }),
      core.dispatch({ type: 'StartQuery', sessionId: openSessions(core.view())[0]!.id, sql: 'select 1' }),
    ]);
    expect(refusals.map((r) => (r.ok ? undefined : r.error.id))).toEqual([start.error.id, start.error.id, start.error.id]);

    const stored = core.store.readAggregate('QuerySession', sessionId).map((e) => e.type);
    expect(stored).toEqual(['SessionOpened', 'DraftSaved', 'SessionRenamed', 'ActionUndone', 'SessionClosed']);
    expect(core.store.readAggregate('Dataset', 'ds1')).toEqual([]);
    held.close();
  }, 120_000);
});
