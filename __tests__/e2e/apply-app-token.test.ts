import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/e2e-world.js';
import { onlyComment, PR_NUMBER, planAndMerge, planPullRequest, pushMerge } from '../helpers/e2e-apply.js';

let world: World;
afterEach(async () => {
  await world.close();
});

describe('a GitHub App installation token as github-token', () => {
  it("keeps one plan comment written by the App's bot, and the push applies the plan it reviewed", async () => {
    world = await startWorld({ github: { appSlug: 'genesys-sync-app' } });
    await planPullRequest(world);
    await planAndMerge(world);
    expect(world.github.comments(PR_NUMBER)).toHaveLength(1);
    expect(world.github.comments(PR_NUMBER)[0]!.user.login).toBe('genesys-sync-app[bot]');

    const push = await pushMerge(world);

    expect(push.code, push.stdout + push.stderr).toBe(0);
    expect(push.outputs['failure-reason']).toBeUndefined();
    expect(onlyComment(world)).toContain('Plan applied');
  });
});
