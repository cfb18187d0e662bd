// The Action's shell (`src/action/`) run in this process against the emulator and the fake GitHub: the same wiring the
// end-to-end tests prove on dist/, here where mutation testing can see it. A few dense runs, one per way a run ends.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markerOf, onlyComment, planAndMerge, planPullRequest, pushMerge, writeDefinition } from '../helpers/e2e-apply.js';
import { everythingVisible, OWN_SECRET, useWorld } from '../helpers/e2e-world.js';
import { failureLine, pullRequestEvent, pushEvent, scheduleEvent, type ActionRun } from '../helpers/run-action.js';

describe('the Action in process (src/action/main.ts)', () => {
  const world = useWorld({ inProcess: true });

  function expectNoSecrets(run: ActionRun): void {
    const visible = everythingVisible(world, run);
    for (const secret of world.sentinels()) expect(visible).not.toContain(secret);
  }

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
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::notice'))).toEqual([
      '::notice::This pull request comes from a fork: the definitions were validated offline and the plan against Genesys was ' +
        'skipped (a fork never runs with the org credentials, even under `pull_request_target`).',
    ]);
    expect(run.summary).toContain('valid');
    expect(run.outputs).toEqual({ 'has-changes': 'false' });
    expect(world.emulator.requests).toEqual([]);
    expect(world.github.requests).toEqual([]);
  });

  it('applies the merged, reviewed plan and marks its comment applied; refuses a push nobody reviewed', async () => {
    const planned = await planAndMerge(world);
    const applied = await pushMerge(world);
    expect(applied.code, applied.stdout).toBe(0);
    expect(markerOf(onlyComment(world))).toMatchObject({ status: 'applied', hash: planned.outputs['plan-hash'] });
    expect(applied.summary).toContain('✅ Plan applied');
    expect(applied.outputs['comment-url']).toBe(world.github.comments(7)[0]?.html_url);
    // Marked `applying` before the first write to Genesys, then `applied`.
    const edits = world.github.requests.filter((request) => request.method === 'PATCH' && request.path.includes('/issues/comments/'));
    expect(edits.map((request) => markerOf((request.body as { body: string }).body).status)).toEqual(['applying', 'applied']);
    // The one client that asks for its secret as a step output gets it there, masked.
    const exposed = world.emulator.listClients().find((client) => client.name === 'bi-warehouse-export');
    const json = applied.outputs['client-secrets'] ?? '';
    expect(JSON.parse(json)).toEqual({ 'bi-warehouse-export': { client_id: exposed?.id, client_secret: exposed?.secret } });
    expect(applied.stdout).toContain(`::add-mask::${json}\n`);
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
    expect(run.outputs.stale).toBe('1');
    expect(failureLine(run)).not.toBe('');
    expectNoSecrets(run);
  });

  it('says an invalid input where people look: the failure reason, the summary and the step error, before any request', async () => {
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(4), inputs: { prune: 'maybe' } });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('validation-failed');
    const message = 'Input `prune` must be `true` or `false`, not `maybe`.';
    expect(run.summary).toBe(`### genesys-oauth-sync: the step's inputs are invalid\n\n> ${message}\n\n`);
    expect(failureLine(run)).toBe(message);
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

describe('the Action in process: drift pull requests and rotation', () => {
  const SECRETS_TOKEN = 'SENTINEL-secrets-token-in-process';
  const REPO = { repository: 'acme/genesys-config' };
  const rotating = useWorld({
    inProcess: true,
    clients: [
      { name: 'feed', authorizedGrantType: 'CLIENT-CREDENTIALS', roleDivisions: [{ roleId: 'role-employee', divisionId: 'div-home' }] },
    ],
    github: { secretsTokens: { [SECRETS_TOKEN]: { secrets: 'write', variables: 'write' } } },
  });

  it('opens a pull request adopting drift and sets pull-request-url', async () => {
    rmSync(join(rotating.workspace, 'genesys/oauth-clients'), { recursive: true });
    writeDefinition(
      rotating,
      'feed.yaml',
      'name: feed\ndescription: Feed.\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [{ role: employee }]\n',
    );
    const applied = await rotating.run({ eventName: 'push', payload: pushEvent(), inputs: { mode: 'apply', 'auto-approve': 'true' } });
    expect(applied.code, applied.stdout).toBe(0);
    const feed = rotating.emulator.listClients().find((client) => client.name === 'feed');
    rotating.emulator.editClient(feed?.id ?? '', { description: 'Edited by hand.' });

    const run = await rotating.run({ eventName: 'schedule', payload: scheduleEvent(), inputs: { 'drift-pr': 'true' } });
    expect(run.outputs['failure-reason']).toBe('drift-detected');
    const pulls = rotating.github.git.pulls;
    expect(pulls).toHaveLength(1);
    expect(run.outputs['pull-request-url']).toBe(pulls[0]?.html_url);
    expect(Object.keys(rotating.github.git.changedFiles(pulls[0]?.head ?? '') ?? {})).toEqual(['genesys/oauth-clients/feed.yaml']);
  });

  it('rotates a due secret into GitHub, sets rotated, and shows the new secret nowhere', async () => {
    rmSync(join(rotating.workspace, 'genesys/oauth-clients'), { recursive: true });
    const feed = 'name: feed\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [{ role: employee }]\n';
    writeDefinition(rotating, 'feed.yaml', `${feed}github_secret: { name: FEED }\nsecret_rotation_days: 90\n`);
    rotating.github.actionsSecrets.seedSecret(REPO, 'FEED', 'stale', new Date(rotating.clock.now().getTime() - 120 * 86_400_000));

    const run = await rotating.run({
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: { mode: 'rotate', 'secrets-token': SECRETS_TOKEN },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.rotated).toBe('1');
    const secret = rotating.emulator.listClients().find((client) => client.name === 'feed')?.secret ?? '';
    expect(rotating.github.actionsSecrets.open(REPO, 'FEED')).toBe(secret);
    expect(everythingVisible(rotating, run)).not.toContain(secret);
    expect(run.stdout).toContain(`::add-mask::${SECRETS_TOKEN}`);
  });
});
