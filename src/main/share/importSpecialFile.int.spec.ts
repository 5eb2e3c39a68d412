import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

const within = <T>(work: Promise<T>, ms = 5000): Promise<T | 'hung'> =>
  Promise.race([work, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms).unref())]);

// The open dialog (or a command line) can name anything: a FIFO blocked the read forever, and
// /dev/zero (whose size stat says is 0) was read towards 2 GiB of memory before failing.
describe.skipIf(process.platform === 'win32')('importing a session log from a pipe or a device', () => {
  const dir = tempDir();
  let core: TestCore;
  let fifo: string;
  beforeAll(async () => {
    core = await startTestCore(dir.path);
    fifo = join(dir.path, 'session.sextant.ndjson');
    execFileSync('mkfifo', [fifo]);
  }, 60_000);
  afterAll(async () => {
    await within(core.close());
    dir.remove();
  });

  it('is refused at once with an id and nothing written, and the next import still runs', async () => {
    const before = core.store.lastSeq();
    for (const path of [fifo, '/dev/zero']) {
      const result = await within(core.imports.importFromFile(() => Promise.resolve(path)));
      expect(result, path).not.toBe('hung');
      if (result === 'hung' || result.ok) throw new Error(`${path} was not refused`);
      expect(result.error.code).toBe('IMPORT_FOREIGN');
      expect(result.error.message).toContain('not a file');
      expect(result.error.id).not.toBe('');
    }
    expect(core.store.lastSeq()).toBe(before);
    const next = await within(core.imports.importText('not a log\n'));
    expect(next !== 'hung' && !next.ok && next.error.code).toBe('IMPORT_FOREIGN');
  });
});
