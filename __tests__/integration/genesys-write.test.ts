// Writes through the real SDK against the emulator: create (secret handed over), full-body update, the
// inactive-then-delete dance, reads by id, and integration credentials.
import { describe, expect, it } from 'vitest';
import type { Emulator, EmulatorOptions } from '../../emulator/index.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import type { GenesysOptions, GenesysConnection } from '../../src/genesys/contract.js';
import type { ClientId, ClientSpec, RoleGrant } from '../../src/core/types.js';
import { emulatorPerTest } from '../helpers/emulator-per-test.js';
import { GenesysApiError } from '../../src/genesys/api-error.js';

const startEmulatorForTest = emulatorPerTest();

async function connect(options: EmulatorOptions = {}): Promise<{ emu: Emulator; org: GenesysConnection; secrets: string[] }> {
  const emu = await startEmulatorForTest(options);
  const secrets: string[] = [];
  const genesysOptions: GenesysOptions = {
    clientId: emu.credentials.clientId,
    clientSecret: emu.credentials.clientSecret,
    apiUrl: emu.url,
    onSecret: (s) => secrets.push(s),
    sleep: async () => {},
  };
  const org = await connectGenesys(genesysOptions);
  emu.resetLog();
  return { emu, org, secrets };
}

const grant = (role: string, division: string): RoleGrant => ({
  role_id: role as RoleGrant['role_id'],
  division_id: division as RoleGrant['division_id'],
});

function aSpec(overrides: Partial<ClientSpec> = {}): ClientSpec {
  return {
    name: 'ci-deployer',
    description: 'deploys things',
    authorized_grant_type: 'CLIENT-CREDENTIALS',
    access_token_validity_seconds: 3600,
    registered_redirect_uris: [],
    scopes: [],
    roles: [grant('role-employee', 'div-home'), grant('role-admin', '*')],
    state: 'active',
    ...overrides,
  };
}

const writes = (emu: Emulator): string[] => emu.writes().map((w) => `${w.method} ${w.path}`);

describe('createClient', () => {
  it('creates the client with the full body and returns the secret onSecret already saw', async () => {
    const { emu, org, secrets } = await connect();
    const created = await org.createClient(aSpec({ scopes: ['b', 'a'] }));

    const stored = emu.getClient(created.id);
    expect(stored).toMatchObject({
      name: 'ci-deployer',
      description: 'deploys things',
      authorizedGrantType: 'CLIENT-CREDENTIALS',
      accessTokenValiditySeconds: 3600,
      state: 'active',
    });
    expect(stored?.roleDivisions).toEqual(
      expect.arrayContaining([
        { roleId: 'role-employee', divisionId: 'div-home' },
        { roleId: 'role-admin', divisionId: '*' },
      ]),
    );
    expect(created.secret).toBe(stored?.secret);
    expect(secrets).toContain(created.secret);
    expect(writes(emu)).toEqual(['POST /api/v2/oauth/clients']);
  });
});

describe('updateClient', () => {
  it('replaces every field, clearing lists the definition emptied', async () => {
    const seeded = { name: 'web', authorizedGrantType: 'CODE', scope: ['users'], registeredRedirectUri: ['https://a.example/cb'] };
    const { emu, org } = await connect({ clients: [seeded] });
    const id = emu.listClients().find((c) => c.name === 'web')?.id as ClientId;

    await org.updateClient(
      id,
      aSpec({
        name: 'web-renamed',
        authorized_grant_type: 'PASSWORD',
        scopes: ['analytics'],
        registered_redirect_uris: [],
        roles: [],
        description: '',
      }),
    );

    expect(emu.getClient(id)).toMatchObject({
      name: 'web-renamed',
      authorizedGrantType: 'PASSWORD',
      scope: ['analytics'],
      registeredRedirectUri: [],
      roleDivisions: [],
      description: '',
    });
    expect(writes(emu)).toEqual([`PUT /api/v2/oauth/clients/${id}`]);
  });
});

