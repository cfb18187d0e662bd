// Virtual time for code that sleeps: time moves only when every sleep begun in the same moment has registered, and
// then jumps to the earliest wake-up among them, wakes whoever is due, and goes on. Sleeps begun together end
// together, not one after another. Plain JavaScript, so the preload of a spawned bundle (`virtual-time.mjs`) can load
// it without a compiler; in-process tests use it too.

/**
 * @param {{ start?: number, advance?: (ms: number) => void | Promise<void> }} options `advance` moves whatever else
 *   shares this time (an emulator's clock) before the sleepers wake.
 * @returns {{ now: () => number, sleep: (ms: number) => Promise<void> }}
 */
export function createVirtualScheduler(options = {}) {
  let now = options.start ?? Date.now();
  /** @type {{ at: number, wake: () => void }[]} */
  const sleepers = [];
  let ticking = false;

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
      await options.advance?.(step);
    }
    const due = sleepers.filter((s) => s.at <= now);
    sleepers.splice(0, due.length);
    ticking = false;
    for (const sleeper of due) sleeper.wake();
    if (sleepers.length > 0) schedule();
  }

  return {
    now: () => now,
    sleep: (ms) =>
      new Promise((wake) => {
        sleepers.push({ at: now + Math.max(0, ms), wake });
        schedule();
      }),
  };
}
