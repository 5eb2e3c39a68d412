import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { withCspMetaTag } from './src/main/security/contentSecurityPolicy';

/** Writes the one Content-Security-Policy into the built index.html (not in dev: Vite's dev client runs inline script). */
const contentSecurityPolicy = (): Plugin => ({ name: 'sextant-csp', apply: 'build', transformIndexHtml: { order: 'pre', handler: withCspMetaTag } });

// Three main-process entries share one bundle graph: the Electron shell, the plain-Node web host,
// and the DuckDB worker thread. All three land in out/main so they can find each other by name.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/electron/main.ts'),
          serve: resolve('src/main/webHost/serve.ts'),
          duckdbWorker: resolve('src/main/query/duckdb.worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload is one CommonJS file that may require only 'electron': bundle everything
      // else in (scripts/checkPreloadBundle.mjs fails the build if anything stays external).
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        external: ['electron'],
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react(), contentSecurityPolicy()],
    build: {
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
