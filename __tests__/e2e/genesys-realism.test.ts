// Genesys as it really behaves, through dist/index.js: grant rules at their line, the Action's own client declared
// unchanged, a truncated client list, tokens/me without roles, and an apply of 50 changes while reads lag behind
// writes and deletes are soft (the e2e world's realistic emulator, on a clock the run's sleeps move).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS, type SeedClient } from '../../emulator/index.js';
import { writeDefinition } from '../helpers/e2e-apply.js';
import { useWorld } from '../helpers/e2e-world.js';
import { pullRequestEvent, pushEvent, scheduleEvent } from '../helpers/run-action.js';

const OWN_ROLES = ['admin', 'employee', 'Developer', 'Reporting Viewer', 'Telephony Admin', 'SCIM Integration'];
const OWN_CLIENT = `name: genesys-oauth-sync
description: The client genesys-oauth-sync authenticates as.
authorized_grant_type: CLIENT-CREDENTIALS
roles:
${OWN_ROLES.map((role) => `  - role: ${role}\n    division: "*"`).join('\n')}
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
    const drifted = await world.run({ eventName: 'schedule', payload: scheduleEvent() });
    expect(drifted.outputs['failure-reason']).toBe('drift-detected');
    expect(world.github.issues()).toMatchObject([{ state: 'open' }]);

    rmSync(join(world.workspace, 'genesys/oauth-clients/missing.yaml'));
    const clean = await world.run({ eventName: 'schedule', payload: scheduleEvent() });
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

const OLD = '2025-01-06T09:00:00.000Z';
const GRANT = [{ roleId: 'role-employee', divisionId: 'div-home' }];
/** 30 clients: the first 25 created long ago (Genesys keeps them 7 days when deleted), the last 5 yesterday. */
const THIRTY: SeedClient[] = Array.from({ length: 30 }, (_, i) => ({
  name: `app-${String(i).padStart(2, '0')}`,
  authorizedGrantType: 'CLIENT-CREDENTIALS',
  description: 'As clicked together',
  roleDivisions: GRANT,
  dateCreated: i < 25 ? OLD : new Date(Date.now() - DAY_MS).toISOString(),
}));

function definition(name: string, description: string): string {
  return (
    `name: ${name}\ndescription: ${description}\nauthorized_grant_type: CLIENT-CREDENTIALS\n` +
    'roles: [{ role_id: role-employee, division_id: div-home }]\n'
  );
}

const APPLY = { mode: 'apply', 'auto-approve': 'true', prune: 'true' };

describe('an apply while Genesys reads lag behind writes and deletes are soft (dist/index.js)', () => {
  const world = useWorld({ clients: THIRTY });

  it('creates 20, updates 20 and prune-deletes 10 without a failure, converged, and a second apply writes nothing', async () => {
    rmSync(join(world.workspace, 'genesys/oauth-clients'), { recursive: true });
    for (let i = 0; i < 20; i++) writeDefinition(world, `app-${i}.yaml`, definition(`app-${String(i).padStart(2, '0')}`, 'Declared'));
    for (let i = 0; i < 20; i++) writeDefinition(world, `new-${i}.yaml`, definition(`new-${String(i).padStart(2, '0')}`, 'New'));

    const first = await world.run({ eventName: 'push', payload: pushEvent(), inputs: APPLY });

    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.outputs).not.toHaveProperty('failure-reason');
    expect(first.outputs).toMatchObject({ 'to-create': '20', 'to-update': '20', 'to-delete': '10' });
    expect(first.summary).toContain('**20 created, 20 updated, 10 deleted**');
    expect(first.stdout).not.toContain('does not match its definition');
    // The read-back waited the lag out on the virtual clock: the reads by id came back, and nothing was written twice.
    expect(world.emulator.requests.some((r) => r.method === 'GET' && /^\/api\/v2\/oauth\/clients\/[^/]+$/.test(r.path))).toBe(true);
    expect(world.emulator.writes().filter((w) => w.method === 'POST')).toHaveLength(20);
    const live = world.emulator.listClients();
    expect(live.filter((c) => c.name.startsWith('new-'))).toHaveLength(20);
    // The 5 old clients wait out their 7 days inactive; the 5 young ones are gone.
    const going = live.filter((c) => c.dateToDelete !== undefined).map((c) => c.name);
    expect(going.sort()).toEqual(['app-20', 'app-21', 'app-22', 'app-23', 'app-24']);
    expect(live.some((c) => ['app-25', 'app-29'].includes(c.name))).toBe(false);
    world.emulator.resetLog();

    const second = await world.run({ eventName: 'push', payload: pushEvent(), inputs: APPLY });

    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.outputs).toMatchObject({ 'has-changes': 'false', 'to-create': '0', 'to-delete': '0' });
    expect(world.emulator.writes()).toEqual([]);
    const names = world.emulator.listClients().map((c) => c.name);
    expect(names.length).toBe(new Set(names).size);
  });

  it('reports a soft-deleted client as awaiting deletion, never plans it again, and a same-name definition creates a new one', async () => {
    rmSync(join(world.workspace, 'genesys/oauth-clients'), { recursive: true });
    for (let i = 0; i < 30; i++)
      if (i !== 3) writeDefinition(world, `app-${i}.yaml`, definition(`app-${String(i).padStart(2, '0')}`, 'As clicked together'));
    const pruned = await world.run({ eventName: 'push', payload: pushEvent(), inputs: APPLY });
    expect(pruned.code, pruned.stdout).toBe(0);
    expect(pruned.outputs['to-delete']).toBe('1');
    const going = world.emulator.listClients().find((c) => c.name === 'app-03');
    expect(going).toMatchObject({ state: 'inactive', dateToDelete: expect.any(String) });

    const plan = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(8), inputs: { prune: 'true' } });
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.outputs).toMatchObject({ 'has-changes': 'false', 'to-delete': '0', unmanaged: '0' });
    expect(plan.summary).toContain('1 client awaiting deletion');
    expect(plan.summary).toContain('app-03');

    writeDefinition(world, 'app-3.yaml', definition('app-03', 'Back again'));
    world.emulator.resetLog();
    const recreated = await world.run({ eventName: 'push', payload: pushEvent(), inputs: APPLY });

    expect(recreated.code, recreated.stdout).toBe(0);
    expect(recreated.outputs).toMatchObject({ 'to-create': '1', 'to-update': '0', 'to-delete': '0' });
    expect(world.emulator.writes().map((w) => `${w.method} ${w.path}`)).toEqual(['POST /api/v2/oauth/clients']);
    const both = world.emulator.listClients().filter((c) => c.name === 'app-03');
    expect(both).toHaveLength(2);
    expect(both.find((c) => c.id !== going?.id)).toMatchObject({ state: 'active', description: 'Back again' });
  });
});
