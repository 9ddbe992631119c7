import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'rules/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // Rule test modules (rules/*.test.ts) register their test groups through vitest's globals.
    globals: true,
  },
});
