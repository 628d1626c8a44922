import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources; the built dist is what users and the e2e test run.
    alias: [
      { find: /^@baton\/core\/testing$/, replacement: src('./packages/core/src/testing/index.ts') },
      { find: /^@baton\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@baton\/client$/, replacement: src('./packages/client/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    reporters: ['default', './test/plain-summary-reporter.ts'],
  },
});
