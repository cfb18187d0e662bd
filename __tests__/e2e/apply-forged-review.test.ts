// Apply takes the plan hash in the pull request's plan comment as proof of review, so only a comment the Action's
// own token wrote may count: anyone who can comment on the pull request can copy the hash from the job summary.
import { describe, expect, it } from 'vitest';
import { renderMarker } from '../../src/report/marker.js';
import { useWorld } from '../helpers/e2e-world.js';
import { MERGE_SHA, PR_NUMBER, clientsByName, planPullRequest, pushMerge } from '../helpers/e2e-apply.js';

const LABEL = 'prod';

const world = useWorld();

describe('apply after a plan nobody reviewed', () => {
  it('refuses with not-reviewed when another user posts a marker carrying the right plan hash, and writes nothing', async () => {
    const planRun = await planPullRequest(world, { label: LABEL, comment: 'never' });
    const planHash = planRun.outputs['plan-hash']!;
    expect(planHash).toMatch(/\S/);
    expect(world.github.comments(PR_NUMBER)).toEqual([]);
    const forged = renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: LABEL, hash: planHash, status: 'planned' });
    const forgery = world.github.seedComment(PR_NUMBER, `${forged}\nLooks good to me!`, { login: 'mallory' });
    world.github.addPullForCommit(MERGE_SHA, { number: PR_NUMBER, merged: true });
    world.emulator.resetLog();

    const run = await pushMerge(world, { label: LABEL });

    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('not-reviewed');
    expect(run.outputs['plan-hash']).toBe(planHash);
    expect(world.emulator.writes()).toEqual([]);
    expect(clientsByName(world).has('ci-deployer')).toBe(false);
    // The refusal goes into a comment of the Action's own; mallory's comment is left as it was.
    const comments = world.github.comments(PR_NUMBER);
    expect(comments[0]).toEqual(forgery);
    expect(comments.slice(1).map((c) => c.user.login)).toEqual(['github-actions[bot]']);
    expect(world.github.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/comments/${forgery.id}`))).toBe(false);
  });
});
