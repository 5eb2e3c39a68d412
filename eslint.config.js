// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './lint/layerImports.js';

/**
 * The layer table of docs/contracts.md, enforced. A forbidden import fails `npm run lint` (and `npm test`);
 * test/layers.int.spec.ts proves each rule still bites. `layers/imports` (lint/layerImports.js)
 * sees static and dynamic imports alike and matches a relative specifier by the repo path it
 * resolves to, without its extension (`src/main/streams/bus`), a bare one as written.
 */
const SOURCE = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Bare specifiers: exactly these names, or a subpath of them (`react/jsx-runtime`). */
const modules = (...names) => `^(?:${names.map(escape).join('|')})(?:/|$)`;
/** Resolved paths: inside one of these folders. */
const under = (...dirs) => `^(?:${dirs.map(escape).join('|')})/`;

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const NODE = `^node:|^(?:${nodeBuiltins.map(escape).join('|')})$`;
const native = ['better-sqlite3', 'ws', 'pino', 'sirv'];

/** One rule of the layer table: what may not be imported (bare `modules`, resolved `paths`: regex sources), and why. */
const rule = (message, { modules: m, paths, staticOnly } = {}) => ({ message, modules: m, paths, staticOnly });
const either = (...sources) => sources.filter(Boolean).join('|');
/** One `layers/imports` with all the rules a file gets (ESLint keeps only the last options a file matches). */
const forbid = (...rules) => ({ 'layers/imports': ['error', ...rules.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)))] });

const httpModules = `^(?:node:)?(?:http|https|http2|net|tls)$`;

// The rules inside src/main (docs/contracts.md, layers).
const NO_UI = rule('src/main never imports the renderer or preload.', { modules: modules('react', 'react-dom'), paths: under('src/renderer', 'src/preload') });
const NO_ELECTRON = rule('Only the Electron shell (src/main/electron) imports Electron.', { modules: modules('electron') });
const NO_SERVER = rule('Only the web host (src/main/webHost) serves: node:http, ws and sirv stay there (downloads use fetch).', {
  modules: either(httpModules, modules('ws', 'sirv')),
});
/** The WebSocket transport adapts the socket the web host hands it, so it knows `ws`, but serves nothing. */
const NO_SERVER_BUT_WS = rule('Only the web host (src/main/webHost) serves: node:http and sirv stay there.', { modules: either(httpModules, modules('sirv')) });
const NO_WORKER_MODULES = rule('Main-thread code never imports a *.worker module: that code runs on the DuckDB worker thread; reach it through the worker protocol.', {
  paths: String.raw`\.worker$`,
});
const ON_DEMAND = rule('Loaded with import() where it is needed, so a start does not pay for it: chartImage (Observable Plot and linkedom, ~0.5 s of CPU) and arrowImport.worker (apache-arrow, ~0.2 s).', {
  paths: String.raw`^src/main/(?:share/chartImage|catalog/arrowImport\.worker)$`,
  staticOnly: true,
});
const NO_HOSTS = rule('The two hosts (src/main/electron, src/main/webHost) start the core; nothing below them imports them.', {
  paths: under('src/main/electron', 'src/main/webHost'),
});
const STORE_BELOW = rule('The store knows nothing above it: it imports only src/shared, src/main/platform and itself.', {
  modules: modules('@duckdb'),
  paths: String.raw`^(?!(?:src/shared|src/main/platform|src/main/store)/)`,
});
const WORKER_ONLY = rule('Code on the DuckDB worker thread imports only *.worker modules, src/shared, workerProtocol and sql.', {
  modules: modules('better-sqlite3', 'pino'),
  paths: String.raw`^(?!src/shared/|src/main/query/(?:workerProtocol|sql)$|.*\.worker$)`,
});
/**
 * `*.unit.spec.ts` are pure (`npm run test:unit`): no files, processes, threads or native
 * bindings. Only the spec's own imports are checked: a module it imports that reaches for them is
 * not caught here.
 */
const PURE_UNIT = rule('A *.unit.spec.ts is pure: no files, processes, threads, SQLite or DuckDB. Name it *.int.spec.ts.', {
  modules: either(`^(?:node:)?(?:fs|fs/promises|child_process|worker_threads)$`, modules('better-sqlite3', '@duckdb')),
  paths: String.raw`^test/support/tempDir$`,
});

