// The secret's own operations through the real SDK against the emulator: reset, list and update credentials.
import { describe, expect, it } from 'vitest';
import { connectGenesys } from '../../src/genesys/connect.js';
import type { ClientId } from '../../src/core/types.js';
import { emulatorPerTest } from '../helpers/emulator-per-test.js';

const startEmulatorForTest = emulatorPerTest();
const CREDENTIALS_PATH = '/api/v2/integrations/credentials';
/** A 403 whose body names no permission, so the message falls back on the permission the call needs. */
const FORBIDDEN = { status: 403, code: 'forbidden', message: 'Forbidden' };
const OAUTH = { name: 'pureCloudOAuthClient' };

async function connect() {
  const emu = await startEmulatorForTest({
    clients: [{ id: 'web-id', name: 'web', authorizedGrantType: 'CODE', scope: ['a'], registeredRedirectUri: ['https://x.example'] }],
  });
  const secrets: string[] = [];
  const org = await connectGenesys({
    clientId: emu.credentials.clientId,
    clientSecret: emu.credentials.clientSecret,
    apiUrl: emu.url,
    onSecret: (s) => secrets.push(s),
    sleep: async () => {},
  });
  emu.resetLog();
  return { emu, org, secrets };
}

describe('resetClientSecret', () => {
  it('returns the new secret, hands it to onSecret first, and the old one stops working', async () => {
    const { emu, org, secrets } = await connect();
    const before = emu.getClient('web-id')?.secret;
    const secret = await org.resetClientSecret('web-id' as ClientId, 'web');
    expect(secret).toBe(emu.getClient('web-id')?.secret);
    expect(secret).not.toBe(before);
    expect(secrets).toContain(secret);
    expect(emu.writes().map((w) => `${w.method} ${w.path}`)).toEqual(['POST /api/v2/oauth/clients/web-id/secret']);
  });

  it('names the client and the permission oauth:client:edit when Genesys refuses the reset', async () => {
    const { emu, org } = await connect();
    emu.inject({ method: 'POST', path: '/api/v2/oauth/clients/web-id/secret', status: 403, body: FORBIDDEN });
    await expect(org.resetClientSecret('web-id' as ClientId, 'web')).rejects.toThrow(
      'Genesys rejected resetting the secret of `web`: 403 forbidden "Forbidden" (correlation id a0000000-0000-4000-8000-000000000002). ' +
        "The Action's OAuth client probably lacks the permission `oauth:client:edit`: add it to one of the client's roles.",
    );
  });

  it('tells the user to reset the secret by hand when Genesys answers the reset without one', async () => {
    const { emu, org, secrets } = await connect();
    const known = [...secrets];
    emu.inject({ method: 'POST', path: '/api/v2/oauth/clients/web-id/secret', status: 200, body: null });
    const reset = org.resetClientSecret('web-id' as ClientId, 'web');
    await expect(reset).rejects.toMatchObject({
      name: 'GenesysApiError',
      message:
        'Genesys answered resetting the secret of `web` without a secret. ' +
        'Reset it in the Genesys admin UI (Admin > OAuth > web) and deliver it by hand.',
    });
    emu.inject({ method: 'POST', path: '/api/v2/oauth/clients/web-id/secret', status: 200, body: { id: 'web-id', name: 'web' } });
    await expect(org.resetClientSecret('web-id' as ClientId, 'web')).rejects.toThrow('without a secret');
    expect(secrets).toEqual(known);
  });
});

