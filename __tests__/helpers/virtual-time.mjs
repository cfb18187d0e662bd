// A test-only preload: `node --import <this file> dist/index.js` gives the bundle a virtual clock (the hook of
// src/modes/clock.ts), so its retries, rate-limit pacing and read-back waits take no real time. Time moves only when
// the run sleeps (virtual-scheduler.mjs), and moves the emulator's clock with it (`POST $GOS_TEST_CLOCK_URL
// {"advanceMs": n}`), so Genesys' lag and rate-limit windows pass as the run waits.
import { createVirtualScheduler } from './virtual-scheduler.mjs';

const url = process.env.GOS_TEST_CLOCK_URL;
if (!url) throw new Error('virtual-time.mjs needs GOS_TEST_CLOCK_URL: the emulator route that moves its clock.');

globalThis[Symbol.for('genesys-oauth-sync.test-clock')] = createVirtualScheduler({
  advance: async (ms) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: ms }),
    });
    if (!response.ok) throw new Error(`The emulator refused to move its clock: HTTP ${response.status}`);
  },
});
