// Errors a user meets on the GitHub side, through dist/index.js: the failure must say which `permissions:` line to add.
import { describe, expect, it } from 'vitest';
import { everythingVisible, useWorld } from '../helpers/e2e-world.js';
import { pullRequestEvent, STACK_FRAME, failureLine } from '../helpers/run-action.js';

const NOT_ACCESSIBLE = 'Resource not accessible by integration';

const world = useWorld();

describe('GitHub refusing the plan comment', () => {
  it('fails the run with the exact `pull-requests: write` permissions line when the token may not comment (403)', async () => {
    world.github.failWith('POST', /^\/repos\/acme\/genesys-config\/issues\/\d+\/comments$/, 403, NOT_ACCESSIBLE);
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(31) });

    expect(run.code).not.toBe(0);
    const failure = failureLine(run);
    expect(failure).toContain('GitHub 403');
    expect(failure).toContain(NOT_ACCESSIBLE);
    expect(failure).toContain('Add `pull-requests: write` under `permissions:` in the job.');
    expect(world.github.comments(31)).toEqual([]);
    // The plan itself was fine: the summary still shows it, and Genesys saw only reads.
    expect(run.summary).toContain('### Genesys OAuth clients: plan for');
    expect(run.outputs['has-changes']).toBe('true');
    expect(world.emulator.writes()).toEqual([]);
    expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
    const visible = everythingVisible(world, run);
    for (const secret of world.sentinels()) expect(visible).not.toContain(secret);
  });

  it('still says why Genesys failed, and sets failure-reason, when GitHub also refuses the comment', async () => {
    world.github.failWith('POST', /^\/repos\/acme\/genesys-config\/issues\/\d+\/comments$/, 403, NOT_ACCESSIBLE);
    const run = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(33),
      inputs: { 'genesys-client-secret': 'SENTINEL-wrong-secret-31d4' },
    });

    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('auth-failed');
    const failure = failureLine(run);
    expect(failure).toContain('Genesys refused to log in');
    expect(failure).toContain('Add `pull-requests: write` under `permissions:` in the job.');
    expect(everythingVisible(world, run)).not.toContain('SENTINEL-wrong-secret-31d4');
  });

  it('names `pull-requests: write` too when GitHub hides the pull request behind a 404 on reading its comments', async () => {
    world.github.failWith('GET', /^\/repos\/acme\/genesys-config\/issues\/\d+\/comments$/, 404, 'Not Found');
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(32) });

    expect(run.code).not.toBe(0);
    const failure = failureLine(run);
    expect(failure).toContain('GitHub 404');
    expect(failure).toContain('`pull-requests: write`');
    expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
    // Reported once, as the failure above: no second, advice-less line from Octokit's request log.
    expect(run.stderr).not.toMatch(/ - 404 with id /);
  });
});
