// The run's clock. Real time in production; an end-to-end test preloads a virtual one into the bundle
// (`node --import <virtual clock> dist/index.js`), so retries and read-back waits never take real time. Production
// never sets the hook, and nothing else reads it.

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Where a test preload puts its clock; see `__tests__/helpers/virtual-time.mjs`. */
export const TEST_CLOCK_HOOK = Symbol.for('genesys-oauth-sync.test-clock');

/** The clock a run uses: a test's preloaded one when present, else real time. */
export function runClock(): Clock {
  return (globalThis as { [TEST_CLOCK_HOOK]?: Clock })[TEST_CLOCK_HOOK] ?? REAL_CLOCK;
}
