// The plan engine's edges that change what a user gets: each test here was written against a mutant that survived
// the rest of the suite (issue 10), so each names the wrong plan it prevents.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diffClient } from '../../src/core/diff.js';
import { hashAction, hashChangeSet } from '../../src/core/hash.js';
import { isIgnored, matchClients } from '../../src/core/match.js';
import { buildPlan } from '../../src/core/plan.js';
import type { LiveClient, PlanAction, RoleGrant } from '../../src/core/types.js';
import {
  aDefinition,
  aLiveClient,
  anOrg,
  aSpec,
  clientId,
  DIVISIONS,
  divisionId,
  PLAN_OPTIONS,
  ROLES,
  roleId,
  SELF_ID,
} from '../helpers/builders.js';

const employeeHome: RoleGrant = { role_id: roleId('role-employee'), division_id: divisionId('div-home') };
const adminHome: RoleGrant = { role_id: roleId('role-admin'), division_id: divisionId('div-home') };

describe('diffClient', () => {
  const webApp = aSpec({
    name: 'web-app',
    authorized_grant_type: 'CODE',
    registered_redirect_uris: ['https://app.example.com/cb'],
    scopes: ['a', 'b'],
    roles: [],
  });

  it('shows a scope swapped for another as one added and one removed, even when every set of the client is filled', () => {
    // Live clients can carry all three sets (Genesys keeps what it was sent); the quick equality check must not
    // take "shares a member" for "same members".
    const filled = { ...webApp, roles: [employeeHome] };
    const changes = diffClient({ ...filled, scopes: ['a', 'c'] }, filled);
    expect(changes).toEqual([{ kind: 'set', field: 'scopes', added: ['c'], removed: ['b'] }]);
  });

  it('shows every scalar field that changes when all of them change at once, with the same sets', () => {
    const current = aSpec({ roles: [] });
    const desired = aSpec({
      name: 'renamed',
      description: 'new',
      authorized_grant_type: 'CODE',
      access_token_validity_seconds: 3_600,
      state: 'inactive',
      roles: [],
    });
    expect(diffClient(desired, current).map((change) => change.field)).toEqual([
      'state',
      'name',
      'authorized_grant_type',
      'access_token_validity_seconds',
      'description',
    ]);
  });

  it('shows a change of redirect URIs alone', () => {
    const changes = diffClient({ ...webApp, registered_redirect_uris: ['https://app.example.com/other'] }, webApp);
    expect(changes).toEqual([
      { kind: 'set', field: 'registered_redirect_uris', added: ['https://app.example.com/other'], removed: ['https://app.example.com/cb'] },
    ]);
  });

  it('names the role that is granted, not another role of the client', () => {
    const current = aSpec({ roles: [{ ...adminHome, role_name: 'admin' }] });
    const desired = aSpec({
      roles: [
        { ...adminHome, role_name: 'admin' },
        { ...employeeHome, role_name: 'employee' },
      ],
    });
    const [change] = diffClient(desired, current);
    expect(change).toEqual({ kind: 'roles', field: 'roles', added: [{ ...employeeHome, role_name: 'employee' }], removed: [] });
  });
});

describe('buildPlan: roles and divisions', () => {
  it('grants a role with `division_id` in that division, not in the home division', () => {
    const plan = buildPlan(
      [aDefinition({ name: 'sales-bot', roles: [{ role: 'employee', division_id: 'div-sales' }] })],
      anOrg(),
      PLAN_OPTIONS,
    );
    const create = plan.actions.find((action) => action.kind === 'create');
    expect(create?.kind === 'create' && create.desired.roles.map((grant) => grant.division_id)).toEqual(['div-sales']);
  });

  it('reports an unknown `division_id` as a problem at the definition, and plans nothing for it', () => {
    const plan = buildPlan([aDefinition({ name: 'x', roles: [{ role: 'employee', division_id: 'div-nowhere' }] })], anOrg(), PLAN_OPTIONS);
    expect(plan.actions).toEqual([]);
    expect(plan.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('`div-nowhere` does not exist')]);
  });
});

