// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layer table of docs/contracts.md, enforced. A forbidden import fails `npm run lint` (and `npm test`);
 * test/layers.int.spec.ts proves each rule still bites.
 */
const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];
const native = ['better-sqlite3', 'ws', 'pino', 'sirv'];

/**
 * One rule of the layer table: what may not be imported, and why. Exact module names go in `names`
 * (a bare `events` must not match `./contracts/events`); globs in `globs`; `regex` for what globs
 * cannot say (an allow-list of relative imports).
 */
const rule = (message, { names = [], globs = [], regex } = {}) => ({ message, names, globs, regex });

/** Merges rules into one `no-restricted-imports` (ESLint keeps only the last options a file matches). */
function forbid(...rules) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: rules.flatMap(({ message, names }) => names.map((name) => ({ name, message }))),
        patterns: rules.flatMap(({ message, globs, regex }) => [
          ...(globs.length ? [{ group: globs, message }] : []),
          ...(regex ? [{ regex, message }] : []),
        ]),
      },
    ],
  };
}

const httpModules = ['http', 'https', 'http2', 'net', 'tls'].flatMap((m) => [m, `node:${m}`]);

// The rules inside src/main (docs/contracts.md, layers).
const NO_UI = rule('src/main never imports the renderer or preload.', { names: ['react', 'react-dom'], globs: ['**/renderer/**', '**/preload/**'] });
const NO_ELECTRON = rule('Only the Electron shell (src/main/electron) imports Electron.', { names: ['electron'], globs: ['electron/*'] });
const NO_SERVER = rule('Only the web host (src/main/webHost) serves: node:http, ws and sirv stay there (downloads use fetch).', {
  names: [...httpModules, 'ws', 'sirv'],
});
/** The WebSocket transport adapts the socket the web host hands it, so it knows `ws`, but serves nothing. */
const NO_SERVER_BUT_WS = rule('Only the web host (src/main/webHost) serves: node:http and sirv stay there.', { names: [...httpModules, 'sirv'] });
const NO_WORKER_MODULES = rule('Main-thread code never imports a *.worker module: that code runs on the DuckDB worker thread; reach it through the worker protocol.', {
  regex: String.raw`\.worker(\.ts)?$`,
});
const ON_DEMAND = rule('Loaded with import() where it is needed, so a start does not pay for it: chartImage (Observable Plot and linkedom, ~0.5 s of CPU) and arrowImport.worker (apache-arrow, ~0.2 s).', {
  regex: String.raw`/(chartImage|arrowImport\.worker)$`,
});
const NO_HOSTS = rule('The two hosts (src/main/electron, src/main/webHost) start the core; nothing below them imports them.', {
  regex: String.raw`^\.\.?/(.*/)?(electron|webHost)/`,
});
const STORE_BELOW = rule('The store knows nothing above it: it imports only src/shared, src/main/platform and itself.', {
  globs: ['@duckdb/*'],
  regex: String.raw`^(?!\./|\.\./platform/|(\.\./)+shared/)\.`,
});
const WORKER_ONLY = rule('Code on the DuckDB worker thread imports only *.worker modules, src/shared, workerProtocol and sql.', {
  names: ['better-sqlite3', 'pino'],
  regex: String.raw`^(?!.*(\.worker|/workerProtocol|/sql)$)(?!(\.\./)+shared/)\.`,
});

/**
 * src/main by folder. Each folder's files get every rule that applies to them in one config object;
 * its specs keep only the rules about what a process can load (they may start servers and drive
 * workers to test them).
 */
const mainZones = [
  { files: 'src/main/**', ignores: ['src/main/{electron,webHost,transports,store}/**'], rules: [NO_UI, NO_ELECTRON, NO_SERVER, NO_WORKER_MODULES, ON_DEMAND, NO_HOSTS] },
  { files: 'src/main/electron/**', rules: [NO_UI, NO_SERVER, NO_WORKER_MODULES] },
  { files: 'src/main/webHost/**', rules: [NO_UI, NO_ELECTRON, NO_WORKER_MODULES] },
  { files: 'src/main/transports/**', rules: [NO_UI, NO_ELECTRON, NO_SERVER_BUT_WS, NO_WORKER_MODULES, NO_HOSTS] },
  { files: 'src/main/store/**', rules: [NO_UI, NO_ELECTRON, NO_SERVER, NO_WORKER_MODULES, STORE_BELOW] },
];
const inSpecs = new Set([NO_UI, NO_ELECTRON]);
const mainLayers = mainZones.flatMap(({ files, ignores = [], rules }) => [
  { files: [`${files}/*.{ts,tsx,mjs}`], ignores: [...ignores, '**/*.spec.ts'], rules: forbid(...rules) },
  { files: [`${files}/*.spec.ts`], ignores, rules: forbid(...rules.filter((r) => inSpecs.has(r))) },
]);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['scripts/**/*.mjs', 'src/main/**/*.mjs', '*.js'], languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Observable Plot is allowed: shared/chart/drawChart.ts draws into the document its caller
    // passes. Which document that is (the browser's, linkedom's in main) is the caller's business.
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: forbid(
      rule('src/shared is pure: no platform code (docs/contracts.md, layers).', {
        names: [...nodeBuiltins, 'electron', 'react', 'react-dom', 'linkedom', ...native],
        globs: ['node:*', '@duckdb/*', 'react/*', 'react-dom/*', '**/main/**', '**/renderer/**', '**/preload/**'],
      }),
    ),
  },
  ...mainLayers,
  // Last, so it wins for worker files: the DuckDB worker thread (.worker.ts) is a layer of its own.
  { files: ['src/main/**/*.worker.ts'], rules: forbid(NO_UI, NO_ELECTRON, NO_SERVER, WORKER_ONLY, ON_DEMAND) },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowImportNames: ['contextBridge', 'ipcRenderer', 'IpcRendererEvent', 'webUtils'],
              message: 'The preload may use only contextBridge, ipcRenderer and webUtils.',
            },
            ...[...nodeBuiltins, ...native].map((name) => ({ name, message: 'The sandboxed preload has no Node.' })),
          ],
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'The preload imports only src/shared.' },
            { group: ['node:*', '@duckdb/*'], message: 'The sandboxed preload has no Node.' },
          ],
        },
      ],
      // Electron's types bring Node's globals into any project that imports it, so the compiler
      // cannot refuse them here: this does.
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({ name, message: 'The sandboxed preload has no Node.' }))],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: forbid(
      rule('The renderer has no Node and no Electron: talk to main through SextantApi.', {
        names: [...nodeBuiltins, 'electron', 'linkedom', ...native],
        globs: ['node:*', '@duckdb/*', 'electron/*', '**/main/**', '**/preload/**'],
      }),
    ),
  },
);
