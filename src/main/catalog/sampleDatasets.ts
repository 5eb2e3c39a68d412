import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
