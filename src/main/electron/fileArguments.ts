import { formatOf, isUrl } from '../../shared/domain/datasetName';
import { sourceOf } from '../core/openFiles';

/**
 * The files a launch asks Sextant to open, from its command line (`sextant trips.parquet`, or the
 * argv a second instance hands over). Electron's argv also holds the executable, in development the
 * app's entry script, and Chromium's switches: only arguments that name a dataset by its extension
 * or an http(s) URL count, resolved against the folder the launch came from.
 */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((a) => !a.startsWith('-'))
    .filter((a) => isUrl(a) || formatOf(a) !== undefined)
    .map((a) => sourceOf(a, cwd));
}

/**
 * Files handed over before the core can open them (macOS sends `open-file` before `ready`; a second
 * instance may launch while the first still starts) wait here, in order, and are opened once it can.
 */
export class FileHandOver {
  private waiting: string[] = [];
  private open: ((paths: readonly string[]) => void) | undefined;

  /** Files to open: now if the core is ready, else once it is. */
  offer(paths: readonly string[]): void {
    if (paths.length === 0) return;
    if (this.open) this.open(paths);
    else this.waiting.push(...paths);
  }

  /** The core is ready: what waited opens now, and later offers go straight through. */
  ready(open: (paths: readonly string[]) => void): void {
    this.open = open;
    const waiting = this.waiting;
    this.waiting = [];
    if (waiting.length > 0) open(waiting);
  }
}
