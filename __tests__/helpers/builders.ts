// Small builders for plain-call tests of the pure core.
import type { ClientId, ClientSpec, Definition, DivisionId, LiveClient, LiveOrg, RoleId } from '../../src/core/types.js';

export const roleId = (id: string) => id as RoleId;
export const divisionId = (id: string) => id as DivisionId;
export const clientId = (id: string) => id as ClientId;

export const ROLES = [
  { id: roleId('role-admin'), name: 'admin' },
  { id: roleId('role-employee'), name: 'employee' },
  { id: roleId('role-dev'), name: 'Developer' },
];
export const HOME = { id: divisionId('div-home'), name: 'Home' };
export const DIVISIONS = [HOME, { id: divisionId('div-sales'), name: 'Sales' }, { id: divisionId('div-support'), name: 'Support' }];
export const SELF_ID = clientId('self-id');

export function aDefinition(overrides: Partial<Definition> = {}): Definition {
  return {
    name: 'integration',
    authorized_grant_type: 'CLIENT-CREDENTIALS',
    description: '',
    access_token_validity_seconds: 86_400,
    registered_redirect_uris: [],
    scopes: [],
    roles: [{ role: 'employee' }],
    state: 'active',
    expose_client_secret: false,
    source: { file: 'genesys/oauth-clients/integration.yaml', line: 1, column: 1 },
    ...overrides,
  };
}

export function aSpec(overrides: Partial<ClientSpec> = {}): ClientSpec {
  return {
    name: 'integration',
    description: '',
    authorized_grant_type: 'CLIENT-CREDENTIALS',
    access_token_validity_seconds: 86_400,
    registered_redirect_uris: [],
    scopes: [],
    roles: [{ role_id: roleId('role-employee'), division_id: HOME.id }],
    state: 'active',
    ...overrides,
  };
}

/** A client-credentials spec the emulator takes as it is: its `role-employee` in every division, tokens for an hour. */
export function anEmulatorSpec(name: string, overrides: Partial<ClientSpec> = {}): ClientSpec {
  return aSpec({
    name,
    access_token_validity_seconds: 3_600,
    roles: [{ role_id: roleId('role-employee'), division_id: '*' }],
    ...overrides,
  });
}

export function aLiveClient(overrides: Partial<LiveClient> = {}): LiveClient {
  return { ...aSpec(), id: clientId('live-1'), ...overrides } as LiveClient;
}

export function anOrg(overrides: Partial<LiveOrg> = {}): LiveOrg {
  return {
    clients: [aLiveClient({ id: SELF_ID, name: 'genesys-oauth-sync', roles: [{ role_id: roleId('role-admin'), division_id: '*' }] })],
    roles: ROLES,
    divisions: DIVISIONS,
    homeDivision: HOME,
    self: {
      clientId: SELF_ID,
      clientName: 'genesys-oauth-sync',
      grants: ROLES.map((role) => ({ role_id: role.id, division_id: '*' as const })),
    },
    ...overrides,
  };
}

export const PLAN_OPTIONS = { label: 'test', prune: false, ignore: [] as string[] };
