import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../../src/core/bounded.js';

/** Tasks that finish only when the test says so, recording how many ran at once. */
function gatedTasks() {
  let running = 0;
  let peak = 0;
  const gates: (() => void)[] = [];
  const task = async (item: number): Promise<number> => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise<void>((resolve) => gates.push(resolve));
    running -= 1;
    return item * 10;
  };
  const releaseAll = async () => {
    while (gates.length > 0 || running > 0) {
      for (const open of gates.splice(0)) open();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { task, releaseAll, peak: () => peak, started: () => gates.length };
}

describe('mapConcurrently', () => {
  it.each([
    [3, 3],
    [1, 1],
    [0, 1],
    [Number.NaN, 1],
  ])('with limit %s keeps at most %s in flight and the results in order', async (limit, most) => {
    const gated = gatedTasks();
    const results = mapConcurrently([1, 2, 3, 4, 5, 6, 7], limit, gated.task);
    await new Promise((resolve) => setImmediate(resolve));
    expect(gated.started()).toBe(most);
    await gated.releaseAll();
    expect(await results).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(gated.peak()).toBe(most);
  });
});
