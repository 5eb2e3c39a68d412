import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

/** Packages with a native part: imported where they are installed, never bundled. */
const NATIVE = ['@duckdb/node-api', 'better-sqlite3'];

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled test worker entry (duckdbTestWorker.ts), which every core of a test run starts. */
    duckdbTestWorker: string;
    /** The bundled store child (storeChild.ts), which the store's crash and lock tests spawn. */
    storeChild: string;
  }
}

/**
 * Vitest's global setup: bundles the DuckDB worker (with the test faults) and the store child from
 * source, one file each, once a run and again on each watch-mode rerun. Every test core starts a
 * worker thread, and the crash test a store child per kill; loading one plain file is about twice
 * as fast as tsx transforming their modules in each new thread or process, and a run starts
 * hundreds. Native packages stay external, imported by their absolute path so the bundles may live
 * in a temp dir.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const require = createRequire(import.meta.url);
  const outDir = mkdtempSync(join(tmpdir(), 'sextant-test-worker-'));
  const bundle = async (): Promise<void> => {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: fileURLToPath(new URL('../..', import.meta.url)),
      build: {
        ssr: true,
        outDir,
        emptyOutDir: false,
        minify: false,
        target: 'node20',
        rolldownOptions: {
          input: {
            duckdbTestWorker: fileURLToPath(new URL('./duckdbTestWorker.ts', import.meta.url)),
            storeChild: fileURLToPath(new URL('./storeChild.ts', import.meta.url)),
          },
          external: [...NATIVE],
          output: { format: 'es', entryFileNames: '[name].mjs', paths: (id) => (NATIVE.includes(id) ? pathToFileURL(require.resolve(id)).href : id) },
        },
      },
      ssr: { noExternal: true },
    });
  };
  await bundle();
  project.provide('duckdbTestWorker', join(outDir, 'duckdbTestWorker.mjs'));
  project.provide('storeChild', join(outDir, 'storeChild.mjs'));
  project.onTestsRerun(bundle);
  return () => rmSync(outDir, { recursive: true, force: true });
}