/**
 * The layers, by folder. Each folder's sources get every rule that applies to them in one config
 * object; in src/main its specs keep only the rules about what a process can load (they may start
 * servers and drive workers to test them). Unit specs are pure besides.
 */
const SHARED = rule('src/shared is pure: no platform code (docs/contracts.md, layers).', {
  modules: either(NODE, modules('electron', 'react', 'react-dom', 'linkedom', '@duckdb', ...native)),
  paths: under('src/main', 'src/renderer', 'src/preload'),
});
const RENDERER = rule('The renderer has no Node and no Electron: talk to main through SextantApi.', {
  modules: either(NODE, modules('electron', 'linkedom', '@duckdb', ...native)),
  paths: under('src/main', 'src/preload'),
});
const PRELOAD_NODE = rule('The sandboxed preload has no Node.', { modules: either(NODE, modules('@duckdb', ...native)) });
const PRELOAD_ONLY_SHARED = rule('The preload imports only src/shared.', { paths: under('src/main', 'src/renderer') });
const PRELOAD_ELECTRON = rule('The preload may use only contextBridge, ipcRenderer and webUtils of electron.', { modules: String.raw`^electron/` });
const inSpecs = new Set([NO_UI, NO_ELECTRON]);
const mainZones = [
  { files: 'src/main/**', ignores: ['src/main/{electron,webHost,transports,store}/**'], rules: [NO_UI, NO_ELECTRON, NO_SERVER, NO_WORKER_MODULES, ON_DEMAND, NO_HOSTS] },
  { files: 'src/main/electron/**', rules: [NO_UI, NO_SERVER, NO_WORKER_MODULES] },
  { files: 'src/main/webHost/**', rules: [NO_UI, NO_ELECTRON, NO_WORKER_MODULES] },
  { files: 'src/main/transports/**', rules: [NO_UI, NO_ELECTRON, NO_SERVER_BUT_WS, NO_WORKER_MODULES, NO_HOSTS] },
  { files: 'src/main/store/**', rules: [NO_UI, NO_ELECTRON, NO_SERVER, NO_WORKER_MODULES, STORE_BELOW] },
];
/** Outside src/main, specs keep every rule of their folder. */
const zones = [
  ...mainZones.map((z) => ({ ...z, specRules: z.rules.filter((r) => inSpecs.has(r)) })),
  { files: 'src/shared/**', rules: [SHARED] },
  { files: 'src/preload/**', rules: [PRELOAD_NODE, PRELOAD_ONLY_SHARED, PRELOAD_ELECTRON] },
  { files: 'src/renderer/**', rules: [RENDERER] },
  { files: 'test/**', rules: [] },
];
const layerBlocks = zones.flatMap(({ files, ignores = [], rules, specRules = rules }) => [
  ...(rules.length ? [{ files: [`${files}/*.${SOURCE}`], ignores: [...ignores, '**/*.spec.*'], rules: forbid(...rules) }] : []),
  ...(specRules.length ? [{ files: [`${files}/*.spec.${SOURCE}`], ignores, rules: forbid(...specRules) }] : []),
  { files: [`${files}/*.unit.spec.${SOURCE}`], ignores, rules: forbid(...specRules, PURE_UNIT) },
]);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['scripts/**/*.mjs', 'src/main/**/*.mjs', 'lint/**/*.js', '*.js'], languageOptions: { globals: globals.node } },
  {
    plugins: { layers },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // Observable Plot is allowed in src/shared: shared/chart/drawChart.ts draws into the document its
  // caller passes. Which document that is (the browser's, linkedom's in main) is the caller's business.
  ...layerBlocks,
  // Last, so it wins for worker files: the DuckDB worker thread (.worker.*) is a layer of its own.
  { files: [`src/main/**/*.worker.${SOURCE}`], rules: forbid(NO_UI, NO_ELECTRON, NO_SERVER, WORKER_ONLY, ON_DEMAND) },
  {
    files: [`src/preload/**/*.${SOURCE}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', allowImportNames: ['contextBridge', 'ipcRenderer', 'IpcRendererEvent', 'webUtils'], message: 'The preload may use only contextBridge, ipcRenderer and webUtils.' }],
        },
      ],
      // One sandboxed script: what it needs is bundled in, and import() would let electron in whole.
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'The sandboxed preload is one bundled script: no import().' }],
      // Electron's types bring Node's globals into any project that imports it, so the compiler
      // cannot refuse them here: this does.
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({ name, message: 'The sandboxed preload has no Node.' }))],
    },
  },
);
