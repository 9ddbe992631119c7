import { defineConfig } from 'vitest/config';

/**
 * `npm run test:e2e`: the end-to-end suite through the real Prometheus, Alertmanager and node_exporter
 * (test/e2e/*.e2e.ts). Kept out of `npm test`, whose include does not match these files: it starts daemons
 * and takes about a minute.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    // The tests of a file share one stack and run in order.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    globals: true,
  },
});
