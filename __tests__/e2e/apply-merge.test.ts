// Apply on merge, the happy path and the review gate: plan on the PR, merge, push (SPEC §4, §7).
import { describe, expect, it } from 'vitest';
import type { EmulatedClient } from '../../emulator/index.js';
import { APP_BASE_URL, useWorld, type World } from '../helpers/e2e-world.js';
import { MERGE_SHA, PR_NUMBER, clientsByName, markerOf, planAndMerge, pushMerge } from '../helpers/e2e-apply.js';

const world = useWorld();

/** The fields a definition controls, with sets sorted, as the org stores them. */
type Shape = Omit<EmulatedClient, 'id' | 'name' | 'secret' | 'dateCreated' | 'dateModified' | 'selfUri' | 'roleDivisions'> & {
  roleDivisions: string[];
};

function shapeOf(client: EmulatedClient): Shape {
  return {
    authorizedGrantType: client.authorizedGrantType,
    description: client.description,
    accessTokenValiditySeconds: client.accessTokenValiditySeconds,
    registeredRedirectUri: [...client.registeredRedirectUri].sort(),
    scope: [...client.scope].sort(),
    roleDivisions: client.roleDivisions.map((g) => `${g.roleId}@${g.divisionId}`).sort(),
    state: client.state,
  };
}

const base: Omit<Shape, 'authorizedGrantType'> = {
  description: '',
  accessTokenValiditySeconds: 86_400,
  registeredRedirectUri: [],
  scope: [],
  roleDivisions: [],
  state: 'active',
};

// examples/genesys/oauth-clients as the org must hold them: role names resolved to ids, no division = home.
const EXPECTED_ORG: Record<string, Shape> = {
  'agent-dashboard': {
    ...base,
    authorizedGrantType: 'TOKEN',
    description: 'Wallboard SPA for team leads.',
    registeredRedirectUri: ['http://localhost:5173/', 'https://dashboard.example.com/'],
    scope: ['analytics:readonly', 'notifications', 'presence:readonly', 'routing:readonly'],
  },
  'bi-warehouse-export': {
    ...base,
    authorizedGrantType: 'CLIENT-CREDENTIALS',
    description: 'Nightly export of analytics to the data warehouse.',
    roleDivisions: ['role-reporting-viewer@*'],
  },
  'ci-deployer': {
    ...base,
    authorizedGrantType: 'CLIENT-CREDENTIALS',
    description: 'Deploys Architect flows and routing configuration from CI.',
    accessTokenValiditySeconds: 3600,
    roleDivisions: [
      'role-developer@div-home',
      'role-reporting-viewer@*',
      'role-telephony-admin@div-sales',
      'role-telephony-admin@div-support',
    ],
  },
  'customer-portal': {
    ...base,
    authorizedGrantType: 'CODE',
    description: 'Customer self-service portal (server-side login).',
    accessTokenValiditySeconds: 7200,
    registeredRedirectUri: [`${APP_BASE_URL}/oauth/callback`, `${APP_BASE_URL}/oauth/silent-renew`],
    scope: ['conversations', 'presence:readonly', 'users:readonly'],
  },
  'quality-webhooks': {
    ...base,
    authorizedGrantType: 'CLIENT-CREDENTIALS',
    description: "Receives quality evaluation events for the Support team's coaching tool.",
    accessTokenValiditySeconds: 900,
    roleDivisions: ['role-employee@div-support', 'role-reporting-viewer@div-support'],
  },
  'sso-bridge': {
    ...base,
    authorizedGrantType: 'SAML2-BEARER',
    description: 'Intranet widgets signed in through the corporate IdP.',
    accessTokenValiditySeconds: 1800,
    scope: ['conversations:readonly', 'users:readonly'],
  },
  'wfm-forecast-sync': {
    ...base,
    authorizedGrantType: 'CLIENT-CREDENTIALS',
    description: 'Pushes forecasts from the workforce planning tool (paused until the vendor upgrade).',
    roleDivisions: ['role-employee@div-support', 'role-reporting-viewer@div-support'],
    state: 'inactive',
  },
};

