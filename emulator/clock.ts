// A clock that moves only when told: lag, soft delete and rate limits then play out in tests that never sleep.

export interface VirtualClock {
  now(): Date;
  advance(ms: number): void;
}

/** Starts at `start` (default 2026-06-01T00:00:00Z) and moves only by `advance`. */
export function createVirtualClock(start = Date.UTC(2026, 5, 1)): VirtualClock {
  let at = start;
  return {
    now: () => new Date(at),
    advance: (ms) => {
      if (ms > 0) at += ms;
    },
  };
}
