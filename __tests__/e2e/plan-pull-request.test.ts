import { describe, expect, it } from 'vitest';
import { everythingVisible, useWorld } from '../helpers/e2e-world.js';
import { pullRequestEvent } from '../helpers/run-action.js';

const world = useWorld();

describe('plan on a pull request (dist/index.js as the runner runs it)', () => {
  it('posts one plan comment, updates the same comment on the next run, sets the outputs and writes nothing to Genesys', async () => {
    const first = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7) });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const comments = world.github.comments(7);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body).toContain('<!-- genesys-oauth-sync ');
    expect(body).toContain('agent-dashboard');
    expect(body).toContain('legacy-ivr-lookup');

    expect(first.outputs).toMatchObject({ 'has-changes': 'true', 'to-create': '5', 'to-update': '1', 'to-delete': '0', unmanaged: '1' });
    expect(first.outputs['plan-hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(first.outputs['comment-url']).toBe(comments[0]!.html_url);
    const plan = JSON.parse(first.channels['plan-json']!);
    expect(plan.hash).toBe(first.outputs['plan-hash']);
    expect(first.summary).toContain('agent-dashboard');

    const second = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7) });
    expect(second.code).toBe(0);
    expect(world.github.comments(7)).toHaveLength(1);
    expect(second.outputs['plan-hash']).toBe(first.outputs['plan-hash']);
    expect(world.emulator.writes()).toEqual([]);

    for (const run of [first, second]) {
      const visible = everythingVisible(world, run);
      for (const secret of world.sentinels()) expect(visible).not.toContain(secret);
    }
    expect(first.stdout).toContain('::add-mask::');
  });

  it('on a pull request from a fork validates offline, writes the summary and exits 0 with a notice', async () => {
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(8, true), inputs: { 'genesys-client-secret': '' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::notice::.*fork/);
    expect(run.summary).toContain('valid');
    expect(world.emulator.requests).toEqual([]);
    expect(world.github.comments(8)).toEqual([]);
  });

  it('on pull_request_target from a fork only validates, though the workflow holds the credentials and asks for a plan', async () => {
    // pull_request_target runs with secrets; a fork's definitions must still never reach the org with them.
    const run = await world.run({ eventName: 'pull_request_target', payload: pullRequestEvent(9, true), inputs: { mode: 'plan' } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/::notice::.*fork/);
    expect(run.summary).toContain('valid');
    expect(run.outputs['plan-hash']).toBeUndefined();
    expect(world.emulator.requests).toEqual([]);
    expect(world.github.comments(9)).toEqual([]);
  });
});
