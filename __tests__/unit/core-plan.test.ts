import { describe, expect, it } from 'vitest';
import { buildPlan, countPlan, hasChanges } from '../../src/core/plan.js';
import { describePlanDifferences, digestPlan } from '../../src/core/review.js';
import { describeDuplicate, summariseApply } from '../../src/core/apply-result.js';
import { judgeDrift, summariseDrift } from '../../src/core/drift.js';
import { aDefinition, aLiveClient, anOrg, clientId, HOME, PLAN_OPTIONS, roleId, SELF_ID } from '../helpers/builders.js';

const withClients = (...clients: ReturnType<typeof aLiveClient>[]) => {
  const org = anOrg();
  return { ...org, clients: [...org.clients, ...clients] };
};

describe('buildPlan', () => {
  it('creates a declared client that is missing from the org, with its secret delivery', () => {
    const plan = buildPlan([aDefinition({ expose_client_secret: true })], anOrg(), PLAN_OPTIONS);
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]).toMatchObject({ kind: 'create', client: 'integration', delivery: { expose_client_secret: true } });
    expect(hasChanges(plan)).toBe(true);
  });

  it('resolves role and division names to ids and fills the home division', () => {
    const definition = aDefinition({
      roles: [{ role: 'admin', division: 'Sales' }, { role: 'employee' }, { role_id: 'role-dev', division: '*' }],
    });
    const plan = buildPlan([definition], anOrg(), PLAN_OPTIONS);
    const action = plan.actions[0]!;
    expect(action.kind).toBe('create');
    if (action.kind !== 'create') return;
    expect(action.desired.roles.map((r) => [r.role_id, r.division_id])).toEqual([
      ['role-admin', 'div-sales'],
      ['role-dev', '*'],
      ['role-employee', 'div-home'],
    ]);
    expect(action.desired.roles[0]).toMatchObject({ role_name: 'admin', division_name: 'Sales' });
  });

  it('shows a client whose only difference is list order and defaults as unchanged', () => {
    const live = aLiveClient({
      scopes: ['b', 'a'],
      registered_redirect_uris: ['https://x/2', 'https://x/1'],
      authorized_grant_type: 'CODE',
      roles: [],
    });
    const definition = aDefinition({
      authorized_grant_type: 'CODE',
      roles: [],
      scopes: ['a', 'b', 'a'],
      registered_redirect_uris: ['https://x/1', 'https://x/2'],
    });
    const plan = buildPlan([definition], withClients(live), PLAN_OPTIONS);
    expect(plan.actions).toEqual([{ kind: 'noop', client: 'integration', id: 'live-1' }]);
    expect(hasChanges(plan)).toBe(false);
  });

  it('reports field-level changes: scalars old → new, set members added and removed, roles with names', () => {
    const live = aLiveClient({ description: 'old', roles: [{ role_id: roleId('role-admin'), division_id: HOME.id }] });
    const definition = aDefinition({ description: 'new', roles: [{ role: 'employee' }] });
    const web = { authorized_grant_type: 'CODE' as const, registered_redirect_uris: ['https://x/1'], roles: [] };
    const liveWeb = aLiveClient({ ...web, id: clientId('web-1'), name: 'web', scopes: ['a', 'b'] });
    const plan = buildPlan(
      [definition, aDefinition({ ...web, name: 'web', scopes: ['b', 'c'] })],
      withClients(live, liveWeb),
      PLAN_OPTIONS,
    );
    const [action, webAction] = plan.actions;
    expect(action?.kind).toBe('update');
    if (action?.kind !== 'update') return;
    expect(action.changes).toEqual([
      {
        kind: 'roles',
        field: 'roles',
        added: [{ role_id: 'role-employee', division_id: 'div-home', role_name: 'employee', division_name: 'Home' }],
        removed: [{ role_id: 'role-admin', division_id: 'div-home', role_name: 'admin', division_name: 'Home' }],
      },
      { kind: 'scalar', field: 'description', old: 'old', new: 'new' },
    ]);
    expect(webAction).toMatchObject({ kind: 'update', changes: [{ kind: 'set', field: 'scopes', added: ['c'], removed: ['a'] }] });
  });

  it.each([
    ['scopes on a client-credentials client', aLiveClient({ scopes: ['stray'] }), aDefinition()],
    [
      'roles on a code client',
      aLiveClient({ authorized_grant_type: 'CODE', registered_redirect_uris: ['https://x/1'], scopes: ['a'] }),
      aDefinition({ authorized_grant_type: 'CODE', registered_redirect_uris: ['https://x/1'], scopes: ['a'], roles: [] }),
    ],
  ])('ignores live %s (Genesys applies them only to the other grants), so they never show as drift', (_, live, definition) => {
    const plan = buildPlan([definition], withClients(live), PLAN_OPTIONS);
    expect(plan.actions).toEqual([{ kind: 'noop', client: 'integration', id: 'live-1' }]);
  });

  it('matches by pinned id before name, so a rename is an update', () => {
    const live = aLiveClient({ id: clientId('abc'), name: 'old-name' });
    const plan = buildPlan([aDefinition({ name: 'new-name', id: 'abc' })], withClients(live), PLAN_OPTIONS);
    expect(plan.actions[0]).toMatchObject({ kind: 'update', id: 'abc', changes: [{ field: 'name', old: 'old-name', new: 'new-name' }] });
    expect(plan.unmanaged).toEqual([]);
  });

  it('refuses to guess between two live clients with the same name and never offers them for pruning', () => {
    const org = withClients(aLiveClient({ id: clientId('a') }), aLiveClient({ id: clientId('b') }));
    const plan = buildPlan([aDefinition()], org, { ...PLAN_OPTIONS, prune: true });
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]!.message).toContain('2 live clients are named `integration` (a, b)');
    expect(plan.problems[0]).toMatchObject({ file: 'genesys/oauth-clients/integration.yaml', line: 1, column: 1, client: 'integration' });
    expect(plan.actions).toEqual([]);
  });

  it("refuses a definition that would change the Action's own client, by name or by pinned id, naming the fields", () => {
    const byName = buildPlan([aDefinition({ name: 'genesys-oauth-sync' })], anOrg(), PLAN_OPTIONS);
    const byId = buildPlan([aDefinition({ name: 'x', id: SELF_ID })], anOrg(), PLAN_OPTIONS);
    for (const plan of [byName, byId]) {
      expect(plan.actions).toEqual([]);
      expect(plan.problems[0]!.message).toContain('authenticates as');
      expect(plan.problems[0]!.message).toContain('`roles`');
    }
    expect(byId.problems[0]!.message).toContain('`name`');
  });

  it("manages the Action's own client when its definition matches it exactly: a noop, never a problem", () => {
    const own = aDefinition({ name: 'genesys-oauth-sync', roles: [{ role: 'admin', division: '*' }] });
    const plan = buildPlan([own], anOrg(), PLAN_OPTIONS);
    expect(plan.problems).toEqual([]);
    expect(plan.actions).toEqual([{ kind: 'noop', client: 'genesys-oauth-sync', id: SELF_ID }]);
    expect(plan.unmanaged).toEqual([]);
  });

  it('lists clients awaiting deletion apart: never matched, unmanaged or pruned, and a same-name definition creates', () => {
    const org = withClients(
      aLiveClient({ id: clientId('going'), name: 'integration', state: 'inactive', dateToDelete: '2026-12-01T00:00:00Z' }),
      aLiveClient({ id: clientId('gone'), name: 'old-import', state: 'deleted' }),
    );
    const plan = buildPlan([aDefinition()], org, { ...PLAN_OPTIONS, prune: true });
    expect(plan.actions).toEqual([expect.objectContaining({ kind: 'create', client: 'integration' })]);
    expect(plan.unmanaged).toEqual([]);
    expect(plan.problems).toEqual([]);
    expect(plan.leftAlone).toEqual([
      { reason: 'awaiting-deletion', id: 'going', name: 'integration', dateToDelete: '2026-12-01T00:00:00Z' },
      { reason: 'awaiting-deletion', id: 'gone', name: 'old-import' },
    ]);
    const pinned = buildPlan([aDefinition({ id: 'going' })], org, PLAN_OPTIONS);
    expect(pinned.actions).toEqual([expect.objectContaining({ kind: 'create' })]);
    expect(pinned.warnings[0]?.message).toContain('is awaiting deletion in Genesys');
  });

  it('leaves a client with a grant type or state it does not know alone: reported, never pruned, never managed', () => {
    const org = withClients(
      aLiveClient({ id: clientId('p1'), name: 'pkce-app', unrecognised: { field: 'authorized_grant_type', value: 'PKCE' } }),
      aLiveClient({ id: clientId('s1'), name: 'odd', state: 'unknown', unrecognised: { field: 'state', value: 'archived' } }),
    );
    const pruning = buildPlan([], withClients(aLiveClient({ id: clientId('k'), name: 'kept' }), ...org.clients.slice(1)), {
      ...PLAN_OPTIONS,
      prune: true,
    });
    expect(pruning.actions.map((action) => action.client)).toEqual(['kept']);
    expect(pruning.leftAlone).toEqual([
      { reason: 'unrecognised', id: 's1', name: 'odd', field: 'state', value: 'archived' },
      { reason: 'unrecognised', id: 'p1', name: 'pkce-app', field: 'authorized_grant_type', value: 'PKCE' },
    ]);
    const declared = buildPlan([aDefinition({ name: 'pkce-app' })], org, PLAN_OPTIONS);
    expect(declared.actions).toEqual([]);
    expect(declared.problems[0]?.message).toContain('has grant type `PKCE`, which this Action does not know');
  });

  it("warns instead of blocking when Genesys shows no roles for the Action's own client", () => {
    const org = anOrg();
    const plan = buildPlan([aDefinition()], { ...org, self: { ...org.self, grants: [] } }, PLAN_OPTIONS);
    expect(plan.problems).toEqual([]);
    expect(plan.actions).toEqual([expect.objectContaining({ kind: 'create' })]);
    expect(plan.warnings).toEqual([{ message: expect.stringContaining('showed no roles') }]);
  });

  it('lists undeclared clients as unmanaged, deletes them only with prune, and skips ignored, own and disabled ones', () => {
    const org = withClients(
      aLiveClient({ id: clientId('u1'), name: 'manual' }),
      aLiveClient({ id: clientId('u2'), name: 'legacy-import' }),
      aLiveClient({ id: clientId('u3'), name: 'support-locked', state: 'disabled' }),
    );
    const reportOnly = buildPlan([], org, { ...PLAN_OPTIONS, ignore: ['legacy-*'] });
    expect(reportOnly.unmanaged).toEqual([{ id: 'u1', name: 'manual' }]);
    expect(reportOnly.actions).toEqual([]);
    const pruning = buildPlan([], org, { ...PLAN_OPTIONS, prune: true, ignore: ['legacy-*'] });
    expect(pruning.actions.map((a) => [a.kind, a.client])).toEqual([['delete', 'manual']]);
  });

  it("reports a role the Action's client does not hold, naming the role and the client", () => {
    const org = anOrg();
    const limited = { ...org, self: { ...org.self, grants: [{ role_id: roleId('role-employee'), division_id: HOME.id }] } };
    const plan = buildPlan([aDefinition({ roles: [{ role: 'admin', division: 'Sales' }] })], limited, PLAN_OPTIONS);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]!.message).toContain('does not hold role `admin (role-admin)` in Sales (div-sales)');
  });

  it("reports a role the update would remove that the Action's client does not hold (editing needs the client's roles)", () => {
    const org = withClients(
      aLiveClient({
        roles: [
          { role_id: roleId('role-admin'), division_id: HOME.id },
          { role_id: roleId('role-employee'), division_id: HOME.id },
        ],
      }),
    );
    const limited = { ...org, self: { ...org.self, grants: [{ role_id: roleId('role-employee'), division_id: '*' as const }] } };
    const plan = buildPlan([aDefinition({ roles: [{ role: 'employee' }] })], limited, PLAN_OPTIONS);
    expect(plan.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('does not hold role `admin (role-admin)` in Home (div-home)'),
    ]);
  });

  it('matches a live name with stray spaces and shows the spaces going as a rename', () => {
    const plan = buildPlan([aDefinition()], withClients(aLiveClient({ name: 'integration ' })), PLAN_OPTIONS);
    expect(plan.actions).toEqual([
      expect.objectContaining({ kind: 'update', changes: [{ kind: 'scalar', field: 'name', old: 'integration ', new: 'integration' }] }),
    ]);
    expect(plan.unmanaged).toEqual([]);
  });

  it("refuses a pinned id that does not exist when a live client has the definition's name (a typo, not a new client)", () => {
    const plan = buildPlan([aDefinition({ id: 'typo' })], withClients(aLiveClient()), { ...PLAN_OPTIONS, prune: true });
    expect(plan.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('Pinned id `typo` does not exist in the org, but a live client named `integration` does (id live-1)'),
    ]);
    // The client the user meant is neither shown as unmanaged nor offered for pruning.
    expect(plan.actions).toEqual([]);
    expect(plan.unmanaged).toEqual([]);
  });

  it('refuses to prune everything when no client is declared', () => {
    const plan = buildPlan([], withClients(aLiveClient()), { ...PLAN_OPTIONS, prune: true });
    expect(plan.problems.map((p) => p.message)).toEqual([expect.stringContaining('every client in the org would be deleted')]);
  });

  it('puts how a new secret is delivered into the hash', () => {
    const plain = buildPlan([aDefinition()], anOrg(), PLAN_OPTIONS);
    const withCredential = buildPlan([aDefinition({ integration_credential_name: 'cred' })], anOrg(), PLAN_OPTIONS);
    expect(withCredential.hash).not.toBe(plain.hash);
  });

  it('suggests the role or division meant by a typo', () => {
    const plan = buildPlan([aDefinition({ roles: [{ role: 'Developr', division: 'Sles' }] })], anOrg(), PLAN_OPTIONS);
    expect(plan.problems.map((p) => p.message)).toEqual([
      'Role `Developr` does not exist in the org (did you mean `Developer`?).',
      'Division `Sles` does not exist in the org (did you mean `Sales`?).',
    ]);
  });

  it("reports unknown role and division names at the role's position", () => {
    const position = { file: 'a.yaml', line: 7, column: 9 };
    const plan = buildPlan(
      [
        aDefinition({
          roles: [
            { role: 'Admin', position },
            { role: 'employee', division: 'Nowhere', position },
          ],
        }),
      ],
      anOrg(),
      PLAN_OPTIONS,
    );
    expect(plan.problems.map((p) => p.message)).toEqual([
      'Role `Admin` does not exist in the org (did you mean `admin`?).',
      'Division `Nowhere` does not exist in the org; the org has `Home`, `Sales`, `Support`.',
    ]);
    expect(plan.problems[0]).toMatchObject(position);
  });

  it('changes its hash when the live state changes, and not when the order of definitions does', () => {
    const defs = [aDefinition({ name: 'a' }), aDefinition({ name: 'b' })];
    const first = buildPlan(defs, anOrg(), PLAN_OPTIONS);
    expect(buildPlan([...defs].reverse(), anOrg(), PLAN_OPTIONS).hash).toBe(first.hash);
    const drifted = buildPlan(defs, withClients(aLiveClient({ id: clientId('x'), name: 'a', description: 'hand-edited' })), PLAN_OPTIONS);
    expect(drifted.hash).not.toBe(first.hash);
  });

  it('counts actions by kind', () => {
    const plan = buildPlan(
      [aDefinition({ name: 'new' }), aDefinition()],
      withClients(aLiveClient(), aLiveClient({ id: clientId('u'), name: 'stray' })),
      PLAN_OPTIONS,
    );
    expect(countPlan(plan)).toEqual({ create: 1, update: 0, delete: 0, noop: 1, 'reset-secret': 0, unmanaged: 1 });
  });
});