describe('deleteClient', () => {
  it('sets an active client inactive first, then deletes it', async () => {
    const { emu, org } = await connect({
      clients: [{ name: 'old', authorizedGrantType: 'CODE', scope: ['x'], registeredRedirectUri: ['https://x.example'] }],
    });
    const id = emu.listClients().find((c) => c.name === 'old')?.id as ClientId;
    const current = (await org.readClient(id)) as NonNullable<Awaited<ReturnType<GenesysConnection['readClient']>>>;
    emu.resetLog();

    await org.deleteClient(id, { ...current, state: 'active' });

    expect(writes(emu)).toEqual([`PUT /api/v2/oauth/clients/${id}`, `DELETE /api/v2/oauth/clients/${id}`]);
    expect(emu.getClient(id)).toBeUndefined();
  });

  it('deletes an inactive client straight away', async () => {
    const { emu, org } = await connect({ clients: [{ name: 'asleep', authorizedGrantType: 'PASSWORD', scope: ['x'], state: 'inactive' }] });
    const id = emu.listClients().find((c) => c.name === 'asleep')?.id as ClientId;
    await org.deleteClient(id, aSpec({ name: 'asleep', state: 'inactive' }));
    expect(writes(emu)).toEqual([`DELETE /api/v2/oauth/clients/${id}`]);
    expect(emu.getClient(id)).toBeUndefined();
  });

  it('counts a client that is already gone as deleted', async () => {
    const { emu, org } = await connect();
    await expect(org.deleteClient('no-such-client' as ClientId, aSpec())).resolves.toBeUndefined();
    expect(writes(emu)).toEqual(['PUT /api/v2/oauth/clients/no-such-client']);
  });
});

describe('readClient', () => {
  it('reads one client by id, normalised, with role and division names after readOrg', async () => {
    const { emu, org } = await connect({
      clients: [
        {
          name: 'named',
          authorizedGrantType: 'SAML2BEARER',
          scope: ['b', 'a', 'b'],
          roleDivisions: [{ roleId: 'role-admin', divisionId: 'div-sales' }],
        },
      ],
    });
    await org.readOrg();
    const id = emu.listClients().find((c) => c.name === 'named')?.id as ClientId;
    const client = await org.readClient(id);
    expect(client).toMatchObject({
      id,
      name: 'named',
      authorized_grant_type: 'SAML2-BEARER',
      scopes: ['a', 'b'],
      roles: [{ role_id: 'role-admin', division_id: 'div-sales', role_name: 'admin', division_name: 'Sales' }],
      state: 'active',
    });
  });

  it('answers undefined for a client that does not exist', async () => {
    const { org } = await connect();
    await expect(org.readClient('missing-id' as ClientId)).resolves.toBeUndefined();
  });
});

describe('createIntegrationCredential', () => {
  it('stores the client id and secret in a pureCloudOAuthClient credential', async () => {
    const { emu, org } = await connect();
    const created = await org.createClient(aSpec({ name: 'with-credential' }));
    const credentialId = await org.createIntegrationCredential('ci-cred', created.id, created.secret);
    expect(emu.integrationCredentials()).toEqual([
      { id: credentialId, name: 'ci-cred', type: 'pureCloudOAuthClient', fields: { clientId: created.id, clientSecret: created.secret } },
    ]);
  });
});

/** A 403 that names no permission, so the message names the one the operation needs. */
const FORBIDDEN = { status: 403, code: 'missing.permissions', message: 'Not allowed', contextId: 'ctx-403' };

async function failureOf(promise: Promise<unknown>): Promise<GenesysApiError> {
  const failure = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(GenesysApiError);
  return failure as GenesysApiError;
}

/** The whole message of a refused call: what was being done and the permission it probably lacks. */
function refused(failure: GenesysApiError, what: string, permission: string): string {
  return (
    `Genesys rejected ${what}: 403 missing.permissions "Not allowed" (correlation id ${failure.correlationId}). ` +
    `The Action's OAuth client probably lacks the permission \`${permission}\`: add it to one of the client's roles.`
  );
}