describe('buildPlan: role and division references it cannot resolve', () => {
  const messages = (definition: ReturnType<typeof aDefinition>, org = anOrg()) => {
    const plan = buildPlan([definition], org, PLAN_OPTIONS);
    expect(plan.actions).toEqual([]);
    return plan.problems.map((problem) => problem.message);
  };
  const division = (n: number) => ({ id: divisionId(`div-${n}`), name: `Division ${String(n).padStart(2, '0')}` });
  const divisions = (count: number) => Array.from({ length: count - 1 }, (_, i) => division(i + 1));

  it('refuses a `role_id` the org does not have, even beside a role it does have', () => {
    expect(messages(aDefinition({ roles: [{ role_id: 'role-nowhere' }, { role: 'employee' }] }))).toEqual([
      'Role id `role-nowhere` does not exist in the org.',
    ]);
  });

  it('refuses a role name two roles share, naming both, and grants neither', () => {
    const org = anOrg({ roles: [...ROLES, { id: roleId('role-ops-1'), name: 'Ops' }, { id: roleId('role-ops-2'), name: 'Ops' }] });
    expect(messages(aDefinition({ roles: [{ role: 'employee' }, { role: 'Ops' }] }), org)).toEqual([
      'Role name `Ops` is shared by 2 roles (role-ops-1, role-ops-2); use `role_id` instead.',
    ]);
  });

  it('refuses a division name two divisions share', () => {
    const org = anOrg({
      divisions: [...DIVISIONS, { id: divisionId('div-ops-1'), name: 'Ops' }, { id: divisionId('div-ops-2'), name: 'Ops' }],
    });
    expect(messages(aDefinition({ roles: [{ role: 'employee', division: 'Ops' }] }), org)).toEqual([
      'Division name `Ops` is shared by 2 divisions; use `division_id` instead.',
    ]);
  });

  it('lists the roles the org has in order when nothing is close to what was written', () => {
    expect(messages(aDefinition({ roles: [{ role: 'Quarterly Reporting Bot' }] }))).toEqual([
      'Role `Quarterly Reporting Bot` does not exist in the org; the org has `Developer`, `admin`, `employee`.',
    ]);
  });

  it('lists nothing after an unknown role when the org has no roles', () => {
    expect(messages(aDefinition({ roles: [{ role: 'Quarterly Reporting Bot' }] }), anOrg({ roles: [] }))).toEqual([
      'Role `Quarterly Reporting Bot` does not exist in the org.',
    ]);
  });

  it('lists twelve divisions after an unknown one, and none of thirteen', () => {
    const wanted = aDefinition({ roles: [{ role: 'employee', division: 'Quarterly Reporting' }] });
    const [twelve] = messages(wanted, anOrg({ divisions: divisions(12) }));
    expect(twelve).toMatch(/^Division `Quarterly Reporting` does not exist in the org; the org has `Division 01`, .*`Home`\.$/);
    expect(messages(wanted, anOrg({ divisions: divisions(13) }))).toEqual(['Division `Quarterly Reporting` does not exist in the org.']);
  });
});

describe('buildPlan: the Action must hold what it grants', () => {
  const onlyEmployeeInSales = {
    clientId: SELF_ID,
    clientName: 'genesys-oauth-sync',
    grants: [{ role_id: roleId('role-employee'), division_id: divisionId('div-sales') }],
  };

  it('refuses a grant in a division where the Action holds the role only elsewhere', () => {
    const plan = buildPlan(
      [aDefinition({ name: 'bot', roles: [{ role: 'employee' }] })],
      anOrg({ self: onlyEmployeeInSales }),
      PLAN_OPTIONS,
    );
    expect(plan.problems).toEqual([expect.objectContaining({ client: 'bot', message: expect.stringContaining('does not hold role') })]);
  });

  it('checks the roles of a client that `prune` would delete', () => {
    const org = anOrg({ self: onlyEmployeeInSales });
    org.clients.push(aLiveClient({ id: clientId('old'), name: 'old-admin', roles: [adminHome] }));
    const plan = buildPlan([aDefinition({ name: 'x', roles: [{ role: 'employee', division: 'Sales' }] })], org, {
      ...PLAN_OPTIONS,
      prune: true,
    });
    expect(plan.problems).toEqual([expect.objectContaining({ client: 'old-admin', message: expect.stringContaining('delete') })]);
  });
});

