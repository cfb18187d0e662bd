import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/e2e-world.js';
import { planAndMerge, pushMerge } from '../helpers/e2e-apply.js';

let world: World;
afterEach(async () => {
  await world.close();
});

describe('apply when GitHub cannot say what was reviewed', () => {
  it('applies nothing, and still writes the summary, the outputs and failure-reason=not-reviewed', async () => {
    world = await startWorld();
    await planAndMerge(world);
    world.github.failWith('GET', /\/commits\/[^/]+\/pulls/, 502, 'Bad gateway');

    const run = await pushMerge(world);

    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('not-reviewed');
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.summary).toContain('Could not find the reviewed plan');
    expect(world.emulator.writes()).toEqual([]);
  });
});
