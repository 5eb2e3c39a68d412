import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import viteConfig from '../../electron.vite.config';
import { SAMPLE_FILES } from '../../src/main/catalog/sampleDatasets';
import { builderFilter, checkBuilderMetadata, loadBuilderConfig, validateBuilderConfig } from './electronBuilderInternals';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  desktopName: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};

/** `files` as electron-builder normalises it: one file set whose filter is the pattern list. */
function filePatterns(config: Configuration): string[] {
  const sets = Array.isArray(config.files) ? config.files : [config.files];
  return sets.flatMap((s) => (typeof s === 'string' ? [s] : (s?.filter ?? []))).flat();
}
const asList = (v: string | string[] | null | undefined): string[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
const targetNames = (t: unknown): string[] => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));

/** Every file a production dependency installs (package-lock entries not marked dev). */
function productionFiles(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(join(dir, e.name))) : [join(dir, e.name)]));
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true && existsSync(join(ROOT, path)))
    .flatMap(([path]) => walk(join(ROOT, path)));
}

describe('electron-builder configuration', () => {
  let config: Configuration;
  beforeAll(async () => {
    config = await loadBuilderConfig(ROOT);
  });

  it('passes electron-builder’s own checks: its scheme.json and its package.json rules', async () => {
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
    await expect(checkBuilderMetadata(join(ROOT, 'package.json'))).resolves.toBeUndefined();
  });

  it('the schema check bites: a misspelt or mistyped option is refused with its path', async () => {
    await expect(validateBuilderConfig({ ...config, asarUnpak: ['**/*.node'] } as Configuration)).rejects.toThrow(/Invalid configuration object[\s\S]*asarUnpak/);
    await expect(validateBuilderConfig({ ...config, linux: { ...config.linux, targett: 'deb' } as Configuration['linux'] })).rejects.toThrow(/Invalid configuration object[\s\S]*configuration\.linux /);
    await expect(validateBuilderConfig({ ...config, asar: 'yes' as unknown as boolean })).rejects.toThrow(/Invalid configuration object[\s\S]*asar/);
  });

  it('names the app and builds AppImage + deb, dmg and nsis', () => {
    expect(config.productName).toBe('Sextant');
    expect(config.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(config.linux?.category).toBe('Development');
    expect([pkg.desktopName, config.linux?.syncDesktopName]).toEqual(['sextant.desktop', true]);
    // deb needs a maintainer and a homepage, or fpm refuses to build it.
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('the icon is a PNG of at least 512×512 (what electron-builder needs to make .icns and .ico)', () => {
    for (const icon of new Set([config.linux?.icon, config.mac?.icon, config.win?.icon])) {
      const png = readFileSync(join(ROOT, String(icon)));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(Math.min(png.readUInt32BE(16), png.readUInt32BE(20))).toBeGreaterThanOrEqual(512);
    }
  });

  it('packs the electron-vite output and package.json, never sources, tests or configs', () => {
    const included = builderFilter(ROOT, filePatterns(config));
    const sees = (path: string) => included(join(ROOT, path), statSync(join(ROOT, path)));
    expect(sees('package.json')).toBe(true);
    for (const path of ['src/main/core/appCore.ts', 'src/renderer/index.html', 'test/packaging/electronBuilderConfig.int.spec.ts', 'e2e/faultHost.ts', 'docs/store.md', 'bench', 'scripts/serve.mjs', 'electron-builder.yml', 'tsconfig.json', 'build/icon.png']) {
      expect(sees(path), path).toBe(false);
    }
    // out/ may not be built in this checkout: match the names electron-vite writes.
    const fake = statSync(join(ROOT, 'package.json'));
    for (const path of ['out/main/index.js', 'out/main/duckdbWorker.js', 'out/preload/index.cjs', 'out/renderer/index.html']) expect(included(join(ROOT, path), fake), path).toBe(true);
    expect(included(join(ROOT, 'out/main/index.js.map'), fake)).toBe(false);
  });

  it('ships exactly the sample datasets the app offers out of vega-datasets', () => {
    // electron-builder copies a dependency's files that pass the `files` list after everything is included.
    const kept = builderFilter(ROOT, ['**/*', ...filePatterns(config)]);
    const data = join(ROOT, 'node_modules/vega-datasets/data');
    const shipped = readdirSync(data).filter((f) => kept(join(data, f), statSync(join(data, f))));
    expect(shipped.sort()).toEqual([...SAMPLE_FILES].sort());
  });

  it('uses asar and unpacks every native file of a production dependency, and the sample data', () => {
    expect(config.asar).toBe(true);
    const packed = builderFilter(ROOT, ['**/*', ...filePatterns(config)]);
    const unpacked = builderFilter(ROOT, asList(config.asarUnpack));
    const natives = productionFiles().filter((f) => /\.(node|so|dylib|dll)$/.test(f) && packed(f, statSync(f)));
    const names = natives.map((f) => relative(ROOT, f));
    // Not vacuous: the two engines' addons and DuckDB's shared library are among them.
    expect(names).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/build/Release/better_sqlite3.node', expect.stringMatching(/^node_modules\/@duckdb\/node-bindings-[^/]+\/duckdb\.node$/), expect.stringMatching(/^node_modules\/@duckdb\/node-bindings-[^/]+\/libduckdb\.(so|dylib)$/)]));
    expect(natives.filter((f) => !unpacked(f, statSync(f))).map((f) => relative(ROOT, f))).toEqual([]);
    for (const f of SAMPLE_FILES) {
      const path = join(ROOT, 'node_modules/vega-datasets/data', f);
      expect(unpacked(path, statSync(path)), f).toBe(true);
    }
  });

  it('starts the app from the main bundle electron-vite builds', () => {
    const main = (config.extraMetadata as { main?: string } | undefined)?.main ?? pkg.main;
    expect(main).toBe('out/main/index.js');
    const input = (viteConfig as { main?: { build?: { rollupOptions?: { input?: Record<string, string> } } } }).main?.build?.rollupOptions?.input;
    expect(input?.['index']).toBe(resolve(ROOT, 'src/main/electron/main.ts'));
  });

  it('keeps runtime modules in dependencies and build tools in devDependencies; npm ci rebuilds nothing for Electron', () => {
    for (const name of ['better-sqlite3', '@duckdb/node-api', 'vega-datasets']) expect(pkg.dependencies, name).toHaveProperty([name]);
    for (const name of ['electron', 'electron-builder', 'electron-vite']) {
      expect(pkg.devDependencies, name).toHaveProperty([name]);
      expect(pkg.dependencies, name).not.toHaveProperty([name]);
    }
    // electron-builder install-app-deps in an install hook would rebuild natives for Electron on
    // every `npm ci` (needing headers and network); the rebuild belongs to `npm run dist`.
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook] ?? '', hook).not.toMatch(/electron-builder|electron-rebuild/);
    expect(config.npmRebuild).not.toBe(false);
    expect(pkg.scripts['dist']).toMatch(/^npm run build && electron-builder\b/);
  });
});
