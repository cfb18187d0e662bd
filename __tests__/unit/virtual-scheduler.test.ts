// The virtual clock the tests give to code that sleeps (in-process, and in a spawned bundle through the preload):
// time moves only by sleeping, sleeps begun together end together, and whatever shares the time is moved first.
import { describe, expect, it } from 'vitest';
import { createVirtualScheduler } from '../helpers/virtual-scheduler.mjs';

describe('the virtual scheduler', () => {
  it('ends sleeps begun together at the latest of their ends, in order, not at their sum', async () => {
    const moved: number[] = [];
    const time = createVirtualScheduler({ start: 1_000, advance: (ms) => void moved.push(ms) });
    const woke: string[] = [];
    await Promise.all([
      time.sleep(300).then(() => woke.push(`a@${time.now()}`)),
      time.sleep(100).then(() => woke.push(`b@${time.now()}`)),
      time.sleep(100).then(() => woke.push(`c@${time.now()}`)),
    ]);
    expect(woke).toEqual(['b@1100', 'c@1100', 'a@1300']);
    expect(time.now()).toBe(1_300);
    expect(moved).toEqual([100, 200]);
  });

  it('moves on from where it stands for a sleep begun later, and never moves for a sleep of 0', async () => {
    const moved: number[] = [];
    const time = createVirtualScheduler({ start: 0, advance: (ms) => void moved.push(ms) });
    await time.sleep(0);
    expect(time.now()).toBe(0);
    await time.sleep(50);
    await time.sleep(50);
    expect(time.now()).toBe(100);
    expect(moved).toEqual([50, 50]);
  });

  it('waits for the shared clock to move before it wakes anyone', async () => {
    let shared = 0;
    const time = createVirtualScheduler({
      start: 0,
      advance: async (ms) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        shared += ms;
      },
    });
    await time.sleep(250);
    expect(shared).toBe(250);
  });
});
