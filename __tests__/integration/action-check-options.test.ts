// The inputs that shape `check`: label, fail-on-drift, drift-issue, prune (the Action in process, emulator, fake GitHub).
import { describe, expect, it } from 'vitest';
import { everythingVisible, useWorld } from '../helpers/e2e-world.js';
import { pushEvent, scheduleEvent, type ActionRun } from '../helpers/run-action.js';

// The demo org drifts from the examples: agent-dashboard changed, five clients missing, one unmanaged.
const world = useWorld({ inProcess: true });

const check = (inputs: Record<string, string> = {}): Promise<ActionRun> =>
  world.run({ eventName: 'schedule', payload: scheduleEvent(), inputs });

async function applyRepository(): Promise<void> {
  const run = await world.run({ eventName: 'push', payload: pushEvent(), inputs: { mode: 'apply', 'auto-approve': 'true' } });
  expect(run.code, run.stdout + run.stderr).toBe(0);
}

function expectNoSecrets(run: ActionRun): void {
  const visible = everythingVisible(world, run);
  for (const secret of world.sentinels()) expect(visible).not.toContain(secret);
}

describe('check inputs (the Action in process)', () => {
  it('keeps a separate drift issue for each label in one repository', async () => {
    const dev = await check({ label: 'dev' });
    const prod = await check({ label: 'prod' });
    expect([dev.code, prod.code]).toEqual([1, 1]);
    const issues = world.github.issues();
    expect(issues).toHaveLength(2);
    expect(issues.map((i) => i.title)).toEqual([expect.stringMatching(/: dev$/), expect.stringMatching(/: prod$/)]);
    expect(dev.outputs['issue-url']).toBe(issues[0]!.html_url);
    expect(prod.outputs['issue-url']).toBe(issues[1]!.html_url);

    await applyRepository();
    const devFixed = await check({ label: 'dev' });
    expect(devFixed.code).toBe(0);
    expect(world.github.issues().map((i) => [i.title.split(': ').at(-1), i.state])).toEqual([
      ['dev', 'closed'],
      ['prod', 'open'],
    ]);
    expect(world.github.comments(issues[1]!.number)).toEqual([]);
    for (const run of [dev, prod, devFixed]) expectNoSecrets(run);
  });

  it('with fail-on-drift false exits 0 but still opens the issue', async () => {
    const run = await check({ 'fail-on-drift': 'false' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['failure-reason']).toBeUndefined();
    expect(run.stdout).not.toContain('::error::');
    expect(world.github.issues()).toMatchObject([{ state: 'open' }]);
    expect(run.outputs['issue-url']).toBe(world.github.issues()[0]!.html_url);
    expect(run.summary).toContain('The org differs from the repository');
  });

  it('with drift-issue false fails on drift without touching GitHub issues', async () => {
    const run = await check({ 'drift-issue': 'false' });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('drift-detected');
    expect(run.outputs['issue-url']).toBeUndefined();
    expect(world.github.issues()).toEqual([]);
    expect(world.github.requests.filter((r) => r.path.includes('/issues'))).toEqual([]);
    expect(run.summary).toContain('agent-dashboard');
  });

  it('lists unmanaged clients without calling them drift, unless prune is on, and never deletes them', async () => {
    await applyRepository();
    world.emulator.seedClient({ name: 'made-in-the-ui', authorizedGrantType: 'PASSWORD', scope: ['users:readonly'] });
    world.emulator.resetLog();

    const listed = await check();
    expect(listed.code, listed.stdout).toBe(0);
    expect(listed.outputs.unmanaged).toBe('2');
    expect(listed.summary).toMatch(/2 unmanaged clients[\s\S]*`legacy-ivr-lookup`, `made-in-the-ui`/);
    expect(listed.summary).toContain('No drift');
    expect(world.github.issues()).toEqual([]);

    const pruning = await check({ prune: 'true' });
    expect(pruning.code).toBe(1);
    expect(pruning.outputs['failure-reason']).toBe('drift-detected');
    expect(pruning.outputs['to-delete']).toBe('2');
    const [issue] = world.github.issues();
    expect(issue!.body).toMatch(
      /`made-in-the-ui` \(id `[^`]+`, created `[^`]+`\) is in the org but not in the repository, and `prune` is on/,
    );
    expect(world.emulator.writes()).toEqual([]);
    expect(world.emulator.listClients().map((c) => c.name)).toContain('made-in-the-ui');
  });

  it('reports a plan that fails on the org (a second client given a declared name in the UI) in the drift issue', async () => {
    await applyRepository();
    world.emulator.seedClient({ name: 'sso-bridge', authorizedGrantType: 'SAML2-BEARER', scope: ['users:readonly'] });

    const run = await check();

    expect(run.outputs['failure-reason']).toBe('plan-failed');
    const issues = world.github.issues();
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body).toContain('2 live clients are named `sso-bridge`');
    expectNoSecrets(run);
  });
});
