import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Specs share one module graph per worker (no isolation): importing DuckDB, SQLite and the core
 * again for each of ~150 integration files took 148 s of a 396 s run. A spec that replaces a module
 * with `vi.mock` changes that graph for whoever shares it, so those few (found here, not listed)
 * run isolated. Integration specs start cores, workers and processes and close them themselves.
 */
const specs = ['src', 'test'].flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`)).filter((f) => f.endsWith('.spec.ts'));
const mocking = specs.filter((f) => /\bvi\.mock\(/.test(readFileSync(f, 'utf8')));
const isUnit = (f: string) => f.endsWith('.unit.spec.ts');

/**
 * Unit specs are pure: the lint rule checks what a spec imports itself, and here what it loads
 * through other modules cannot reach a native binding either (test/support/nativeInUnitSpec.ts).
 */
const unit = {
  extends: true,
  resolve: { alias: Object.fromEntries(['better-sqlite3', '@duckdb/node-api'].map((m) => [m, resolve('test/support/nativeInUnitSpec.ts')])) },
} as const;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Vitest's default, one worker fewer than the cores, is one on a 2-core machine: integration
    // specs wait on DuckDB, processes and the disk much of the time, so two files at once took the
    // whole run from 570 to 396 s here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 30_000,
    isolate: false,
    projects: [
      { ...unit, test: { name: 'unit', include: ['{src,test}/**/*.unit.spec.ts'], exclude: mocking } },
      // `npm run test:unit` runs both unit projects: a mocking unit spec is still a unit spec
      { ...unit, test: { name: 'unit-isolated', include: mocking.filter(isUnit), isolate: true } },
      // a spec named neither way runs with the integration specs, behind the global setup that bundles the DuckDB worker
      { extends: true, test: { name: 'int', include: ['{src,test}/**/*.spec.ts'], exclude: ['**/*.unit.spec.ts', '**/node_modules/**', ...mocking], globalSetup: ['test/support/bundleTestWorker.ts'] } },
      { extends: true, test: { name: 'isolated', include: mocking.filter((f) => !isUnit(f)), isolate: true, globalSetup: ['test/support/bundleTestWorker.ts'] } },
    ],
  },
});