describe('buildPlan: matching', () => {
  it('refuses a name that two live clients share once trimmed, and plans no delete for either', () => {
    const org = anOrg();
    org.clients.push(aLiveClient({ id: clientId('a'), name: 'twin' }), aLiveClient({ id: clientId('b'), name: 'twin ' }));
    const plan = buildPlan([aDefinition({ name: 'twin' })], org, { ...PLAN_OPTIONS, prune: true });
    expect(plan.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/twin/)]);
    expect(plan.actions.filter((action) => action.kind === 'delete')).toEqual([]);
  });

  it('reports a pinned id that matches no live client, and never offers the meant client for pruning', () => {
    const org = anOrg();
    org.clients.push(aLiveClient({ id: clientId('live-real'), name: 'integration' }));
    const plan = buildPlan([aDefinition({ id: 'live-typo' })], org, { ...PLAN_OPTIONS, prune: true });
    expect(plan.problems.length).toBeGreaterThan(0);
    expect(plan.actions.filter((action) => action.kind === 'delete').map((action) => action.client)).toEqual([]);
  });

  it('refuses two definitions that claim one live client', () => {
    const org = anOrg();
    org.clients.push(aLiveClient({ id: clientId('live-1'), name: 'integration' }));
    const definitions = [aDefinition({ name: 'integration' }), aDefinition({ name: 'integration-2', id: 'live-1' })];
    const plan = buildPlan(definitions, org, PLAN_OPTIONS);
    expect(plan.problems.length).toBeGreaterThan(0);
  });
});

