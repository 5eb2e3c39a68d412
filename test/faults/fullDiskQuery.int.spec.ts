import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSessions } from '../../src/shared/views/appView';
import { diskSpace } from '../../src/main/query/diskReserve.worker';
import { queryEnd, startQuery } from '../support/coreEvents';
import { smallDisk } from '../support/smallDisk';
import { startTestCore, type TestCore } from '../support/testCore';

const MiB = 1024 * 1024;
const usedBytes = (dir: string): number => {
  const { free, total } = diskSpace(dir);
  return total - free;
};

/**
 * A query whose result does not fit, through the whole core on a real small disk: the data dir (event
 * store, DuckDB's file, its spill folder) on a 40 MiB tmpfs. What the writer proves alone
 * (diskReserve.int.spec.ts) must hold with every connection, the history views and the store beside it.
 */
describe('a result that does not fit the data dir’s disk, through the core (a real 40 MiB tmpfs)', () => {
  const undo: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const u of undo.splice(0).reverse()) await u();
  });

  it('fails with the reserve’s refusal, and within two seconds the disk is back to what it held before', async (t) => {
    const disk = smallDisk('40m');
    if (!disk) return t.skip();
    undo.push(() => disk.undo());
    const core: TestCore = await startTestCore(disk.dir);
    undo.push(() => core.close());
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const before = usedBytes(disk.dir);

    // md5 text does not compress: about 70 bytes a row, 20 million rows, far more than the disk holds.
    const queryId = await startQuery(core, sessionId, 'select range, md5(range::varchar) || md5((range + 1)::varchar) from range(20000000)');
    const end = await queryEnd(core, sessionId, queryId, 60_000);
    expect(end.type).toBe('QueryFailed');
    const said = end.type === 'QueryFailed' ? end.payload.error.message : '';
    const freeAtRefusal = Number(/^DuckDB stopped this query before it filled the disk: the disk holding .* has ([\d.]+) MiB free/.exec(said)?.[1]) * MiB;
    // Measured from its words: by the time QueryFailed is published the space may already be back.
    // Near the reserve every chunk is committed, so rows go through DuckDB's WAL, counted twice until
    // a checkpoint at 16 MiB copies it: of the ~32 MiB above the reserve a result gets ~16.
    expect(diskSpace(disk.dir).total - freeAtRefusal - before, 'the result had taken a good part of the disk').toBeGreaterThan(12 * MiB);

    // Before, DuckDB's fresh file got its metadata block after the result's blocks at the checkpoint
    // that followed the failure, and kept its size: the disk stayed ~30 MiB fuller than before.
    await vi.waitFor(() => expect(usedBytes(disk.dir) - before).toBeLessThan(MiB), { timeout: 2_000, interval: 50 });

    // The space is the next query's: it runs and its end is stored.
    const next = await startQuery(core, sessionId, 'select * from range(1000)');
    expect((await queryEnd(core, sessionId, next)).type).toBe('QueryCompleted');
  }, 90_000);
});
