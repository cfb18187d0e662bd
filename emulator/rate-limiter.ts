// A sliding-window limit per access token, like the org's "requests per minute per token" limit.

export interface RateLimit {
  requests: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly seen = new Map<string, number[]>();
  private limit: RateLimit | undefined;

  constructor(limit?: RateLimit) {
    this.set(limit);
  }

  get current(): RateLimit | undefined {
    return this.limit;
  }

  set(limit: RateLimit | undefined): void {
    if (limit && (!(limit.requests >= 1) || !(limit.windowMs >= 1))) throw new Error('A rate limit needs requests >= 1 and windowMs >= 1.');
    this.limit = limit ? { ...limit } : undefined;
    this.seen.clear();
  }

  /** Records the request and returns undefined, or, when over the limit, the whole seconds to wait (>= 1). */
  admit(token: string, nowMs: number): number | undefined {
    const limit = this.limit;
    if (!limit) return undefined;
    const recent = (this.seen.get(token) ?? []).filter((at) => at > nowMs - limit.windowMs);
    this.seen.set(token, recent);
    if (recent.length < limit.requests) {
      recent.push(nowMs);
      return undefined;
    }
    // Rejected requests are not recorded: a client that waits the advertised time must get through.
    const oldest = recent[0] as number;
    return Math.max(1, Math.ceil((oldest + limit.windowMs - nowMs) / 1000));
  }
}