describe('matchClients', () => {
  const own = () => aLiveClient({ id: SELF_ID, name: 'genesys-oauth-sync', roles: [adminHome] });
  const idLine = { file: 'genesys/oauth-clients/integration.yaml', line: 4, column: 5 };

  it('points a pinned id that matches nothing at its `id:` line, and says a new client will be created', () => {
    const { matches, warnings, problems } = matchClients([aDefinition({ id: 'gone-id', idPosition: idLine })], [own()], SELF_ID);
    expect(problems).toEqual([]);
    expect(matches).toEqual([{ definition: expect.objectContaining({ name: 'integration' }) }]);
    expect(warnings).toEqual([
      {
        ...idLine,
        client: 'integration',
        message: 'Pinned id `gone-id` does not exist in the org: a new client will be created with a new id. Update `id` after the apply.',
      },
    ]);
  });

  it('says a pinned id does not exist even while another client is awaiting deletion', () => {
    const going = aLiveClient({ id: clientId('other'), name: 'other', state: 'deleted' });
    const { warnings } = matchClients([aDefinition({ id: 'gone-id' })], [own(), going], SELF_ID);
    expect(warnings.map((warning) => warning.message)).toEqual([expect.stringContaining('`gone-id` does not exist in the org')]);
  });

  it('points a pinned-id typo at the `id:` line when the definition has one', () => {
    const live = aLiveClient({ roles: [] });
    const { problems } = matchClients([aDefinition({ id: 'typo', idPosition: idLine })], [own(), live], SELF_ID);
    expect(problems).toEqual([{ ...idLine, client: 'integration', message: expect.stringContaining('Pinned id `typo`') }]);
  });

  it('warns nothing for a pinned id that matches a live client', () => {
    const live = aLiveClient({ roles: [adminHome] });
    const { matches, warnings } = matchClients([aDefinition({ id: 'live-1' })], [own(), live], SELF_ID);
    expect(warnings).toEqual([]);
    expect(matches[0]?.live?.id).toBe('live-1');
  });

  it('warns that a client matched by name only with roles could be swapped, naming its id and creation day', () => {
    const live = aLiveClient({ roles: [adminHome], dateCreated: '2024-03-05T10:11:12Z' });
    const { warnings } = matchClients([aDefinition()], [own(), live], SELF_ID);
    expect(warnings).toEqual([
      {
        file: 'genesys/oauth-clients/integration.yaml',
        line: 1,
        column: 1,
        client: 'integration',
        message:
          '`integration` is matched by name only, and holds roles: whoever can rename clients in Genesys could give another ' +
          'client this name and it would get these roles. Pin it with `id: live-1` (the client matched now, created 2024-03-05); ' +
          '`export` writes pins.',
      },
    ]);
  });

  it('leaves the creation day out of the name-only warning when Genesys gives none', () => {
    const { warnings } = matchClients([aDefinition()], [own(), aLiveClient({ roles: [adminHome] })], SELF_ID);
    expect(warnings.map((warning) => warning.message)).toEqual([expect.stringContaining('(the client matched now); `export`')]);
  });

  it.each([
    ['a client without roles', [aDefinition()], [aLiveClient({ roles: [] })]],
    ["the Action's own client", [aDefinition({ name: 'genesys-oauth-sync' })], []],
  ])('gives no name-only warning for %s: there are no roles to steal', (_what, definitions, clients) => {
    expect(matchClients(definitions, [own(), ...clients], SELF_ID).warnings).toEqual([]);
  });

  it('refuses a definition of a client disabled by Genesys support, and never lists that client as unmanaged', () => {
    const locked = aLiveClient({ state: 'disabled' });
    const { matches, problems, undeclared } = matchClients([aDefinition()], [own(), locked], SELF_ID);
    expect(matches).toEqual([]);
    expect(undeclared).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        client: 'integration',
        message:
          '`integration` (live-1) was disabled by Genesys support and cannot be managed. ' +
          'Remove this definition (or its `id`), or ask Genesys support to re-enable the client.',
      }),
    ]);
  });

  it('refuses a second definition of a live client already claimed, naming the first one and where it is', () => {
    const first = aDefinition({ source: { file: 'a.yaml', line: 3, column: 1 } });
    const second = aDefinition({ name: 'integration-2', id: 'live-1', source: { file: 'b.yaml', line: 8, column: 1 } });
    const { matches, problems } = matchClients([first, second], [own(), aLiveClient({ roles: [] })], SELF_ID);
    expect(matches.map((match) => match.definition.name)).toEqual(['integration']);
    expect(problems).toEqual([
      {
        file: 'b.yaml',
        line: 8,
        column: 1,
        client: 'integration-2',
        message:
          'Live client live-1 is already managed by the definition `integration` (a.yaml:3). Pin this definition to ' +
          'another client with `id`, or remove one of the two.',
      },
    ]);
  });

  it.each([
    ['a state', { field: 'state', value: 'archived' }, 'state `archived`'],
    ['a grant type', { field: 'authorized_grant_type', value: 'PKCE' }, 'grant type `PKCE`'],
  ] as const)('refuses a definition of a client with %s it does not know, naming it', (_what, unrecognised, named) => {
    const odd = aLiveClient({ state: 'unknown', unrecognised });
    const { matches, problems } = matchClients([aDefinition()], [own(), odd], SELF_ID);
    expect(matches).toEqual([]);
    expect(problems.map((problem) => problem.message)).toEqual([
      `\`integration\` (live-1) has ${named}, which this Action does not know, so it is left alone. ` +
        'Remove this definition (or its `id`), or manage the client in Genesys Cloud.',
    ]);
  });

  it.each([
    ['a deletion date', { dateToDelete: '2026-12-01T00:00:00Z' }],
    ['a state it does not know', { unrecognised: { field: 'state', value: 'archived' } }],
  ] as const)("never leaves the Action's own client alone for %s: it stays matched to its definition", (_what, odd) => {
    const self: LiveClient = { ...own(), ...odd };
    const { matches, leftAlone, problems } = matchClients([aDefinition({ name: 'genesys-oauth-sync' })], [self], SELF_ID);
    expect(leftAlone).toEqual([]);
    expect(problems).toEqual([]);
    expect(matches).toEqual([expect.objectContaining({ live: self, self: true })]);
  });
});

