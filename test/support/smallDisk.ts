import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real small file system: a tmpfs of `size` (tmpfs's own units: `64k`, `16m`) mounted on a new temp
 * folder, for tests of a full disk (ENOSPC). Undefined where this user may not mount one (not root, or no tmpfs).
 */
export function smallDisk(size: `${number}${'k' | 'm'}`): { readonly dir: string; undo(): void } | undefined {
  if (process.platform !== 'linux') return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'sextant-small-disk-'));
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    undo: () => {
      // Lazy: DuckDB may hold its files a moment after its instance is closed.
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
