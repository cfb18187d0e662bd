import { afterEach, describe, expect, it } from 'vitest';
import { renderMarker } from '../../src/report/marker.js';
import { startWorld, type World } from '../helpers/e2e-world.js';
import { MERGE_SHA, onlyComment, PR_NUMBER, planAndMerge, planPullRequest, pushMerge } from '../helpers/e2e-apply.js';

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

  it('fails closed with not-reviewed when GraphQL cannot name the App token, though another workflow posted the right hash', async () => {
    // GET /user refuses every installation token alike, so without GraphQL the App's bot and github-actions[bot] look
    // the same: a marker written by any other workflow's GITHUB_TOKEN must not pass for the App's review.
    world = await startWorld({ github: { appSlug: 'genesys-sync-app' } });
    const plan = await planPullRequest(world, { label: 'prod', comment: 'never' });
    const forged = renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'prod', hash: plan.outputs['plan-hash'] });
    world.github.seedComment(PR_NUMBER, `${forged}\nPosted by another workflow.`, { login: 'github-actions[bot]' });
    world.github.addPullForCommit(MERGE_SHA, { number: PR_NUMBER, merged: true });
    world.github.failWith('POST', /^\/graphql$/, 502, 'Bad gateway');
    world.emulator.resetLog();

    const push = await pushMerge(world, { label: 'prod' });

    expect(push.code).not.toBe(0);
    expect(push.outputs['failure-reason']).toBe('not-reviewed');
    expect(world.emulator.writes()).toEqual([]);
    expect(world.github.requests.filter((r) => r.path === '/graphql').length).toBeGreaterThan(1);
    expect(push.stdout).toContain('GraphQL');
  });
});