describe('buildPlan: token lifetimes', () => {
  const long = { access_token_validity_seconds: 172_801 };

  it('refuses a new client whose token lifetime is above 48 hours without a SCIM role, and plans nothing for it', () => {
    const plan = buildPlan([aDefinition(long)], anOrg(), PLAN_OPTIONS);
    expect(plan.actions).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({ client: 'integration', message: expect.stringContaining('is 172801, above 172800 (48 hours)') }),
    ]);
  });

  it('keeps a lifetime above 48 hours that the live client already has: Genesys accepted it there', () => {
    const plan = buildPlan([aDefinition(long)], { ...anOrg(), clients: [...anOrg().clients, aLiveClient(long)] }, PLAN_OPTIONS);
    expect(plan.problems).toEqual([]);
    expect(plan.actions).toEqual([{ kind: 'noop', client: 'integration', id: 'live-1' }]);
  });

  it('does not judge the lifetime of a definition whose roles it cannot resolve: the unknown role may be the SCIM one', () => {
    const plan = buildPlan([aDefinition({ ...long, roles: [{ role: 'Quarterly Reporting Bot' }] })], anOrg(), PLAN_OPTIONS);
    expect(plan.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^Role `Quarterly Reporting Bot` does not/)]);
  });
});

describe("buildPlan: the Action's own client", () => {
  it('names the fields a definition of its own client differs in, and how to fix it', () => {
    const plan = buildPlan([aDefinition({ name: 'genesys-oauth-sync', description: 'mine' })], anOrg(), PLAN_OPTIONS);
    expect(plan.problems.map((problem) => problem.message)).toEqual([
      '`genesys-oauth-sync` is the OAuth client this Action authenticates as, and the Action never changes its own client; ' +
        'this definition differs from it in `roles`, `description`. Make the definition match the live client, or remove it.',
    ]);
  });

  it('raises no empty-folder alarm when pruning an org that holds only its own client', () => {
    const plan = buildPlan([], anOrg(), { ...PLAN_OPTIONS, prune: true });
    expect(plan.problems).toEqual([]);
    expect(plan.actions).toEqual([]);
  });
});

describe('buildPlan: order and shape', () => {
  it('lists actions by client name, then by kind, whatever order the definitions and the org come in', () => {
    const org = anOrg();
    org.clients.push(
      aLiveClient({ id: clientId('old-x'), name: 'old-name', roles: [] }),
      aLiveClient({ id: clientId('stray-x'), name: 'x', roles: [] }),
      aLiveClient({ id: clientId('stray-m'), name: 'm', roles: [] }),
    );
    const definitions = [aDefinition({ name: 'x', id: 'old-x' }), aDefinition({ name: 'b' }), aDefinition({ name: 'a' })];
    const plan = buildPlan(definitions, org, { ...PLAN_OPTIONS, prune: true });
    expect(plan.actions.map((action) => [action.client, action.kind])).toEqual([
      ['a', 'create'],
      ['b', 'create'],
      ['m', 'delete'],
      ['x', 'delete'],
      ['x', 'update'],
    ]);
  });

  it('lists unmanaged clients by name', () => {
    const org = anOrg();
    org.clients.push(aLiveClient({ id: clientId('z'), name: 'zeta' }), aLiveClient({ id: clientId('a'), name: 'alpha' }));
    expect(buildPlan([], org, PLAN_OPTIONS).unmanaged.map((client) => client.name)).toEqual(['alpha', 'zeta']);
  });

  it('lists clients left alone by name, then by id', () => {
    const org = anOrg();
    org.clients.push(
      aLiveClient({ id: clientId('old-2'), name: 'old', state: 'deleted' }),
      aLiveClient({ id: clientId('old-1'), name: 'old', state: 'deleted' }),
      aLiveClient({ id: clientId('gone'), name: 'gone', state: 'deleted' }),
    );
    expect(buildPlan([], org, PLAN_OPTIONS).leftAlone?.map((client) => client.id)).toEqual(['gone', 'old-1', 'old-2']);
  });

  it('carries no list of clients left alone when there are none', () => {
    expect(buildPlan([aDefinition()], anOrg(), PLAN_OPTIONS)).not.toHaveProperty('leftAlone');
  });
});

