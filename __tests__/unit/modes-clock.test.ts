// The run's clock: real time in production, and the virtual clock a test preload puts on the hook
// (`__tests__/helpers/virtual-time.mjs`) when there is one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Clock, REAL_CLOCK, runClock } from '../../src/modes/clock.js';

const HOOK = Symbol.for('genesys-oauth-sync.test-clock');
const hooks = globalThis as { [HOOK]?: Clock };

afterEach(() => {
  vi.useRealTimers();
  delete hooks[HOOK];
});

describe('the run clock', () => {
  it('tells the current time in milliseconds', () => {
    vi.useFakeTimers({ now: new Date('2025-06-01T12:00:00.000Z') });
    expect(REAL_CLOCK.now()).toBe(Date.parse('2025-06-01T12:00:00.000Z'));
  });

  it('sleeps exactly as long as asked', async () => {
    vi.useFakeTimers();
    let woke = false;
    const sleeping = REAL_CLOCK.sleep(500).then(() => {
      woke = true;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(woke).toBe(true);
  });

  it('uses the clock a test preload puts on the hook the preload knows, and real time when there is none', () => {
    expect(runClock()).toBe(REAL_CLOCK);
    const virtual: Clock = { now: () => 0, sleep: async () => undefined };
    hooks[HOOK] = virtual;
    expect(runClock()).toBe(virtual);
  });
});
