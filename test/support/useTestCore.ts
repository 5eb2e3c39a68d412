import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { AppCoreOptions } from '../../src/main/core/appCoreOptions';
import { startTestCore, tempDir, type TestCore } from './testCore';

/**
 * A real core on its own temp data dir for a spec: started before each test (`each`) or once for
 * the describe block (`all`), closed and its dir removed afterwards. Register further setup after
 * calling it: vitest runs hooks in the order they were registered. `restart` closes the core and
 * starts a new one on the same data dir, as the app does across a restart.
 */
export function useTestCore(
  scope: 'each' | 'all' = 'each',
  options: Partial<AppCoreOptions> = {},
): { readonly core: () => TestCore; readonly dir: () => string; readonly restart: () => Promise<TestCore> } {
  let dir: ReturnType<typeof tempDir> | undefined;
  let core: TestCore | undefined;
  const [before, after] = scope === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    dir = tempDir();
    core = await startTestCore(dir.path, options);
  });
  after(async () => {
    await core?.close();
    dir?.remove();
    core = undefined;
  });
  return {
    core: () => core ?? failOutsideTest(),
    dir: () => dir?.path ?? failOutsideTest(),
    restart: async () => {
      const path = dir?.path ?? failOutsideTest();
      // Forgotten before it closes: a close or a start that fails is not closed again afterwards.
      const closing = core;
      core = undefined;
      await closing?.close();
      core = await startTestCore(path, options);
      return core;
    },
  };
}

function failOutsideTest(): never {
  throw new Error('useTestCore: the core exists only while a test runs');
}
