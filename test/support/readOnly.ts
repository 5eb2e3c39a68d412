import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';

/**
 * `dir` made read-only: a read-only bind mount of itself where this user may mount (root, where
 * chmod does not bind), else chmod 0555 (a non-root user). Undefined where neither binds.
 */
export function readOnly(dir: string): { undo(): void } | undefined {
  if (process.platform === 'win32') return undefined;
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    return { undo: () => chmodSync(dir, 0o755) };
  }
  if (spawnSync('mount', ['--bind', dir, dir]).status !== 0) return undefined;
  if (spawnSync('mount', ['-o', 'remount,bind,ro', dir]).status !== 0) {
    spawnSync('umount', [dir]);
    return undefined;
  }
  return { undo: () => void spawnSync('umount', [dir]) };
}
