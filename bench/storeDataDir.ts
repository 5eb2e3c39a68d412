import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test/support/testCore';

/**
 * A temp folder holding a data dir for a core to start on, whose event store the bench fills
 * beforehand at `storePath` (the file the core opens); `root` has room beside it for a baseline's
 * copies. `remove` deletes the lot.
 */
export function storeDataDir(prefix = 'sextant-bench-'): { readonly root: string; readonly dataDir: string; readonly storePath: string; remove(): void } {
  const dir = tempDir(prefix);
  const dataDir = join(dir.path, 'data');
  mkdirSync(dataDir);
  return { root: dir.path, dataDir, storePath: join(dataDir, 'events.sqlite'), remove: () => dir.remove() };
}
