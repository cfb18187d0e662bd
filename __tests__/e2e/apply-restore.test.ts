import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/e2e-world.js';
import { MERGE_SHA, onlyClient, onlyComment, planAndMerge, pushMerge } from '../helpers/e2e-apply.js';

let world: World;
afterEach(async () => {
  await world.close();
});

describe('a manual restore (workflow_dispatch, mode apply, auto-approve)', () => {
  it("restores the repository's values without looking up, or touching, the last merged pull request's comment", async () => {
    world = await startWorld();
    await planAndMerge(world);
    expect((await pushMerge(world)).code).toBe(0);
    const reviewedComment = onlyComment(world);
    const dashboard = onlyClient(world, 'agent-dashboard');
    world.emulator.editClient(dashboard.id, { description: 'edited by hand' });
    world.github.requests.length = 0;

    const restore = await world.run({
      eventName: 'workflow_dispatch',
      payload: { repository: { full_name: 'acme/genesys-config', default_branch: 'main' } },
      sha: MERGE_SHA,
      inputs: { mode: 'apply', 'auto-approve': 'true' },
    });

    expect(restore.code, restore.stdout + restore.stderr).toBe(0);
    expect(onlyClient(world, 'agent-dashboard').description).toBe('Wallboard SPA for team leads.');
    // One question only: is this commit still the tip of the default branch? (A re-run of an old restore must not roll back.)
    expect(world.github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/genesys-config/git/ref/heads%2Fmain']);
    expect(onlyComment(world)).toBe(reviewedComment);
    expect(restore.summary).toContain('agent-dashboard');
  });

  it('writes nothing when dispatched from another branch, whose definitions nobody merged (not-latest)', async () => {
    world = await startWorld();
    world.emulator.resetLog();

    const restore = await world.run({
      eventName: 'workflow_dispatch',
      payload: { repository: { full_name: 'acme/genesys-config', default_branch: 'main' } },
      sha: 'feed'.padEnd(40, '0'),
      ref: 'refs/heads/feature',
      inputs: { mode: 'apply', 'auto-approve': 'true' },
    });

    expect(restore.code).not.toBe(0);
    expect(restore.outputs['failure-reason']).toBe('not-latest');
    expect(world.emulator.writes()).toEqual([]);
  });
});