describe('reviewed plan comparison', () => {
  it('names each client whose change differs from the reviewed plan', () => {
    const reviewed = digestPlan(buildPlan([aDefinition({ name: 'a' }), aDefinition({ name: 'b' })], anOrg(), PLAN_OPTIONS));
    const now = buildPlan([aDefinition({ name: 'a', description: 'changed' }), aDefinition({ name: 'c' })], anOrg(), PLAN_OPTIONS);
    expect(describePlanDifferences(reviewed, now)).toEqual([
      '`a`: the create differs from the reviewed one (the org or the definition changed since review).',
      '`b`: no longer changes (it was to create); the org may already match.',
      '`c`: new since review (create).',
    ]);
  });
});

describe('summariseDrift', () => {
  it('counts unmanaged clients as drift only when pruning', () => {
    const plan = buildPlan([], withClients(aLiveClient({ id: clientId('u'), name: 'stray' })), PLAN_OPTIONS);
    expect(summariseDrift(plan, false)).toMatchObject({ detected: false, unmanaged: ['stray'] });
    expect(summariseDrift(plan, true).detected).toBe(true);
  });

  it('names changed and missing clients, each of which is drift without pruning', () => {
    const org = withClients(aLiveClient({ id: clientId('c'), name: 'changed', description: 'edited in the UI' }));
    const plan = buildPlan([aDefinition({ name: 'changed' }), aDefinition({ name: 'missing' })], org, PLAN_OPTIONS);
    expect(summariseDrift(plan, false)).toEqual({ detected: true, changed: ['changed'], missing: ['missing'], unmanaged: [] });
    const onlyMissing = buildPlan([aDefinition({ name: 'missing' })], anOrg(), PLAN_OPTIONS);
    expect(summariseDrift(onlyMissing, false)).toMatchObject({ detected: true, changed: [], missing: ['missing'] });
  });
});

