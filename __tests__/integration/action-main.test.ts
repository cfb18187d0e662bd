// The Action's shell (`src/action/`) run in this process against the emulator and the fake GitHub: the same wiring the
// end-to-end tests prove on dist/, here where mutation testing can see it. A few dense runs, one per way a run ends.
import { describe, expect, it } from 'vitest';
import { markerOf, onlyComment, planAndMerge, planPullRequest, pushMerge, writeDefinition } from '../helpers/e2e-apply.js';
import { everythingVisible, OWN_SECRET, useWorld } from '../helpers/e2e-world.js';
import { failureLine, pullRequestEvent, pushEvent, scheduleEvent, type ActionRun } from '../helpers/run-action.js';

const world = useWorld({ inProcess: true });

function expectNoSecrets(run: ActionRun): void {
  const visible = everythingVisible(world, run);
  for (const secret of world.sentinels()) expect(visible).not.toContain(secret);
}

describe('the Action in process (src/action/main.ts)', () => {
  it('plans a pull request: outputs, the plan file, the summary, one comment, annotations, and masks its secrets', async () => {
    const run = await planPullRequest(world);

    expect(run.stdout).toContain(`::add-mask::${OWN_SECRET}`);
    expect(run.stdout).toMatch(/^genesys-oauth-sync: plan \(.*\), label `.+`\.$/m);
    expect(run.outputs).toMatchObject({ 'has-changes': 'true', 'to-create': '5', 'to-update': '1', 'to-delete': '0', unmanaged: '1' });
    const plan = JSON.parse(run.channels['plan-json'] ?? '{}') as { hash?: string; label?: string };
    expect(plan.hash).toBe(run.outputs['plan-hash']);
    expect(run.outputs['plan-json']).toMatch(/genesys-oauth-sync[/\\]plan-[A-Za-z0-9._-]+\.json$/);
    expect(run.outputs['comment-url']).toBe(world.github.comments(7)[0]?.html_url);
    expect(markerOf(onlyComment(world))).toMatchObject({ status: 'planned', hash: plan.hash });
    expect(run.summary).toContain('agent-dashboard');
    expect(run.stdout).toMatch(
      /^::notice title=genesys-oauth-sync%3A ci-deployer,file=genesys\/oauth-clients\/ci-deployer\.yaml,line=3::create/m,
    );
    expect(run.outputs['failure-reason']).toBeUndefined();
    expect(run.code).toBe(0);
    expectNoSecrets(run);
  });

  it('validates a fork offline with a notice, and publishes nothing', async () => {
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(8, true), inputs: { 'genesys-client-secret': '' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^::notice::This pull request comes from a fork/m);
    expect(run.summary).toContain('valid');
    expect(run.outputs).toEqual({ 'has-changes': 'false' });
    expect(world.emulator.requests).toEqual([]);
    expect(world.github.comments(8)).toEqual([]);
  });

  it('applies the merged, reviewed plan and marks its comment applied; refuses a push nobody reviewed', async () => {
    const planned = await planAndMerge(world);
    const applied = await pushMerge(world);
    expect(applied.code, applied.stdout).toBe(0);
    expect(markerOf(onlyComment(world))).toMatchObject({ status: 'applied', hash: planned.outputs['plan-hash'] });
    expect(applied.summary).toContain('✅ Plan applied');
    expect(applied.outputs['comment-url']).toBe(world.github.comments(7)[0]?.html_url);
    expectNoSecrets(applied);

    const late = 'name: late\nauthorized_grant_type: CODE\nregistered_redirect_uris: [https://late.example/cb]\nscopes: [users]\n';
    writeDefinition(world, 'late.yaml', late);
    world.github.setBranch('main', 'd'.repeat(40));
    const refused = await world.run({ eventName: 'push', payload: pushEvent(), sha: 'd'.repeat(40) });
    expect(refused.code).toBe(1);
    expect(refused.outputs['failure-reason']).toBe('not-reviewed');
    expect(failureLine(refused)).toContain('This push has no merged pull request');
    expect(refused.summary).toContain('Not applied: no reviewed plan was found');
  });

  it('reports drift on a schedule: one issue, its URL, drift-detected, and a failed step', async () => {
    const run = await world.run({ eventName: 'schedule', payload: scheduleEvent() });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('drift-detected');
    const issues = world.github.issues();
    expect(issues).toHaveLength(1);
    expect(run.outputs['issue-url']).toBe(issues[0]?.html_url);
    expect(failureLine(run)).not.toBe('');
    expectNoSecrets(run);
  });

  it('says an invalid input where people look: the failure reason, the summary and the step error, before any request', async () => {
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(4), inputs: { prune: 'maybe' } });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('validation-failed');
    expect(run.summary).toContain("the step's inputs are invalid");
    expect(failureLine(run)).toContain('prune');
    expect(world.emulator.requests).toEqual([]);
  });

  it('still writes the summary and the failure reason when Genesys refuses the credentials, and shows no secret', async () => {
    const run = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(5),
      inputs: { 'genesys-client-secret': 'SENTINEL-wrong' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('auth-failed');
    expect(run.summary).toContain('**`auth-failed`**');
    expect(world.github.comments(5)[0]?.body).toContain('**`auth-failed`**');
    expect(run.channels.stdout).not.toContain('SENTINEL-wrong');
    expect(failureLine(run)).not.toBe('');
    expectNoSecrets(run);
  });
});
