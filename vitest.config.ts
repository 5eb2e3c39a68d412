import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    globalSetup: ['test/support/bundleTestWorker.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
