import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Real datasets shipped by the vega-datasets package, offered on first start. */
const SAMPLES = ['flights-3m.parquet', 'seattle-weather.csv', 'cars.json'] as const;

export function sampleDatasetPaths(): string[] {
  try {
    // The package exports only its JS entry (build/index.js); the data folder sits beside build/.
    const dir = join(dirname(createRequire(import.meta.url).resolve('vega-datasets')), '..', 'data');
    return SAMPLES.map((f) => join(dir, f)).filter((p) => existsSync(p));
  } catch {
    return []; // a build without the samples still starts
  }
}