describe('apply on merge (dist/index.js for a push to the default branch)', () => {
  it('applies the reviewed plan so the org matches the definitions field by field, and marks the same PR comment applied', async () => {
    const planRun = await planAndMerge(world);
    const reviewed = world.github.comments(PR_NUMBER);
    expect(markerOf(reviewed[0]!.body).status).toBe('planned');

    const run = await pushMerge(world);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    const byName = clientsByName(world);
    for (const [name, expected] of Object.entries(EXPECTED_ORG)) {
      expect(byName.get(name)?.length, `${name} exists once`).toBe(1);
      expect(shapeOf(byName.get(name)![0]!), name).toEqual(expected);
    }
    // Unmanaged without `prune`, and the Action's own client: both still there, untouched.
    expect(byName.get('legacy-ivr-lookup')).toHaveLength(1);
    expect(byName.get('genesys-oauth-sync')).toHaveLength(1);
    expect([...byName.keys()].sort()).toEqual([...Object.keys(EXPECTED_ORG), 'genesys-oauth-sync', 'legacy-ivr-lookup'].sort());

    expect(run.outputs).toMatchObject({ 'has-changes': 'true', 'to-create': '5', 'to-update': '1', 'to-delete': '0', unmanaged: '1' });
    expect(run.outputs['plan-hash']).toBe(planRun.outputs['plan-hash']);
    expect(run.outputs).not.toHaveProperty('failure-reason');

    const comments = world.github.comments(PR_NUMBER);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(reviewed[0]!.id);
    expect(run.outputs['comment-url']).toBe(comments[0]!.html_url);
    const body = comments[0]!.body;
    expect(markerOf(body)).toMatchObject({ status: 'applied', hash: planRun.outputs['plan-hash'] });
    expect(body).toContain('**5 created, 1 updated, 0 deleted**');
    expect(body).toContain('✅ Plan applied');
    expect(run.summary).toContain('✅ Plan applied');
  });

  it('makes no writes on a second push right after a successful apply, and still succeeds', async () => {
    await planAndMerge(world);
    const first = await pushMerge(world);
    expect(first.code, first.stdout).toBe(0);
    world.emulator.resetLog();

    const second = await pushMerge(world);

    expect(second.code, second.stdout).toBe(0);
    expect(world.emulator.writes()).toEqual([]);
    expect(second.outputs).toMatchObject({ 'has-changes': 'false', 'to-create': '0', 'to-update': '0', 'to-delete': '0' });
    expect(second.outputs).not.toHaveProperty('failure-reason');
    expect(world.github.comments(PR_NUMBER)).toHaveLength(1);
  });
});

describe('apply without a reviewed plan', () => {
  const unreviewed: [string, (w: World) => Promise<void>][] = [
    ['a push with no merged pull request', async () => {}],
    ['a merged pull request that has no plan comment', async (w) => w.github.addPullForCommit(MERGE_SHA, { number: 9, merged: true })],
    ['a pull request that was closed without merging', async (w) => w.github.addPullForCommit(MERGE_SHA, { number: 9, merged: false })],
  ];

  it.each(unreviewed)('refuses %s with not-reviewed, exits non-zero and writes nothing', async (_, arrange) => {
    await arrange(world);

    const run = await pushMerge(world);

    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('not-reviewed');
    expect(world.emulator.writes()).toEqual([]);
    expect(run.summary).toContain('Not applied: no reviewed plan was found');
    expect(run.summary).toContain('auto-approve: true');
    expect(clientsByName(world).has('ci-deployer')).toBe(false);
  });

  it('applies a push with no merged pull request when auto-approve is true', async () => {
    const run = await pushMerge(world, { 'auto-approve': 'true' });

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).not.toHaveProperty('failure-reason');
    const byName = clientsByName(world);
    for (const [name, expected] of Object.entries(EXPECTED_ORG)) expect(shapeOf(byName.get(name)![0]!), name).toEqual(expected);
    expect(world.github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('still applies with auto-approve when GitHub refuses the pull request lookup (only the comment is lost)', async () => {
    world.github.failWith('GET', /\/commits\/[0-9a-f]+\/pulls$/, 403, 'Resource not accessible by integration');

    const run = await pushMerge(world, { 'auto-approve': 'true' });

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(clientsByName(world).get('ci-deployer')).toHaveLength(1);
    expect(world.github.requests.some((r) => r.path.includes('/pulls'))).toBe(true);
  });

  it('makes a second push with no pull request a no-op that needs no approval once the org matches', async () => {
    await pushMerge(world, { 'auto-approve': 'true' });
    world.emulator.resetLog();

    const run = await pushMerge(world);

    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['has-changes']).toBe('false');
    expect(world.emulator.writes()).toEqual([]);
  });
});
