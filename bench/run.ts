/**
 * `npm run bench [-- --json] [-- --filter <prefix>]`. Runs every `bench/*.bench.ts` (each exports
 * `benches: Bench[]`). Each benchmark compares Sextant against the raw library doing the same work in
 * the same run; see bench/harness.ts for the output contract.
 */
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Bench } from './harness';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, filter: { type: 'string' } } });

const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.bench.ts')).sort();
const benches: Bench[] = [];
for (const file of files) benches.push(...((await import(new URL(file, import.meta.url).href)) as { benches: Bench[] }).benches);

for (const bench of benches) {
  if (values.filter && !bench.name.startsWith(values.filter)) continue;
  const r = await bench.run();
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ name: r.name, unit: r.unit, value: r.value, baseline: r.baseline, ratio: r.ratio })}\n`);
  } else {
    const notes = r.notes ? `  ${Object.entries(r.notes).map(([k, v]) => `${k}=${v}`).join(' ')}` : '';
    process.stdout.write(`${r.name.padEnd(32)} ${String(r.value).padStart(10)} ${r.unit.padEnd(4)} baseline ${String(r.baseline).padStart(10)}  ratio ${r.ratio}${notes}\n`);
  }
}