describe('isIgnored', () => {
  it('treats every character but `*` literally', () => {
    expect(isIgnored('tmp.x', ['tmp.x'])).toBe(true);
    expect(isIgnored('tmpax', ['tmp.x'])).toBe(false);
    expect(isIgnored('a+b', ['a+b'])).toBe(true);
    expect(isIgnored('aab', ['a+b'])).toBe(false);
    expect(isIgnored('x(1)', ['x(1)'])).toBe(true);
  });

  it('reads an ignore pattern without the spaces around it', () => {
    expect(isIgnored('legacy-import', [' legacy-* '])).toBe(true);
  });

  it('ignores nothing for a blank pattern, not even a client with a blank name', () => {
    expect(isIgnored('', ['', '   '])).toBe(false);
  });

  it('keeps a client that a pattern with regex characters does not name out of pruning decisions', () => {
    const org = anOrg();
    org.clients.push(aLiveClient({ id: clientId('u'), name: 'tmpax' }));
    const plan = buildPlan([aDefinition()], org, { ...PLAN_OPTIONS, prune: true, ignore: ['tmp.x'] });
    expect(plan.actions.filter((action) => action.kind === 'delete').map((action) => action.client)).toEqual(['tmpax']);
  });
});

describe('hashChangeSet', () => {
  const create = (delivery: Extract<PlanAction, { kind: 'create' }>['delivery']): PlanAction => ({
    kind: 'create',
    client: 'web',
    desired: aSpec({ name: 'web' }),
    delivery,
  });

  it('changes when a secret would be written to another folder', () => {
    const a = hashChangeSet([create({ expose_client_secret: false, directory_client_secret: 'secrets' })]);
    const b = hashChangeSet([create({ expose_client_secret: false, directory_client_secret: 'elsewhere' })]);
    const none = hashChangeSet([create({ expose_client_secret: false })]);
    expect(new Set([a, b, none]).size).toBe(3);
  });

  it('changes when the integration credential changes', () => {
    const a = hashChangeSet([create({ expose_client_secret: false, integration_credential_name: 'one' })]);
    const b = hashChangeSet([create({ expose_client_secret: false })]);
    expect(a).not.toBe(b);
  });
  it('changes when the GitHub secret gets another name, environment, repository or client id variable', () => {
    const secret = { name: 'WEB_SECRET' };
    const hashes = [
      {},
      { github_secret: secret },
      { github_secret: { ...secret, name: 'OTHER_SECRET' } },
      { github_secret: { ...secret, environment: 'prod' } },
      { github_secret: { ...secret, environment: 'staging' } },
      { github_secret: { ...secret, repository: 'acme/web' } },
      { github_secret: { ...secret, client_id_variable: 'WEB_CLIENT_ID' } },
    ].map((delivery) => hashChangeSet([create({ expose_client_secret: false, ...delivery })]));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  // Built afresh in each test: hash.ts remembers each action object's hash, which would hide a change to how it is made.
  const aReset = (): PlanAction => ({
    kind: 'reset-secret',
    client: 'web',
    id: clientId('id-web'),
    missing: ['github-secret'],
    delivery: { expose_client_secret: false },
  });
  const aNoop = (): PlanAction => ({ kind: 'noop', client: 'same', id: clientId('id-same') });

  it('is the same whatever the order of the actions, and whatever unchanged clients the plan lists', () => {
    const made = create({ expose_client_secret: false });
    const reset = aReset();
    expect(hashChangeSet([reset, made])).toBe(hashChangeSet([made, reset]));
    expect(hashChangeSet([aNoop(), made, reset])).toBe(hashChangeSet([made, reset]));
    expect(hashChangeSet([aNoop()])).toBe(hashChangeSet([]));
  });

  it('stays what it was: sha256 of the sorted sha256 of each change, as a JSON tuple in a fixed order', () => {
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    const made = sha256(
      '["create","web",["web","","CLIENT-CREDENTIALS",86400,[],[],[["role-employee","div-home"]],"active"],[false,null,null]]',
    );
    const rotated = sha256('["reset-secret","web","id-web",["github-secret"],[false,null,null]]');
    expect(hashAction(aReset())).toBe(rotated.slice(0, 16));
    expect(hashChangeSet([aReset(), create({ expose_client_secret: false })])).toBe(sha256(`[${[made, rotated].sort().join(',')}]`));
  });
});
