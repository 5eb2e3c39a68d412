import { spawnSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';

/**
 * `path` (a folder or a file) made read-only: a read-only bind mount of itself where this user may
 * mount (root, where chmod does not bind), else chmod 0555 / 0444 (a non-root user). Undefined where
 * neither binds.
 */
export function readOnly(path: string): { undo(): void } | undefined {
  if (process.platform === 'win32') return undefined;
  if (process.getuid?.() !== 0) {
    const mode = statSync(path).mode & 0o777;
    chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
    return { undo: () => chmodSync(path, mode) };
  }
  if (spawnSync('mount', ['--bind', path, path]).status !== 0) return undefined;
  if (spawnSync('mount', ['-o', 'remount,bind,ro', path]).status !== 0) {
    spawnSync('umount', [path]);
    return undefined;
  }
  return { undo: () => void spawnSync('umount', [path]) };
}
