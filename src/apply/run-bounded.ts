// A tiny worker pool: writes go out a few at a time so one token stays under the org's rate limit (SPEC §7).

/** Runs `task` over `items` with at most `limit` in flight; results keep the order of `items`. `task` must not throw. */
export async function runBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  const workers = Math.min(items.length, Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 1);
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
