import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

/**
 * What "acknowledged means on disk" rests on, read back from SQLite on the store the app opened.
 * Nothing else would notice a change: kill -9 leaves the OS page cache intact, so the crash tests
 * pass with `synchronous = OFF` too; only power loss or an OS crash would show it.
 */
describe('the store as the app opens it', () => {
  let core: TestCore | undefined;
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(async () => {
    await core?.close();
    dir?.remove();
  });

  it('is in WAL mode, fsyncs every commit (synchronous = FULL), holds its file exclusively, and uses F_FULLFSYNC on macOS', async () => {
    dir = tempDir('sextant-durability-');
    core = await startTestCore(dir.path);
    expect(core.store.durability()).toEqual({
      journalMode: 'wal',
      synchronous: 2, // FULL; NORMAL is 1, OFF is 0
      lockingMode: 'exclusive',
      fullfsync: process.platform === 'darwin' ? 1 : 0,
    });
  });
});
