// Mutation testing (`npm run mutation`, not part of `npm test`): which changes to src/ the tests would notice. The
// end-to-end stories run in this process on src/ (vitest.mutation.config.ts), since a spawned dist/ cannot see a
// mutation.
// StrykerJS 10 needs Node 22; 9.6.x runs on Node 20. The 9.6.1 vitest runner reports a mutant as survived when it
// crashes a test file's set-up code: check such survivors by hand.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/**/*.ts', '!src/index.ts', '!src/cli.ts'],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.tmp/mutation/index.html' },
  jsonReporter: { fileName: '.tmp/mutation/report.json' },
  tempDirName: '.tmp/stryker',
  concurrency: 2,
  // A mutant that loops (a read-back or pacing loop made endless) is a kill by timeout; 5 s over the test's own time
  // is plenty when no test waits on a real clock, and 20 s made the 30-odd timeouts the slowest part of a run.
  timeoutMS: 5_000,
  // Static mutants (module-level constants and tables) run every test for each of them: 13 % of the mutants and
  // 63 % of the time. They are left out, and the scores in CONTRIBUTING.md say so.
  ignoreStatic: true,
  thresholds: { high: 90, low: 85, break: null },
};
