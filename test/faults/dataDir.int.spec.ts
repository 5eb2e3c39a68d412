import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppErrorException } from '../../src/shared/contracts/errors';
import { AppCore } from '../../src/main/core/appCore';
import { tempDir, workerFromSource } from '../support/testCore';

describe('a data folder that cannot be used', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('is refused at start with a message that names it and an error id, not a bare file-system error', async () => {
    writeFileSync(join(dir.path, 'a-file'), 'not a folder');
    const dataDir = join(dir.path, 'a-file', 'sextant');
    // No logger given: the core makes its own in the data folder, as the web host's does.
    const refused = await AppCore.start({ dataDir, ...workerFromSource, samples: [] }).then(
      async (core) => {
        await core.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppErrorException);
    const { error } = refused as AppErrorException;
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain(dataDir);
    expect(error.message).toMatch(/not a directory/);
  });
});