describe('a refused call names what was being done and the permission it needs', () => {
  it('reading a client fails instead of answering that the client is gone', async () => {
    const { emu, org } = await connect({ clients: [{ name: 'kept', authorizedGrantType: 'CLIENT-CREDENTIALS' }] });
    const id = emu.listClients().find((c) => c.name === 'kept')?.id as ClientId;
    emu.inject({ method: 'GET', path: `/api/v2/oauth/clients/${id}`, status: 403, body: FORBIDDEN });
    const failure = await failureOf(org.readClient(id));
    expect(failure.message).toBe(refused(failure, `reading OAuth client \`${id}\``, 'oauth:client:view'));
  });

  it('creating a client, without the note that a lost answer may have landed', async () => {
    const { emu, org } = await connect();
    emu.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 403, body: FORBIDDEN });
    const failure = await failureOf(org.createClient(aSpec()));
    expect(failure.message).toBe(refused(failure, 'creating `ci-deployer`', 'oauth:client:add'));
    expect(failure.status).toBe(403);
  });

  it('updating a client', async () => {
    const { emu, org } = await connect({ clients: [{ name: 'kept', authorizedGrantType: 'CLIENT-CREDENTIALS' }] });
    const id = emu.listClients().find((c) => c.name === 'kept')?.id as ClientId;
    emu.inject({ method: 'PUT', path: `/api/v2/oauth/clients/${id}`, status: 403, body: FORBIDDEN });
    const failure = await failureOf(org.updateClient(id, aSpec({ name: 'kept' })));
    expect(failure.message).toBe(refused(failure, 'updating `kept`', 'oauth:client:edit'));
  });

  it('deactivating a client before deleting it fails the delete, which is then not sent', async () => {
    const { emu, org } = await connect({ clients: [{ name: 'old', authorizedGrantType: 'CLIENT-CREDENTIALS' }] });
    const id = emu.listClients().find((c) => c.name === 'old')?.id as ClientId;
    emu.inject({ method: 'PUT', path: `/api/v2/oauth/clients/${id}`, status: 403, body: FORBIDDEN });
    const failure = await failureOf(org.deleteClient(id, aSpec({ name: 'old', state: 'active' })));
    expect(failure.message).toBe(refused(failure, 'deactivating `old` before deleting it', 'oauth:client:edit'));
    expect(writes(emu)).toEqual([`PUT /api/v2/oauth/clients/${id}`]);
    expect(emu.getClient(id)?.name).toBe('old');
  });

  it('deleting an inactive client', async () => {
    const { emu, org } = await connect({ clients: [{ name: 'asleep', authorizedGrantType: 'CLIENT-CREDENTIALS', state: 'inactive' }] });
    const id = emu.listClients().find((c) => c.name === 'asleep')?.id as ClientId;
    emu.inject({ method: 'DELETE', path: `/api/v2/oauth/clients/${id}`, status: 403, body: FORBIDDEN });
    const failure = await failureOf(org.deleteClient(id, aSpec({ name: 'asleep', state: 'inactive' })));
    expect(failure.message).toBe(refused(failure, 'deleting `asleep`', 'oauth:client:delete'));
    expect(emu.getClient(id)?.name).toBe('asleep');
  });

  it('creating an integration credential', async () => {
    const { emu, org } = await connect();
    emu.inject({ method: 'POST', path: '/api/v2/integrations/credentials', status: 403, body: FORBIDDEN });
    const failure = await failureOf(org.createIntegrationCredential('ci-cred', 'c-1' as ClientId, 'a-secret'));
    expect(failure.message).toBe(
      refused(failure, 'creating the integration credential `ci-cred` for client `c-1`', 'integrations:integration:add'),
    );
    expect(emu.integrationCredentials()).toEqual([]);
  });
});

describe('an answer without what was asked for', () => {
  const CHECK = 'Check the client in the Genesys admin UI and regenerate its secret there if it exists.';

  it('fails a create answered without an id, or with no body at all', async () => {
    for (const body of [{ secret: 'SENTINEL-lone-secret-7f3a' }, null]) {
      const { emu, org, secrets } = await connect();
      emu.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 200, body });
      const failure = await failureOf(org.createClient(aSpec()));
      expect(failure.message).toBe(`Genesys answered creating \`ci-deployer\` without an id. ${CHECK}`);
      expect(secrets.includes('SENTINEL-lone-secret-7f3a')).toBe(body !== null);
    }
  });

  it('fails a create answered without a secret, naming the id it got', async () => {
    const { emu, org } = await connect();
    emu.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 200, body: { id: 'c-1' } });
    const failure = await failureOf(org.createClient(aSpec()));
    expect(failure.message).toBe(`Genesys answered creating \`ci-deployer\` (id c-1) without a secret. ${CHECK}`);
  });

  it('fails a credential answered without an id, or with no body at all', async () => {
    for (const body of [{ name: 'ci-cred' }, null]) {
      const { emu, org } = await connect();
      emu.inject({ method: 'POST', path: '/api/v2/integrations/credentials', status: 200, body });
      const failure = await failureOf(org.createIntegrationCredential('ci-cred', 'c-1' as ClientId, 'a-secret'));
      expect(failure.message).toBe(
        'Genesys answered creating the integration credential `ci-cred` for client `c-1` without a credential id.',
      );
    }
  });

  it('reads a client answered without its id under the id asked for', async () => {
    const { emu, org } = await connect({ clients: [{ name: 'kept', authorizedGrantType: 'CLIENT-CREDENTIALS' }] });
    const id = emu.listClients().find((c) => c.name === 'kept')?.id as ClientId;
    const expected = await org.readClient(id);
    const { id: _dropped, secret: _secret, ...withoutId } = emu.getClient(id) as NonNullable<ReturnType<Emulator['getClient']>>;
    emu.inject({ method: 'GET', path: `/api/v2/oauth/clients/${id}`, status: 200, body: withoutId });
    expect(await org.readClient(id)).toEqual(expected);
    expect(expected?.id).toBe(id);
  });
});
