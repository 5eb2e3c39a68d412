import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isNotWritableCode, writeRefusal } from './dataDir';

/** The log's files: `sextant.log` is written; `sextant.1.log` is the previous one, and so on. */
export const LOG_FILE = 'sextant.log';

export const logDir = (dataDir: string): string => join(dataDir, 'logs');

/** The live file first, then the rotated ones from newest to oldest (only those that exist). */
export function logFiles(dir: string, keep: number): string[] {
  const all = [join(dir, LOG_FILE), ...Array.from({ length: keep }, (_, i) => join(dir, `sextant.${i + 1}.log`))];
  return all.filter((f) => existsSync(f));
}

export const fileSize = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

/**
 * Shifts the files one place: the oldest kept one is deleted, `sextant.N.log` becomes N+1, and the
 * live file becomes `sextant.1.log`. Renames only, so an open descriptor keeps writing into what is
 * now `sextant.1.log` until it is reopened, and no line is lost.
 */
export function rotateLogFiles(dir: string, keep: number): void {
  const rotated = (i: number) => join(dir, `sextant.${i}.log`);
  rmSync(rotated(keep), { force: true });
  for (let i = keep - 1; i >= 1; i--) if (existsSync(rotated(i))) renameSync(rotated(i), rotated(i + 1));
  if (existsSync(join(dir, LOG_FILE))) renameSync(join(dir, LOG_FILE), rotated(1));
}

/**
 * Makes the log's folder and opens its live file for appending, as the logger will: answers why
 * that cannot be, in words naming the path (a `logs` that is a file, a read-only folder…), or
 * undefined when it can. Node's recursive mkdir on a read-only mount says ENOENT, hiding EROFS,
 * so the nearest existing folder is asked too.
 */
export function logFileProblem(dir: string): string | undefined {
  const file = join(dir, LOG_FILE);
  try {
    mkdirSync(dir, { recursive: true });
    closeSync(openSync(file, 'a'));
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') return `${dir} is not a folder`;
    if (code === 'EISDIR') return `${file} is a folder`;
    const refused = isNotWritableCode(code) ? code : writeRefusal(dir);
    // the folder when it is the one refused, else the file in it (left read-only, say)
    if (refused !== undefined && isNotWritableCode(refused)) return `${writeRefusal(dir) === undefined ? file : dir} is on a read-only file system or not writable (${refused})`;
    return e instanceof Error ? e.message : String(e);
  }
}
