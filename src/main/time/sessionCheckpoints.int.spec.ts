import { closeSync, copyFileSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { openSessions, type SessionView } from '../../shared/views/appView';
import { startTestCore, type TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { SessionCheckpoints } from './sessionCheckpoints';

const PAGE = 4096;

/** Overwrites one page of a SQLite file (1-based) with garbage, as a bad sector or a torn write would. */
function damagePage(path: string, page: number): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(PAGE, 0xab), 0, PAGE, (page - 1) * PAGE);
  closeSync(fd);
}

/** Checkpoints are disposable (docs/time.md): a damaged file costs speed, never a start or a travel. */
describe('a damaged checkpoints.sqlite', () => {
  const dir = useTempDataDir<TestCore>();

  it('whose table is damaged: the core still starts, with a new checkpoint file, and travels', async () => {
    let core = dir.keep(await startTestCore(dir.path()));
    const sessionId = openSessions(core.view())[0]!.id;
    for (const title of ['one', 'two']) await core.dispatch({ type: 'RenameSession', sessionId, title });
    await core.close();
    damagePage(join(dir.path(), 'checkpoints.sqlite'), 2);

    core = dir.keep(await startTestCore(dir.path()));
    const timeline = await core.time.timeline(sessionId);
    expect(timeline.ok && timeline.value.total).toBe(3);
    const first = core.store.readAggregate('QuerySession', sessionId)[0]!;
    const at = await core.time.sessionAt(sessionId, first.globalSeq);
    expect(at.ok && at.value.session.title).not.toBe('two');
  });

  it('with a page damaged that only a read of one checkpoint meets: that read finds none, with a warning, instead of throwing', () => {
    const path = join(dir.path(), 'checkpoints.sqlite');
    const view = { id: 's', title: 't', draft: 'x'.repeat(40_000) } as unknown as SessionView;
    const written = new SessionCheckpoints(path);
    written.save('s', { seq: 5, aggregateSeq: 2, occurredAt: 't', view });
    written.close();
    // The view's text overflows into a chain of pages after the table's, which opening the file does not read.
    expect(statSync(path).size / PAGE).toBeGreaterThan(6);
    damagePage(path, 4);

    const warnings: string[] = [];
    const cps = new SessionCheckpoints(path, undefined, pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) }));
    expect(cps.nearestStored('s', 5)).toBeUndefined();
    expect(warnings.join('')).toMatch(/checkpoint/);
    cps.close();
  });
});

/** Checkpoints live beside the log, not in it: a log put back from an older copy must not meet those of the history it lost. */
describe('checkpoints.sqlite beside an events.sqlite restored from an older copy', () => {
  const dir = useTempDataDir<TestCore>();

  it('a travel folds the restored history, not a checkpoint taken past its end', async () => {
    const drafts = async (core: TestCore, sessionId: string, prefix: string, n: number) => {
      for (let i = 0; i < n; i++) await core.dispatch({ type: 'SaveDraft', sessionId, sql: `${prefix}${i}` });
    };
    const events = join(dir.path(), 'events.sqlite');
    let core = dir.keep(await startTestCore(dir.path()));
    const sessionId = openSessions(core.view())[0]!.id;
    await drafts(core, sessionId, 'kept ', 30);
    await core.close();
    copyFileSync(events, `${events}.backup`); // closed: the WAL is folded into the file

    // The history the restore loses, with a checkpoint at the session's 100th event.
    core = dir.keep(await startTestCore(dir.path()));
    await drafts(core, sessionId, 'lost ', 100);
    const lostCheckpoint = core.store.readAggregate('QuerySession', sessionId)[99]!.globalSeq;
    await core.close();
    for (const suffix of ['-wal', '-shm']) rmSync(events + suffix, { force: true });
    copyFileSync(`${events}.backup`, events);

    // Another session's events carry the global seq past the lost checkpoint's, then this one goes on.
    core = dir.keep(await startTestCore(dir.path()));
    const opened = await core.dispatch({ type: 'OpenSession', title: 'other' });
    expect(opened.ok).toBe(true);
    const other = openSessions(core.view()).find((s) => s.title === 'other')!.id;
    await drafts(core, other, 'other ', 120);
    await drafts(core, sessionId, 'now ', 20);
    const stream = core.store.readAggregate('QuerySession', sessionId);
    const target = stream.find((e) => e.globalSeq > lostCheckpoint)!;
    expect(target.aggregateSeq).toBeLessThan(stream.length); // a seq in the past, not the live view's
    const at = await core.time.sessionAt(sessionId, target.globalSeq);
    expect(at.ok && at.value.session.draft).toBe((target.payload as { sql: string }).sql);
  });
});
