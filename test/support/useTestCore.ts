import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { AppCoreOptions } from '../../src/main/core/appCoreOptions';
import { startTestCore, tempDir, type TestCore } from './testCore';

/**
 * A real core on its own temp data dir for a spec: started before each test (`each`) or once for
 * the describe block (`all`), closed and its dir removed afterwards. Register further setup after
 * calling it: vitest runs hooks in the order they were registered.
 */
export function useTestCore(scope: 'each' | 'all' = 'each', options: Partial<AppCoreOptions> = {}): { readonly core: () => TestCore; readonly dir: () => string } {
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
  };
}

function failOutsideTest(): never {
  throw new Error('useTestCore: the core exists only while a test runs');
}
