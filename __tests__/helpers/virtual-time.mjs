// A test-only preload: `node --import <this file> dist/index.js` gives the bundle a virtual clock (the hook of
// src/modes/clock.ts), so its retries, rate-limit pacing and read-back waits take no real time. Time moves only when
// the run sleeps, and moves the emulator's clock with it (`POST $GOS_TEST_CLOCK_URL {"advanceMs": n}`), so Genesys'
// lag and rate-limit windows pass as the run waits. Sleeps begun together end together: the clock jumps to the
// earliest wake-up among them, wakes whoever is due, and goes on from there.
const url = process.env.GOS_TEST_CLOCK_URL;
if (!url) throw new Error('virtual-time.mjs needs GOS_TEST_CLOCK_URL: the emulator route that moves its clock.');

let now = Date.now();
/** @type {{ at: number, wake: () => void }[]} */
const sleepers = [];
let ticking = false;

globalThis[Symbol.for('genesys-oauth-sync.test-clock')] = {
  now: () => now,
  sleep: (ms) =>
    new Promise((wake) => {
      sleepers.push({ at: now + Math.max(0, ms), wake });
      schedule();
    }),
};

function schedule() {
  if (ticking) return;
  ticking = true;
  // One turn of the event loop lets every sleep begun in the same moment register before time moves.
  setTimeout(() => void tick(), 0);
}

async function tick() {
  sleepers.sort((a, b) => a.at - b.at);
  const next = sleepers[0];
  if (next && next.at > now) {
    const step = next.at - now;
    now = next.at;
    await advance(step);
  }
  const due = sleepers.filter((s) => s.at <= now);
  sleepers.splice(0, due.length);
  ticking = false;
  for (const sleeper of due) sleeper.wake();
  if (sleepers.length > 0) schedule();
}

async function advance(ms) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  if (!response.ok) throw new Error(`The emulator refused to move its clock: HTTP ${response.status}`);
}
