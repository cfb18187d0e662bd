// A secret reset (reconciliation and rotation alike) against the in-memory org: the new secret goes to every declared
// channel, the outcome says where it went and where it did not, and the log tells a person the same.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetAndDeliver } from '../../src/apply/reset-secret.js';
import type { DeliveredSecret } from '../../src/apply/secrets.js';
import type { ClientId, SecretDelivery } from '../../src/core/types.js';
import { GenesysApiError } from '../../src/genesys/api-error.js';
import { FakeOrg } from '../helpers/fake-org.js';

const ID = 'f3a1c2d4-client' as ClientId;
const NEW_SECRET = `reset-1-of-${ID}`;

let workspace: string;
let org: FakeOrg;
let log: string[];
let masked: string[];
let exposed: DeliveredSecret[];

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'apply-reset-secret-'));
  org = new FakeOrg();
  log = [];
  masked = [];
  exposed = [];
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

function reset(delivery: SecretDelivery) {
  return resetAndDeliver(
    { client: 'web-app', id: ID, delivery },
    {
      org,
      workspace,
      log: (line) => log.push(line),
      onSecret: (value) => masked.push(value),
      deliverSecret: (delivered) => exposed.push(delivered),
    },
  );
}

describe('resetAndDeliver', () => {
  it('resets the secret and delivers the new one to every declared channel, saying so in the log', async () => {
    const outcome = await reset({ expose_client_secret: true, integration_credential_name: 'web-app-cred' });

    expect(outcome).toEqual({ kind: 'secret-reset', client: 'web-app', id: ID, secretDeliveredTo: ['output', 'integration-credential'] });
    expect(masked).toEqual([NEW_SECRET]);
    expect(exposed).toEqual([{ client: 'web-app', clientId: ID, secret: NEW_SECRET }]);
    expect(org.credentials).toEqual([{ name: 'web-app-cred', clientId: ID, secret: NEW_SECRET }]);
    expect(log).toEqual(['Resetting the secret of `web-app`.', 'Reset the secret of `web-app` and delivered it.']);
  });

  it('reports each channel the new secret did not reach, logs why, and does not claim it was delivered', async () => {
    const outcome = await reset({ expose_client_secret: true, github_secret: { name: 'WEB_SECRET' } });

    expect(outcome).toEqual({
      kind: 'secret-reset',
      client: 'web-app',
      id: ID,
      secretDeliveredTo: ['output'],
      deliveryFailures: [{ channel: 'github-secret', error: { message: expect.stringContaining('No `secrets-token` is set') } }],
    });
    expect(log).toEqual([
      'Resetting the secret of `web-app`.',
      expect.stringMatching(/^Could not deliver the new secret of `web-app` to github-secret: No `secrets-token` is set/),
    ]);
  });

  it('throws when the reset itself fails, and delivers nothing', async () => {
    const refused = new GenesysApiError({ status: 403, message: 'Missing permission oauth:client:edit' });
    org.failures.set('web-app', refused);

    await expect(reset({ expose_client_secret: true })).rejects.toBe(refused);

    expect(masked).toEqual([]);
    expect(exposed).toEqual([]);
    expect(log).toEqual(['Resetting the secret of `web-app`.']);
  });
});
