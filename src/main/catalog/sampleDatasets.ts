import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

/** Real datasets shipped by the vega-datasets package, offered on first start. */
export const SAMPLE_FILES = ['flights-3m.parquet', 'seattle-weather.csv', 'cars.json'] as const;

/** Where vega-datasets keeps its data: the package exports only its JS entry (build/index.js); data/ sits beside build/. */
function vegaDataDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('vega-datasets')), '..', 'data');
}

/**
 * In a packaged app, module resolution answers with paths inside `resources/app.asar`, which only
 * Electron's patched `fs` can read; DuckDB opens files natively and needs the real copy that
 * electron-builder's asarUnpack leaves in `app.asar.unpacked`. Outside an archive the path is unchanged.
 */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/][^\\/]+\.asar)(?=[\\/])/, '$1.unpacked');
}

export function sampleDatasetPaths(dataDir?: string): string[] {
  try {
    const dir = outsideAsar(dataDir ?? vegaDataDir());
    return SAMPLE_FILES.map((f) => join(dir, f)).filter((p) => existsSync(p));
  } catch {
    return []; // a build without the samples still starts
  }
}

/**
 * A sample's path as an earlier start recorded it, when the install has moved since: an AppImage
 * mounts at a new /tmp/.mount_* on every launch, and macOS may run an app from a randomised
 * translocation folder. The same sample where this install keeps it, or undefined when the recorded
 * file still exists or is not one of our samples.
 */
export function relocatedSample(recorded: string, current: readonly string[] = sampleDatasetPaths()): string | undefined {
  const [file, data, pkg] = recorded.split(/[\\/]/).reverse();
  if (data !== 'data' || pkg !== 'vega-datasets' || existsSync(recorded)) return undefined;
  return current.find((p) => basename(p) === file);
}
