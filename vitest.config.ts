import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two projects, as the file names say. Unit specs are pure, so they share one module graph per
 * worker (no isolation: 100 files in ~6 s instead of ~36 s); integration specs start cores, workers
 * and processes, each file in its own, behind the global setup that bundles the DuckDB worker.
 * A spec named neither way runs with the integration specs: isolated is the safe default.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Vitest's default, one worker fewer than the cores, is one on a 2-core machine: integration
    // specs wait on DuckDB, processes and the disk much of the time, so two files at once took the
    // whole run from 570 to 396 s here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['{src,test}/**/*.unit.spec.ts'], isolate: false } },
      {
        extends: true,
        test: { name: 'int', include: ['{src,test}/**/*.spec.ts'], exclude: ['**/*.unit.spec.ts', '**/node_modules/**'], globalSetup: ['test/support/bundleTestWorker.ts'] },
      },
    ],
  },
});
