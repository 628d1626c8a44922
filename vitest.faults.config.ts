import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/** `npm run test:faults`: the fault scenarios (issue 11), one at a time, each with a rig of real processes. */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // Replaces the unit suites' list rather than adding to it (mergeConfig would concatenate).
    include: ['packages/baton/test/faults/**/*.fault.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
