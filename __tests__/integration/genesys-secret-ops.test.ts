// The secret's own operations through the real SDK against the emulator: reset, list and update credentials.
import { describe, expect, it } from 'vitest';
import { connectGenesys } from '../../src/genesys/connect.js';
import type { ClientId } from '../../src/core/types.js';
import { emulatorPerTest } from '../helpers/emulator-per-test.js';

const startEmulatorForTest = emulatorPerTest();

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
