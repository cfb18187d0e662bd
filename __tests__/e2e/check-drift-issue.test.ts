// The drift issue's life as a scheduled workflow sees it: dist/index.js against the emulator and the fake GitHub.
import { beforeEach, describe, expect, it } from 'vitest';
import type { EmulatedClient } from '../../emulator/index.js';
import { everythingVisible, useWorld } from '../helpers/e2e-world.js';
import { pushEvent, scheduleEvent, type ActionRun } from '../helpers/run-action.js';

const world = useWorld();
const runs: ActionRun[] = [];
beforeEach(() => {
  runs.length = 0;
});

async function check(runId: number, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const run = await world.run({ eventName: 'schedule', payload: scheduleEvent(), inputs, env: { GITHUB_RUN_ID: String(runId) } });
  runs.push(run);
  return run;
}

async function applyRepository(): Promise<void> {
  const run = await world.run({ eventName: 'push', payload: pushEvent(), inputs: { mode: 'apply', 'auto-approve': 'true' } });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  runs.push(run);
}

function clientNamed(name: string): EmulatedClient {
  const client = world.emulator.listClients().find((c) => c.name === name);
  if (!client) throw new Error(`no client ${name} in the emulator`);
  return client;
}

const issueComments = (number: number) => world.github.comments(number).map((c) => c.body);

describe('check on a schedule keeps one drift issue per label (dist/index.js)', () => {
  it('opens, updates, comments, closes and reopens the same issue as drift comes, changes, goes and comes back', async () => {
    await applyRepository();
    const inSync = await check(1);
    expect(inSync.code, inSync.stdout).toBe(0);
    expect(inSync.outputs['failure-reason']).toBeUndefined();
    expect(inSync.outputs['has-changes']).toBe('false');
    expect(inSync.summary).toContain('No drift');
    expect(world.github.issues()).toEqual([]);

    const dashboard = clientNamed('agent-dashboard');
    world.emulator.editClient(dashboard.id, { description: 'Edited by hand in the admin UI.' });
    const drifted = await check(2);
    expect(drifted.code).not.toBe(0);
    expect(drifted.outputs['failure-reason']).toBe('drift-detected');
    const [issue] = world.github.issues();
    expect(world.github.issues()).toHaveLength(1);
    expect(issue!.state).toBe('open');
    expect(drifted.outputs['issue-url']).toBe(issue!.html_url);
    expect(issue!.title).toMatch(/^Drift in Genesys Cloud OAuth clients: 127\.0\.0\.1:\d+:e0000000\/genesys\/oauth-clients$/);
    // Field by field: what the repository says, what the org has.
    expect(issue!.body).toContain('`agent-dashboard`');
    // Which live client: its id and creation date, so a client swapped in under the name stands out (issue 8 item 4).
    expect(issue!.body).toMatch(/`agent-dashboard` \(id `[^`]+`, created `\d{4}-\d{2}-\d{2}`\) \*\*differs\*\*/);
    expect(issue!.body).toMatch(
      /`description`: repository says `"Wallboard SPA for team leads\."`, org has `"Edited by hand in the admin UI\."`/,
    );
    expect(issue!.body).toContain('Two ways out');
    expect(issue!.body).toMatch(/Keep the org's values[\s\S]*pull request/);
    expect(issue!.body).toMatch(/Restore the repository's values[\s\S]*apply/);
    expect(issueComments(issue!.number)).toEqual([]);

    const same = await check(3);
    expect(same.code).not.toBe(0);
    expect(world.github.issues()).toHaveLength(1);
    expect(world.github.issues()[0]!.body).toContain('runs/3');
    expect(same.outputs['issue-url']).toBe(issue!.html_url);
    expect(issueComments(issue!.number)).toEqual([]);

    world.emulator.editClient(dashboard.id, { accessTokenValiditySeconds: 600 });
    await check(4);
    expect(world.github.issues()).toHaveLength(1);
    expect(world.github.issues()[0]!.body).toMatch(/`access_token_validity_seconds`: repository says `86400/);
    expect(issueComments(issue!.number)).toHaveLength(1);
    expect(issueComments(issue!.number)[0]).toMatch(/drift changed/i);

    world.emulator.editClient(dashboard.id, {
      description: dashboard.description,
      accessTokenValiditySeconds: dashboard.accessTokenValiditySeconds,
    });
    const fixed = await check(5);
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(fixed.outputs['failure-reason']).toBeUndefined();
    expect(world.github.issues()).toMatchObject([{ number: issue!.number, state: 'closed' }]);
    expect(issueComments(issue!.number)).toHaveLength(2);
    expect(issueComments(issue!.number)[1]).toMatch(/no drift/i);

    world.emulator.editClient(dashboard.id, { scope: ['users'] });
    const back = await check(6);
    expect(back.outputs['failure-reason']).toBe('drift-detected');
    expect(world.github.issues()).toMatchObject([{ number: issue!.number, state: 'open', state_reason: 'reopened' }]);
    expect(world.github.issues()[0]!.body).toMatch(
      /`scopes`: repository has .*`notifications`.*, org does not; org has `users`, repository does not/,
    );
    expect(issueComments(issue!.number)).toHaveLength(3);
    expect(back.outputs['issue-url']).toBe(issue!.html_url);

    for (const run of runs) {
      const visible = everythingVisible(world, run);
      for (const secret of world.sentinels()) expect(visible).not.toContain(secret);
    }
  });

  it('treats workflow_dispatch as check: drift fails the run, opens the issue and writes nothing to Genesys', async () => {
    const run = await world.run({ eventName: 'workflow_dispatch', payload: { inputs: {}, ...scheduleEvent() } });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/genesys-oauth-sync: check \(a `workflow_dispatch` event\)/);
    expect(run.outputs['failure-reason']).toBe('drift-detected');
    expect(world.github.issues()).toHaveLength(1);
    expect(world.github.issues()[0]!.body).toMatch(/`ci-deployer` is \*\*missing\*\*/);
    expect(world.emulator.writes()).toEqual([]);
    expect(world.github.requests.filter((r) => r.method === 'POST' && r.path.includes('/comments'))).toEqual([]);
  });
});