describe('integration credentials', () => {
  it('lists only pureCloudOAuthClient credentials with their modified date, and updates one in place', async () => {
    const { emu, org } = await connect();
    emu.seedCredential({
      name: 'web-cred',
      type: 'pureCloudOAuthClient',
      fields: { clientId: 'web-id', clientSecret: 'old' },
      modifiedDate: '2026-01-01T00:00:00.000Z',
    });
    emu.seedCredential({ name: 'other', type: 'basicAuth', fields: { userName: 'u', password: 'p' } });
    const listed = await org.listIntegrationCredentials();
    expect(listed).toEqual([{ id: expect.any(String), name: 'web-cred', modifiedDate: '2026-01-01T00:00:00.000Z' }]);

    await org.updateIntegrationCredential(listed[0]!.id, 'web-cred', 'web-id' as ClientId, 'new-secret');
    expect(emu.integrationCredentials().filter((c) => c.name === 'web-cred')).toEqual([
      { id: listed[0]!.id, name: 'web-cred', type: 'pureCloudOAuthClient', fields: { clientId: 'web-id', clientSecret: 'new-secret' } },
    ]);
    const [after] = await org.listIntegrationCredentials();
    expect(after?.modifiedDate).not.toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('listIntegrationCredentials', () => {
  const seedMany = (emu: Awaited<ReturnType<typeof connect>>['emu'], count: number) => {
    for (let index = 0; index < count; index += 1) {
      const name = `cred-${String(index).padStart(3, '0')}`;
      emu.seedCredential({ name, type: 'pureCloudOAuthClient', fields: { clientId: name, clientSecret: 's' } });
    }
  };

  it('reads 150 credentials in two pages of 100', async () => {
    const { emu, org } = await connect();
    seedMany(emu, 150);
    const listed = await org.listIntegrationCredentials();
    expect(listed.map((c) => c.name)).toEqual(Array.from({ length: 150 }, (_, index) => `cred-${String(index).padStart(3, '0')}`));
    expect(emu.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', CREDENTIALS_PATH, { pageNumber: '1', pageSize: '100' }],
      ['GET', CREDENTIALS_PATH, { pageNumber: '2', pageSize: '100' }],
    ]);
  });

  it('reads a single page of credentials in one request', async () => {
    const { emu, org } = await connect();
    seedMany(emu, 3);
    expect(await org.listIntegrationCredentials()).toHaveLength(3);
    expect(emu.requests.map((r) => r.query)).toEqual([{ pageNumber: '1', pageSize: '100' }]);
  });

  it('stops after 100 pages however many Genesys says there are', async () => {
    const { emu, org } = await connect();
    emu.inject({ method: 'GET', path: CREDENTIALS_PATH, status: 200, body: { entities: [], pageCount: 1_000 }, times: Infinity });
    expect(await org.listIntegrationCredentials()).toEqual([]);
    expect(emu.requests.map((r) => Number(r.query.pageNumber))).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
  });

  it('reads an empty answer as no credentials, in one request', async () => {
    const { emu, org } = await connect();
    emu.inject({ method: 'GET', path: CREDENTIALS_PATH, status: 200, body: null });
    expect(await org.listIntegrationCredentials()).toEqual([]);
    expect(emu.requests).toHaveLength(1);
  });

  it('leaves out credentials without an id, a name or a type, and dates one never modified by its creation', async () => {
    const { emu, org } = await connect();
    const entities = [
      { id: 'no-name', type: OAUTH },
      { name: 'no-id', type: OAUTH },
      { id: 'no-type', name: 'no-type' },
      { id: 'new', name: 'new', type: OAUTH, createdDate: '2026-02-01T00:00:00.000Z' },
    ];
    emu.inject({ method: 'GET', path: CREDENTIALS_PATH, status: 200, body: { entities, pageCount: 1 } });
    expect(await org.listIntegrationCredentials()).toEqual([{ id: 'new', name: 'new', modifiedDate: '2026-02-01T00:00:00.000Z' }]);
  });

  it('names the page and the permission integrations:integration:view when Genesys refuses the listing', async () => {
    const { emu, org } = await connect();
    emu.inject({ method: 'GET', path: CREDENTIALS_PATH, status: 403, body: FORBIDDEN });
    await expect(org.listIntegrationCredentials()).rejects.toThrow(
      'Genesys rejected listing integration credentials (page 1): 403 forbidden "Forbidden" ' +
        '(correlation id a0000000-0000-4000-8000-000000000002). ' +
        "The Action's OAuth client probably lacks the permission `integrations:integration:view`: add it to one of the client's roles.",
    );
  });
});

describe('updateIntegrationCredential', () => {
  it('names the credential and the permission integrations:integration:edit when Genesys refuses the update', async () => {
    const { emu, org } = await connect();
    const { id } = emu.seedCredential({
      name: 'web-cred',
      type: 'pureCloudOAuthClient',
      fields: { clientId: 'web-id', clientSecret: 'old' },
    });
    emu.inject({ method: 'PUT', path: `${CREDENTIALS_PATH}/${id}`, status: 403, body: FORBIDDEN });
    await expect(org.updateIntegrationCredential(id, 'web-cred', 'web-id' as ClientId, 'new-secret')).rejects.toThrow(
      'Genesys rejected updating the integration credential `web-cred`: 403 forbidden "Forbidden" ' +
        '(correlation id a0000000-0000-4000-8000-000000000002). ' +
        "The Action's OAuth client probably lacks the permission `integrations:integration:edit`: add it to one of the client's roles.",
    );
    expect(emu.integrationCredentials().map((c) => c.fields.clientSecret)).toEqual(['old']);
  });
});
