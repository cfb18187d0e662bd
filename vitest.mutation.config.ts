import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The suite minus end-to-end runs of dist/, which cannot see a mutation of src/.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['__tests__/unit/**/*.test.ts', '__tests__/integration/**/*.test.ts'],
    // Checks of the source text itself: Stryker's sandbox holds instrumented src/, whose lines and bundle differ.
    exclude: ['__tests__/unit/line-length.test.ts', '__tests__/unit/dist-fresh.test.ts', '__tests__/unit/lint-boundaries.test.ts'],
  },
});
