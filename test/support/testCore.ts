import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { AppCore } from '../../src/main/core/appCore';
import type { CoreParts } from '../../src/main/core/coreParts';
import type { AppCoreOptions } from '../../src/main/core/appCoreOptions';
import { silentLogger } from '../../src/main/platform/logger';

/**
 * The DuckDB worker from source, with the test faults: under vitest the bundle its global setup made
 * (bundleTestWorker.ts); elsewhere (the bench) the source under tsx, transformed in each thread.
 */
export const workerFromSource = {
  get workerPath(): string {
    return process.env['VITEST'] ? inject('duckdbTestWorker') : fileURLToPath(new URL('./duckdbWorkerFromSource.mjs', import.meta.url));
  },
} as const;

export { tempDir } from './tempDir';

/** AppCore's front plus the collaborators behind it, which tests drive and inspect directly. */
export type TestCore = Pick<AppCore, 'dataDir' | 'log' | 'dispatch' | 'connect' | 'view' | 'onEvent' | 'diagnostics' | 'openFiles' | 'whenReady' | 'close'> & CoreParts;

/**
 * A real core on a temp data dir: real SQLite file, real DuckDB workers. It resolves once DuckDB's
 * side is up too (what most tests drive), unless `untilReady` is false: then as soon as the core
 * serves, as a window sees it.
 */
export async function startTestCore(dataDir: string, { untilReady = true, ...options }: Partial<AppCoreOptions> & { untilReady?: boolean } = {}): Promise<TestCore> {
  const { core, parts } = await AppCore.startWithParts({ dataDir, ...workerFromSource, samples: [], log: silentLogger(), memoryLimit: '1GB', ...options });
  if (untilReady) await core.whenReady();
  return {
    ...parts,
    dataDir: core.dataDir,
    log: core.log,
    dispatch: (command, issuedBy) => core.dispatch(command, issuedBy),
    connect: (channel, host) => core.connect(channel, host),
    view: () => core.view(),
    onEvent: (listener) => core.onEvent(listener),
    diagnostics: (versions) => core.diagnostics(versions),
    openFiles: (paths) => core.openFiles(paths),
    whenReady: () => core.whenReady(),
    close: () => core.close(),
  };
}

/**
 * A stand-in for the built renderer (out/renderer) inside `dir`, for the web host and the app://
 * protocol to serve: an index.html, and a file beside the folder that neither may ever serve.
 */
export function fakeRenderer(dir: string): string {
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Sextant</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the static folder');
  return root;
}
