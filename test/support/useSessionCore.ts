import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openSession } from './coreEvents';
import { startTestCore, tempDir, type TestCore } from './testCore';

/**
 * A real core started once for the describe block, with a session open, and a folder beside its
 * data dir for the spec's own files (`file`): what specs of datasets over real files share.
 */
export function useSessionCore(prefix: string): { readonly core: () => TestCore; readonly sessionId: () => string; readonly file: (name: string, content: string | Buffer) => string } {
  const dir = tempDir(prefix);
  let core: TestCore | undefined;
  let sessionId: string | undefined;
  beforeAll(async () => {
    core = await startTestCore(join(dir.path, 'data'));
    sessionId = await openSession(core);
  }, 60_000);
  afterAll(async () => {
    await core?.close();
    dir.remove();
  });
  return {
    core: () => core ?? outside(),
    sessionId: () => sessionId ?? outside(),
    file: (name, content) => {
      const path = join(dir.path, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

function outside(): never {
  throw new Error('useSessionCore: the core exists only while the describe block runs');
}
