import { afterEach, beforeEach } from 'vitest';
import { tempDir } from './testCore';

/** What a test opens on a data dir: a core, a QueryWorker. */
interface Closable {
  close(): Promise<void>;
}

/**
 * A temp data dir of its own for each test, for specs whose tests open things on it themselves
 * (useTestCore starts a core for you, and restarts it on the same dir). What the test `keep`s open on it is
 * closed after the test, then the dir is removed. Register further setup after calling it: vitest
 * runs hooks in the order they were registered.
 */
export function useTempDataDir<T extends Closable>(): {
  /** The test's dir. */
  readonly path: () => string;
  /** Closed after the test, in place of what was kept before (which the test has closed itself); returns `opened`. */
  readonly keep: <U extends T>(opened: U) => U;
  /** The test has closed what it kept: nothing is left to close. */
  readonly closed: () => void;
} {
  let dir: ReturnType<typeof tempDir> | undefined;
  let open: T | undefined;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await open?.close();
    open = undefined;
    dir?.remove();
    dir = undefined;
  });
  return {
    path: () => dir?.path ?? failOutsideTest(),
    keep: (opened) => (open = opened),
    closed: () => (open = undefined),
  };
}

function failOutsideTest(): never {
  throw new Error('useTempDataDir: the dir exists only while a test runs');
}
