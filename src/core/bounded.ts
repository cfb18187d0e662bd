// Bounded concurrency, the one implementation: reads, writes and file reads go out a few at a time, so one token
// stays under the org's rate limit (SPEC §7) and a big folder does not open every file at once. Async, but pure in
// the sense that matters here: no clock, no I/O, it only orders the promises the caller hands it.

/** Runs at most `limit` tasks at once (at least one); the rest wait in order. */
export function createSlots(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  const max = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 1;
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/** Maps over items with at most `limit` in flight, keeping the order of results. */
export async function mapConcurrently<I, O>(items: readonly I[], limit: number, fn: (item: I) => Promise<O>): Promise<O[]> {
  const slot = createSlots(limit);
  return Promise.all(items.map((item) => slot(() => fn(item))));
}