describe('judgeDrift', () => {
  const plan = buildPlan([], anOrg(), PLAN_OPTIONS);
  const failing = { ...plan, problems: [{ client: 'web', message: 'two live clients are named `web`' }] };

  it.each([
    ['the drift of a clean plan', { plan, drift: { ...summariseDrift(plan, false), detected: true } }, true],
    ['no drift in a clean plan', { plan, drift: summariseDrift(plan, false) }, false],
    ['a plan that fails on the org', { plan: failing, failure: { reason: 'plan-failed' as const, message: 'problems' } }, true],
    ['a failure before any plan', { failure: { reason: 'auth-failed' as const, message: 'no' } }, undefined],
    ['an outage while reading the org', { failure: { reason: 'plan-failed' as const, message: 'Genesys is down' } }, undefined],
  ])('gives %s as check reports it', (_what, run, verdict) => {
    expect(judgeDrift(run)).toBe(verdict);
  });
});

describe('summariseApply', () => {
  const created = { kind: 'created' as const, client: 'new', id: clientId('n'), secretDeliveredTo: [] };
  const undelivered = {
    ...created,
    client: 'lost',
    deliveryFailures: [{ channel: 'file' as const, error: { message: 'disk full' } }],
  };
  const failed = { kind: 'failed' as const, client: 'broken', action: 'update' as const, error: { status: 400, message: 'bad' } };

  it('splits what failed, what was not delivered and what did not converge, and is clean only without any', () => {
    const split = summariseApply({ outcomes: [created, undelivered, failed], unconverged: ['drifting'] });
    expect(split).toEqual({ failed: [failed], undelivered: [undelivered], unconverged: ['drifting'], duplicates: [], clean: false });
    expect(summariseApply({ outcomes: [created], unconverged: [] }).clean).toBe(true);
    expect(summariseApply({ outcomes: [created, { ...created, deliveryFailures: [] }], unconverged: [] }).clean).toBe(true);
    expect(summariseApply(undefined)).toEqual({ failed: [], undelivered: [], unconverged: [], duplicates: [], clean: true });
    const twice = { client: 'ci-deployer', id: created.id, others: [clientId('other-id')] };
    expect(summariseApply({ outcomes: [created], unconverged: [], duplicates: [twice] })).toMatchObject({
      duplicates: [twice],
      clean: false,
    });
  });

  it('counts a reset secret that missed a channel as undelivered, like a created one', () => {
    const reset = { kind: 'secret-reset' as const, client: 'rotated', id: clientId('r'), secretDeliveredTo: [] };
    const missed = { ...reset, deliveryFailures: [{ channel: 'github-secret' as const, error: { message: 'no token' } }] };
    expect(summariseApply({ outcomes: [reset, missed], unconverged: [] })).toMatchObject({ undelivered: [missed], clean: false });
  });

  it.each([
    ['a failed client and an undelivered secret', { outcomes: [failed, undelivered], unconverged: [] }],
    ['a failed client and one that did not converge', { outcomes: [failed], unconverged: ['drifting'] }],
    ['an undelivered secret and a client that did not converge', { outcomes: [undelivered], unconverged: ['drifting'] }],
    [
      'a client that did not converge and a client created twice',
      { outcomes: [created], unconverged: ['drifting'], duplicates: [{ client: 'new', id: created.id, others: [clientId('o')] }] },
    ],
  ])('is not clean with %s together', (_what, result) => {
    expect(summariseApply(result).clean).toBe(false);
  });
});

describe('describeDuplicate', () => {
  it('names the copy this run created and every other copy, and says which to keep and how to avoid it', () => {
    expect(describeDuplicate({ client: 'ci-deployer', id: clientId('mine'), others: [clientId('theirs'), clientId('third')] })).toBe(
      '`ci-deployer` exists twice: this run created `mine`, and `theirs`, `third` appeared beside it (another apply ' +
        'running at the same time); each holds a different secret, so keep the one whose secret was delivered and ' +
        'delete the other, and run every apply of an org in one `concurrency` group',
    );
  });
});
