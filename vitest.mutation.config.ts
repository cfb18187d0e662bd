import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The suite as mutation testing sees it. The end-to-end stories run too, but in this process on src/ rather than as
// a spawned dist/ (GOS_E2E_IN_PROCESS, read by __tests__/helpers/e2e-world.ts and run-cli.ts): a spawned bundle cannot see a
// mutation of src/.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    env: { ...base.test?.env, GOS_E2E_IN_PROCESS: '1' },
    exclude: [
      // Checks of the source text itself: Stryker's sandbox holds instrumented src/, whose lines and bundle differ.
      '__tests__/unit/line-length.test.ts',
      '__tests__/unit/dist-fresh.test.ts',
      '__tests__/unit/lint-boundaries.test.ts',
      // Stories only a spawned process can tell: a run killed midway, proxies read at start-up.
      '__tests__/e2e/apply-interrupted.test.ts',
      '__tests__/e2e/github-proxy.test.ts',
    ],
  },
});
