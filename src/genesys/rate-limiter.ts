// Genesys allows about 300 requests a minute per client-credentials token. One limiter per connection keeps a
// concurrent apply under that budget, so 429s stay the exception rather than the rhythm.

export const DEFAULT_REQUESTS_PER_MINUTE = 300;
const MINUTE_MS = 60_000;
const ADOPTED_WINDOW_SLACK_MS = 100;

export interface RateLimit {
  requests: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Resolves when one more request fits in the window. */
  acquire(): Promise<void>;
  /** Switches to the limit the org stated in a 429, so the next requests pace under it instead of meeting more 429s. */
  adopt(limit: RateLimit): void;
}

export interface RateLimiterOptions {
  requests?: number;
  windowMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A sliding-window limiter: at most `requests` starts in any `windowMs`. */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  let limit = options.requests ?? DEFAULT_REQUESTS_PER_MINUTE;
  let windowMs = options.windowMs ?? MINUTE_MS;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Reserved start times, oldest first; a caller reserves its slot before sleeping so concurrent callers queue fairly.
  const starts: number[] = [];

  return {
    async acquire() {
      const t = now();
      while (starts.length > 0 && (starts[0] as number) <= t - windowMs) starts.shift();
      let at = t;
      if (starts.length >= limit) {
        const blocking = starts[starts.length - limit] as number;
        at = Math.max(t, blocking + windowMs);
      }
      at = Math.max(at, starts[starts.length - 1] ?? at);
      starts.push(at);
      if (at > t) await sleep(at - t);
    },
    adopt(stated) {
      if (!(stated.requests >= 1) || !(stated.windowMs >= 1)) return;
      limit = Math.floor(stated.requests);
      // The org counts arrivals and we count starts; the slack absorbs the network's varying delay between them.
      windowMs = stated.windowMs + Math.max(ADOPTED_WINDOW_SLACK_MS, stated.windowMs * 0.02);
    },
  };
}
