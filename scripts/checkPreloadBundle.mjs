/**
 * Fails the build when the preload bundle would not load in a sandboxed renderer: a sandboxed
 * preload cannot load modules, so out/preload/index.cjs must be one CommonJS file whose only
 * require is 'electron', with no import statements left in it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const file = resolve(process.argv[2] ?? 'out/preload/index.cjs');
const text = readFileSync(file, 'utf8');
const required = [...text.matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((m) => m[2]);
const imports = [...text.matchAll(/^\s*import\s[^;]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
const problems = [
  ...required.filter((name) => name !== 'electron').map((name) => `requires '${name}'`),
  ...imports.map((name) => `imports '${name}'`),
  ...(/ZodError|\$ZodType|\b_zod\b/.test(text) ? ['contains zod (the schemas belong in main, not the preload)'] : []),
];
if (problems.length > 0) {
  console.error(`${file} cannot run as a sandboxed preload: ${problems.join('; ')}.`);
  process.exit(1);
}
console.log(`${file}: one CommonJS file, requires only ${[...new Set(required)].join(', ') || 'nothing'} (${text.length} characters).`);
