import { describe, expect, it } from 'vitest';
import { checkGrants, checkTokenLifetime } from '../../src/core/preflight.js';
import { NON_SCIM_MAX_TOKEN_VALIDITY_SECONDS, type PlanAction, type RoleGrant, type SelfIdentity } from '../../src/core/types.js';
import { aDefinition, aSpec, divisionId, roleId, SELF_ID } from '../helpers/builders.js';
import { aClient, aCreate, aDelete, aNoop, id } from '../helpers/report-builders.js';

const grant = (role: string, division: string, names: { role_name?: string; division_name?: string } = {}): RoleGrant => ({
  role_id: roleId(role),
  division_id: division === '*' ? '*' : divisionId(division),
  ...names,
});
const dev = grant('role-dev', 'div-home', { role_name: 'Developer', division_name: 'Home' });
const admin = grant('role-admin', 'div-home', { role_name: 'admin', division_name: 'Home' });
const self = (...grants: RoleGrant[]): SelfIdentity => ({ clientId: SELF_ID, clientName: 'sync-bot', grants });
const anUpdateOf = (name: string, desired: RoleGrant[], current: RoleGrant[]): PlanAction => ({
  kind: 'update',
  client: name,
  id: id(`id-${name}`),
  changes: [],
  desired: aClient({ name, roles: desired }),
  current: aClient({ name, roles: current }),
});
const aReset: PlanAction = {
  kind: 'reset-secret',
  client: 'rotated',
  id: id('id-rotated'),
  missing: ['github-secret'],
  delivery: { expose_client_secret: false },
};

describe('checkTokenLifetime', () => {
  const definition = aDefinition({ name: 'long-lived' });
  const withLifetime = (seconds: number, roles: RoleGrant[] = [dev]) =>
    checkTokenLifetime(definition, aSpec({ name: 'long-lived', access_token_validity_seconds: seconds, roles }));

  it('accepts 48 hours exactly for any client', () => {
    expect(withLifetime(NON_SCIM_MAX_TOKEN_VALIDITY_SECONDS)).toBeUndefined();
  });

  it('refuses one second more for a client without a SCIM role, at the definition, saying how to fix it', () => {
    expect(withLifetime(NON_SCIM_MAX_TOKEN_VALIDITY_SECONDS + 1, [dev, grant('role-x', 'div-home')])).toEqual({
      ...definition.source,
      client: 'long-lived',
      message:
        '`access_token_validity_seconds` is 172801, above 172800 (48 hours), which Genesys accepts only for SCIM ' +
        '(Identity Management) clients, and `long-lived` holds no SCIM role: the apply would fail with a 400. ' +
        'Lower it to 172800 or less, or grant the client a SCIM role.',
    });
  });

  it.each([
    ['a SCIM role', 'SCIM Integration'],
    ['an Identity Management role', 'Identity Management Admin'],
  ])('accepts a longer lifetime for a client that holds %s among others', (_what, roleName) => {
    expect(withLifetime(604_800, [dev, grant('role-scim', 'div-home', { role_name: roleName })])).toBeUndefined();
  });
});

describe('checkGrants', () => {
  it('passes when the Action holds each role in its division or in all divisions', () => {
    const actions = [aCreate('web'), anUpdateOf('api', [admin], [dev])];
    expect(checkGrants(actions, self(dev, grant('role-admin', '*')))).toEqual({ problems: [], warnings: [] });
  });

  it('names the role the Action lacks, with its division, the client and the change refused', () => {
    expect(checkGrants([aCreate('web')], self(grant('role-dev', 'div-sales')))).toEqual({
      problems: [
        {
          client: 'web',
          message:
            "The Action's OAuth client `sync-bot` does not hold role `Developer (role-dev)` in Home (div-home), " +
            'so Genesys will refuse to create `web`. Grant that role to `sync-bot` in Genesys Cloud ' +
            '(Admin > OAuth > sync-bot > Roles) first.',
        },
      ],
      warnings: [],
    });
  });

  it('checks both the roles an update gives and the roles it takes away, each once', () => {
    const problems = (action: PlanAction) => checkGrants([action], self(grant('role-employee', '*'))).problems.map((p) => p.message);
    expect(problems(anUpdateOf('api', [admin], []))).toEqual([expect.stringContaining('role `admin (role-admin)`')]);
    expect(problems(anUpdateOf('api', [], [dev]))).toEqual([expect.stringContaining('role `Developer (role-dev)`')]);
    expect(problems(anUpdateOf('api', [admin, dev], [dev]))).toHaveLength(2);
  });

  it('checks the roles of a client to delete, and none for a secret reset or an unchanged client', () => {
    const { problems } = checkGrants([aDelete('old'), aReset, aNoop('same')], self(grant('role-employee', '*')));
    expect(problems.map((p) => p.client)).toEqual(['old']);
  });

  it('warns once, naming only the clients whose roles it cannot check, when Genesys shows no roles for the Action', () => {
    expect(checkGrants([aNoop('same'), aCreate('web'), aReset, aDelete('old')], self())).toEqual({
      problems: [],
      warnings: [
        {
          message:
            "Genesys showed no roles for the Action's OAuth client `sync-bot` (neither `GET /api/v2/tokens/me` nor its " +
            'entry in the client list), so the plan cannot check that it may grant the roles of `web`, `old`. ' +
            'If it may not, Genesys refuses those clients at apply time.',
        },
      ],
    });
  });

  it('neither warns nor complains when Genesys shows no roles and no change needs any', () => {
    expect(checkGrants([aNoop('same'), aReset, anUpdateOf('api', [], [])], self())).toEqual({ problems: [], warnings: [] });
  });
});
