import { afterEach, describe, expect, it, vi } from 'vitest';
import { statedRateLimit } from '../../src/genesys/http.js';
import { createRateLimiter } from '../../src/genesys/rate-limiter.js';

function clock() {
  let now = 0;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    waits,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createRateLimiter', () => {
  it('lets requests through without waiting while the window has room', async () => {
    const c = clock();
    const limiter = createRateLimiter({ requests: 3, windowMs: 1_000, now: c.now, sleep: c.sleep });
    for (let i = 0; i < 3; i += 1) await limiter.acquire();
    expect(c.waits).toEqual([]);
  });

  it('makes the request beyond the limit wait until the oldest one leaves the window', async () => {
    const c = clock();
    const limiter = createRateLimiter({ requests: 2, windowMs: 1_000, now: c.now, sleep: c.sleep });
    await limiter.acquire();
    c.advance(300);
    await limiter.acquire();
    await limiter.acquire();
    expect(c.waits).toEqual([700]);
    await limiter.acquire();
    expect(c.waits).toEqual([700, 300]);
  });

  it('queues concurrent callers so no window ever holds more than the limit', async () => {
    const reserved: number[] = [];
    const limiter = createRateLimiter({
      requests: 2,
      windowMs: 1_000,
      now: () => 0,
      sleep: async (ms) => {
        reserved.push(ms);
      },
    });
    await Promise.all(Array.from({ length: 6 }, () => limiter.acquire()));
    expect(reserved).toEqual([1_000, 1_000, 2_000, 2_000]);
  });

  it('never lets a later caller start before one already queued, even when a stated limit leaves room', async () => {
    const reserved: number[] = [];
    const limiter = createRateLimiter({ requests: 1, windowMs: 1_000, now: () => 0, sleep: async (ms) => void reserved.push(ms) });
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    limiter.adopt({ requests: 10, windowMs: 1_000 });
    await limiter.acquire();
    expect(reserved).toEqual([1_000, 2_000, 2_000]);
  });

  it('waits on the real clock when no sleep is injected', async () => {
    vi.useFakeTimers({ now: 0 });
    const limiter = createRateLimiter({ requests: 1, windowMs: 1_000 });
    await limiter.acquire();
    let started = false;
    const second = limiter.acquire().then(() => {
      started = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toBe(true);
    await second;
  });
});

describe('adopting the limit a 429 states', () => {
  it('reads the limit from the Genesys 429 message, and nothing from other bodies', () => {
    expect(statedRateLimit({ message: 'Rate limit exceeded the maximum [50] requests within [5] seconds' })).toEqual({
      requests: 50,
      windowMs: 5_000,
    });
    expect(statedRateLimit({ message: 'Too many requests' })).toBeUndefined();
    expect(statedRateLimit('maximum [50] requests within [5] seconds')).toBeUndefined();
    expect(statedRateLimit({ message: 'Rate limit exceeded the maximum [0] requests within [5] seconds' })).toBeUndefined();
  });

  it('paces the next requests under the adopted limit, with a little slack for the network', async () => {
    const c = clock();
    const limiter = createRateLimiter({ requests: 300, windowMs: 60_000, now: c.now, sleep: c.sleep });
    limiter.adopt({ requests: 2, windowMs: 5_000 });
    for (let i = 0; i < 3; i += 1) await limiter.acquire();
    expect(c.waits).toEqual([5_100]);
  });

  it('adds 2% of a long stated window as slack', async () => {
    const c = clock();
    const limiter = createRateLimiter({ requests: 300, windowMs: 60_000, now: c.now, sleep: c.sleep });
    limiter.adopt({ requests: 1, windowMs: 60_000 });
    await limiter.acquire();
    await limiter.acquire();
    expect(c.waits).toEqual([61_200]);
  });

  it('adopts a limit of one request in one millisecond', async () => {
    const c = clock();
    const limiter = createRateLimiter({ requests: 300, windowMs: 60_000, now: c.now, sleep: c.sleep });
    limiter.adopt({ requests: 1, windowMs: 1 });
    await limiter.acquire();
    await limiter.acquire();
    expect(c.waits).toEqual([101]);
  });

  it('ignores a stated limit of no requests or no window, and keeps pacing as before', async () => {
    for (const stated of [
      { requests: 0, windowMs: 5_000 },
      { requests: 1, windowMs: 0 },
      { requests: Number.NaN, windowMs: Number.NaN },
    ]) {
      const c = clock();
      const limiter = createRateLimiter({ requests: 2, windowMs: 1_000, now: c.now, sleep: c.sleep });
      limiter.adopt(stated);
      for (let i = 0; i < 3; i += 1) await limiter.acquire();
      expect(c.waits).toEqual([1_000]);
    }
  });
});
