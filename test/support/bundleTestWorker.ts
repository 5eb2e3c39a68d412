import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled test worker entry (duckdbTestWorker.ts), which every core of a test run starts. */
    duckdbTestWorker: string;
  }
}

/**
 * Vitest's global setup: bundles the DuckDB worker (with the test faults) from source into one
 * file, once a run and again on each watch-mode rerun. Every test core starts a worker thread;
 * loading one plain file is about twice as fast as tsx transforming the worker's modules in each
 * new thread, and a test run starts hundreds. DuckDB's package stays external (it is native),
 * imported by its absolute path so the bundle may live in a temp dir.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const duckdbApi = pathToFileURL(createRequire(import.meta.url).resolve('@duckdb/node-api')).href;
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
          input: { duckdbTestWorker: fileURLToPath(new URL('./duckdbTestWorker.ts', import.meta.url)) },
          external: ['@duckdb/node-api'],
          output: { format: 'es', entryFileNames: '[name].mjs', paths: { '@duckdb/node-api': duckdbApi } },
        },
      },
      ssr: { noExternal: true },
    });
  };
  await bundle();
  project.provide('duckdbTestWorker', join(outDir, 'duckdbTestWorker.mjs'));
  project.onTestsRerun(bundle);
  return () => rmSync(outDir, { recursive: true, force: true });
}
