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

/** Exact module names go in `paths` (a bare `events` must not match `./contracts/events`); globs in `patterns`. */
function forbid(message, { names = [], globs = [] }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: names.map((name) => ({ name, message })),
        patterns: globs.length ? [{ group: globs, message }] : [],
      },
    ],
  };
}

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
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: forbid('src/shared is pure: no platform code (docs/contracts.md, layers).', {
      names: [...nodeBuiltins, 'electron', 'react', 'react-dom', ...native],
      globs: ['node:*', '@duckdb/*', 'react/*', 'react-dom/*', '**/main/**', '**/renderer/**', '**/preload/**'],
    }),
  },
  {
    files: ['src/main/**/*.{ts,tsx,mjs}'],
    ignores: ['src/main/electron/**'],
    rules: forbid('src/main imports Electron only in src/main/electron, and never the renderer or preload.', {
      names: ['electron', 'react', 'react-dom'],
      globs: ['electron/*', '**/renderer/**', '**/preload/**'],
    }),
  },
  {
    files: ['src/main/electron/**/*.ts'],
    rules: forbid('src/main never imports the renderer or preload.', { names: ['react', 'react-dom'], globs: ['**/renderer/**', '**/preload/**'] }),
  },
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
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: forbid('The renderer has no Node and no Electron: talk to main through SextantApi.', {
      names: [...nodeBuiltins, 'electron', ...native],
      globs: ['node:*', '@duckdb/*', 'electron/*', '**/main/**', '**/preload/**'],
    }),
  },
);
