// Genesys as it really behaves, through dist/index.js: grant rules at their line, the Action's own client declared
// unchanged, a truncated client list, tokens/me without roles.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDefinition } from '../helpers/e2e-apply.js';
import { useWorld } from '../helpers/e2e-world.js';
import { pullRequestEvent, pushEvent } from '../helpers/run-action.js';

const OWN_CLIENT = `name: genesys-oauth-sync
description: The client genesys-oauth-sync authenticates as.
authorized_grant_type: CLIENT-CREDENTIALS
roles:
${['admin', 'employee', 'Developer', 'Reporting Viewer', 'Telephony Admin', 'SCIM Integration'].map((role) => `  - role: ${role}\n    division: "*"`).join('\n')}
`;

describe('grant rules and the own client (dist/index.js)', () => {
  const world = useWorld({ clients: [] });

  it('annotates scopes on CLIENT-CREDENTIALS and roles on CODE at their lines, and sends nothing to Genesys', async () => {
    rmSync(join(world.workspace, 'genesys/oauth-clients'), { recursive: true });
    writeDefinition(
      world,
      'robot.yaml',
      'name: robot\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [{ role: employee }]\nscopes: [users]\n',
    );
    writeDefinition(
      world,
      'web.yaml',
      'name: web\nauthorized_grant_type: CODE\nregistered_redirect_uris: [https://w/]\nscopes: [users]\nroles: [{ role: employee }]\n',
    );
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(3) });
    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('validation-failed');
    expect(run.stdout).toMatch(/::error title=[^,]*,file=genesys\/oauth-clients\/robot\.yaml,line=4,col=1::`scopes` must not be set/);
    expect(run.stdout).toMatch(/::error title=[^,]*,file=genesys\/oauth-clients\/web\.yaml,line=5,col=1::`roles` must not be set/);
    expect(world.emulator.requests).toEqual([]);
  });

  it('plans clean with the own client declared unchanged, and check on an org in sync closes the drift issue', async () => {
    rmSync(join(world.workspace, 'genesys/oauth-clients'), { recursive: true });
    writeDefinition(world, 'own.yaml', OWN_CLIENT);
    const plan = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(4) });
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.outputs).toMatchObject({ 'has-changes': 'false', 'to-create': '0', unmanaged: '0' });

    writeDefinition(
      world,
      'missing.yaml',
      'name: missing\nauthorized_grant_type: CODE\nregistered_redirect_uris: [https://m/]\nscopes: [users]\n',
    );
    const drifted = await world.run({ eventName: 'schedule', payload: { repository: pushEvent().repository } });
    expect(drifted.outputs['failure-reason']).toBe('drift-detected');
    expect(world.github.issues()).toMatchObject([{ state: 'open' }]);

    rmSync(join(world.workspace, 'genesys/oauth-clients/missing.yaml'));
    const clean = await world.run({ eventName: 'schedule', payload: { repository: pushEvent().repository } });
    expect(clean.code, clean.stdout).toBe(0);
    expect(world.github.issues()).toMatchObject([{ state: 'closed' }]);
  });
});

describe('a client list cut short, and tokens/me without roles (dist/index.js)', () => {
  const world = useWorld({ emulator: { fidelity: { tokenRoles: false }, selfGrants: [{ roleId: 'role-employee', divisionId: '*' }] } });

  it('fails the plan when the list returns fewer clients than its total, and writes nothing', async () => {
    world.emulator.setFidelity({ listLimit: 2 });
    const run = await world.run({ eventName: 'push', payload: pushEvent(), inputs: { mode: 'apply', 'auto-approve': 'true' } });
    expect(run.code).not.toBe(0);
    expect(run.summary).toContain("Genesys listed 2 of the org's 4 OAuth clients");
    expect(world.emulator.writes()).toEqual([]);
    const plan = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(5) });
    expect(plan.outputs['failure-reason']).toBe('plan-failed');
  });

  it("checks grants against the own client's list entry when tokens/me carries no roles", async () => {
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(6) });
    expect(run.outputs['failure-reason']).toBe('plan-failed');
    expect(run.summary).toContain('does not hold role `Developer');
    expect(run.summary).not.toContain('showed no roles');
  });
});
