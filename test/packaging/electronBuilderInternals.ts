import type { Stats } from 'node:fs';
import { createRequire } from 'node:module';
import type { Configuration } from 'electron-builder';

/**
 * The functions electron-builder itself runs on a configuration before packaging
 * (app-builder-lib's Packager.validateConfig), loaded from the installed electron-builder so a test
 * checks exactly what `npm run dist` would. Typed here because app-builder-lib ships them untyped-deep.
 */
interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Configuration | null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
}
interface PackageMetadataModule {
  readPackageJson(file: string): Promise<Record<string, unknown>>;
  checkMetadata(metadata: Record<string, unknown>, devMetadata: Record<string, unknown>, appPackageFile: string, devPackageFile: string): void;
}
type Filter = (file: string, stat: Stats) => boolean;
interface FileMatcherModule {
  FileMatcher: new (from: string, to: string, macroExpander: (s: string) => string, patterns: string[]) => { createFilter(): Filter };
}

const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const load = <T>(id: string): T => fromBuilder(`app-builder-lib/out/${id}`) as T;

const config = load<ConfigModule>('util/config/config');
const metadata = load<PackageMetadataModule>('util/packageMetadata');
const { FileMatcher } = load<FileMatcherModule>('fileMatcher');

/** electron-builder.yml (or whatever electron-builder would pick up) as electron-builder loads it. */
export const loadBuilderConfig = (projectDir: string): Promise<Configuration> => config.getConfig(projectDir, null, null);

/** Throws electron-builder's own "Invalid configuration object" error for what its scheme.json rejects. */
export const validateBuilderConfig = (c: Configuration): Promise<void> => config.validateConfiguration(c, { isEnabled: false, add: () => undefined });

/** The package.json checks electron-builder makes before packaging (name, version, electron only in devDependencies…). */
export async function checkBuilderMetadata(packageJson: string): Promise<void> {
  const pkg = await metadata.readPackageJson(packageJson);
  metadata.checkMetadata(pkg, pkg, packageJson, packageJson);
}

/** electron-builder's matcher for a list of `files` / `asarUnpack` patterns, relative to `projectDir`. */
export function builderFilter(projectDir: string, patterns: string[]): Filter {
  return new FileMatcher(projectDir, projectDir, (s) => s, patterns).createFilter();
}
