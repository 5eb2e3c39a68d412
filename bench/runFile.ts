/**
 * Runs the benchmarks of one `bench/*.bench.ts` file in this process and prints each result as one
 * `RESULT_PREFIX` line on stdout (a failure as its name), for bench/run.ts, which starts one such
 * process per file: `tsx bench/runFile.ts <file> [--filter <prefix>]`.
 */
import { parseArgs } from 'node:util';
import { RESULT_PREFIX, type Bench, type FileOutcome } from './harness';

const { values, positionals } = parseArgs({ options: { filter: { type: 'string' } }, allowPositionals: true });
const [file] = positionals;
if (file === undefined) throw new Error('usage: runFile.ts <file> [--filter <prefix>]');
const { benches } = (await import(new URL(file, import.meta.url).href)) as { benches: Bench[] };
const report = (outcome: FileOutcome) => process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(outcome)}\n`);
for (const bench of benches) {
  if (values.filter && !bench.name.startsWith(values.filter)) continue;
  const started = performance.now();
  try {
    report({ result: await bench.run() });
    // on stderr, so stdout stays the results: where a run's 25 minutes go
    process.stderr.write(`${bench.name} took ${Math.round((performance.now() - started) / 1000)} s\n`);
  } catch (e) {
    // One broken benchmark must not cost the figures of a 20-minute run: report it and go on.
    process.stderr.write(`${bench.name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    report({ failed: bench.name });
  }
}
// A benchmark may leave a handle open (a DuckDB instance, a timer): its file's figures are in.
process.exit(0);
