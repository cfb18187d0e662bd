import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverClientSecret, type DeliveredSecret, type DeliveryContext } from '../../src/apply/secrets.js';
import type { ClientId, SecretDelivery } from '../../src/core/types.js';
import type { SecretScope } from '../../src/github/actions-secrets.js';
import { GenesysApiError } from '../../src/genesys/api-error.js';
import { FakeOrg } from '../helpers/fake-org.js';

const SECRET = 'Sx9-sentinel-secret-value';
const created: DeliveredSecret = { client: 'web-app', clientId: 'f3a1c2d4-client' as ClientId, secret: SECRET };

let sandbox: string;
let workspace: string;
let org: FakeOrg;
let events: string[];
let exposed: DeliveredSecret[];

function contextFor(extra: Partial<DeliveryContext> = {}): DeliveryContext {
  return {
    ...extra,
    org,
    workspace,
    onSecret: (value) => events.push(`mask:${value}`),
    deliverSecret: (secret) => {
      events.push('output');
      exposed.push(secret);
    },
  };
}

function delivery(overrides: Partial<SecretDelivery>): SecretDelivery {
  return { expose_client_secret: false, ...overrides };
}

beforeEach(async () => {
  sandbox = await mkdtemp(path.join(os.tmpdir(), 'apply-secrets-'));
  workspace = path.join(sandbox, 'repo');
  await mkdir(workspace);
  org = new FakeOrg();
  events = [];
  exposed = [];
});

afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

describe('deliverClientSecret', () => {
  it.each([
    { asked: {}, channels: [] },
    { asked: { expose_client_secret: true }, channels: ['output'] },
    { asked: { directory_client_secret: 'secrets' }, channels: ['file'] },
    { asked: { integration_credential_name: 'web-app-cred' }, channels: ['integration-credential'] },
    {
      asked: { expose_client_secret: true, directory_client_secret: 'secrets', integration_credential_name: 'web-app-cred' },
      channels: ['output', 'file', 'integration-credential'],
    },
  ] as const)('delivers to exactly $channels when asked for $asked', async ({ asked, channels }) => {
    const asks = (channel: string) => (channels as readonly string[]).includes(channel);
    const report = await deliverClientSecret(created, delivery(asked), contextFor());

    expect(report.deliveredTo).toEqual(channels);
    expect(report.failures).toEqual([]);
    expect(exposed).toEqual(asks('output') ? [created] : []);
    const files = await readdir(path.join(workspace, 'secrets')).catch(() => []);
    expect(files).toEqual(asks('file') ? [created.clientId] : []);
    expect(org.credentials).toEqual(
      asks('integration-credential') ? [{ name: 'web-app-cred', clientId: created.clientId, secret: SECRET }] : [],
    );
    expect(report.integrationCredentialId).toBe(asks('integration-credential') ? 'credential-1' : undefined);
  });

  it('masks the secret before delivering it anywhere', async () => {
    await deliverClientSecret(created, delivery({ expose_client_secret: true }), contextFor());

    expect(events).toEqual([`mask:${SECRET}`, 'output']);
  });

  it('delivers nothing when the secret could not be masked', async () => {
    const context = {
      ...contextFor(),
      onSecret: () => {
        throw new Error('runner gone');
      },
    };

    const report = await deliverClientSecret(created, delivery({ expose_client_secret: true, directory_client_secret: 's' }), context);

    expect(report.deliveredTo).toEqual([]);
    const reason = 'The secret of `web-app` could not be masked, so it was not delivered: runner gone';
    expect(report.failures).toEqual([
      { channel: 'output', error: { message: reason } },
      { channel: 'file', error: { message: reason } },
    ]);
    expect(exposed).toEqual([]);
    expect(await readdir(workspace)).toEqual([]);
  });

  it('writes a file named after the client id, holding exactly the secret, with mode 0600', async () => {
    await deliverClientSecret(created, delivery({ directory_client_secret: 'deep/secrets' }), contextFor());

    const file = path.join(workspace, 'deep', 'secrets', created.clientId);
    expect(await readFile(file, 'utf8')).toBe(SECRET);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it.each(['..', '../outside', 'secrets/../../outside', '<sandbox>/absolute'])(
    'refuses the directory %s because it resolves outside the workspace, and still delivers the other channels',
    async (written) => {
      const directory = written.replace('<sandbox>', sandbox);
      const report = await deliverClientSecret(
        created,
        delivery({ directory_client_secret: directory, expose_client_secret: true }),
        contextFor(),
      );

      expect(report.deliveredTo).toEqual(['output']);
      expect(report.failures).toEqual([{ channel: 'file', error: { message: expect.stringContaining('resolves outside the workspace') } }]);
      expect(report.failures[0]?.error.message).toContain(created.clientId);
      expect(await readdir(sandbox)).toEqual(['repo']);
    },
  );

  it('refuses a directory inside the workspace that links outside it', async () => {
    const outside = path.join(sandbox, 'elsewhere');
    await mkdir(outside);
    await symlink(outside, path.join(workspace, 'linked'));

    const report = await deliverClientSecret(created, delivery({ directory_client_secret: 'linked' }), contextFor());

    expect(report.failures).toEqual([{ channel: 'file', error: { message: expect.stringContaining('links outside the workspace') } }]);
    expect(await readdir(outside)).toEqual([]);
  });

  it('creates no folder outside the workspace through a link, even below the linked folder', async () => {
    const outside = path.join(sandbox, 'elsewhere');
    await mkdir(outside);
    await symlink(outside, path.join(workspace, 'linked'));

    const report = await deliverClientSecret(created, delivery({ directory_client_secret: 'linked/deeper/secrets' }), contextFor());

    expect(report.failures).toEqual([{ channel: 'file', error: { message: expect.stringContaining('links outside the workspace') } }]);
    expect(await readdir(outside)).toEqual([]);
  });

  it('does not write through a file that already exists at the secret path', async () => {
    await mkdir(path.join(workspace, 'secrets'));
    await writeFile(path.join(workspace, 'secrets', created.clientId), 'old', { mode: 0o644 });

    const report = await deliverClientSecret(created, delivery({ directory_client_secret: 'secrets' }), contextFor());

    expect(report.failures).toEqual([{ channel: 'file', error: { message: expect.stringContaining('EEXIST') } }]);
    expect(await readFile(path.join(workspace, 'secrets', created.clientId), 'utf8')).toBe('old');
  });

  it('reports a failed integration credential with its Genesys error and never with the secret', async () => {
    org.credentialFailure = new GenesysApiError({ status: 400, code: 'bad.request', message: `Invalid field clientSecret=${SECRET}` });

    const report = await deliverClientSecret(created, delivery({ integration_credential_name: 'cred' }), contextFor());

    expect(report.deliveredTo).toEqual([]);
    expect(report.integrationCredentialId).toBeUndefined();
    expect(report.failures).toEqual([
      { channel: 'integration-credential', error: expect.objectContaining({ status: 400, code: 'bad.request' }) },
    ]);
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it('updates an integration credential of the same name in place instead of creating a second one', async () => {
    org.credentials.push({ name: 'web-app-cred', clientId: 'old-client' as ClientId, secret: 'old-secret-value' });

    const report = await deliverClientSecret(
      created,
      delivery({ integration_credential_name: 'web-app-cred' }),
      contextFor({ credentialIds: { 'web-app-cred': 'credential-1' } }),
    );

    expect(report).toEqual({ deliveredTo: ['integration-credential'], integrationCredentialId: 'credential-1', failures: [] });
    expect(org.credentials).toEqual([{ name: 'web-app-cred', clientId: created.clientId, secret: SECRET }]);
    expect(org.writesOf('createIntegrationCredential')).toEqual([]);
  });

  it('writes the secret and the client id variable to the GitHub secret the definition names', async () => {
    const writes: string[] = [];
    const github = {
      defaultRepository: 'acme/genesys-config',
      secrets: {
        writeSecret: async (scope: SecretScope, name: string, value: string) => {
          writes.push(`secret ${scope.owner}/${scope.repo} ${name}=${value}`);
        },
        writeVariable: async (scope: SecretScope, name: string, value: string) => {
          writes.push(`variable ${scope.owner}/${scope.repo} ${name}=${value}`);
        },
      },
    };

    const report = await deliverClientSecret(
      created,
      delivery({ github_secret: { name: 'WEB_SECRET', client_id_variable: 'WEB_CLIENT_ID' } }),
      contextFor({ github }),
    );

    expect(report).toEqual({ deliveredTo: ['github-secret'], failures: [] });
    expect(writes).toEqual([
      `secret acme/genesys-config WEB_SECRET=${SECRET}`,
      `variable acme/genesys-config WEB_CLIENT_ID=${created.clientId}`,
    ]);
  });

  it('reports the GitHub secret as not delivered, saying to set `secrets-token`, when there is no token', async () => {
    const report = await deliverClientSecret(
      created,
      delivery({ github_secret: { name: 'WEB_SECRET' }, expose_client_secret: true }),
      contextFor(),
    );

    expect(report.deliveredTo).toEqual(['output']);
    expect(report.failures).toEqual([
      {
        channel: 'github-secret',
        error: {
          message:
            'No `secrets-token` is set, so the GitHub secret could not be written. Set the `secrets-token` input to a token ' +
            'with the repository permission `Secrets: Read and write`.',
        },
      },
    ]);
  });

  it.each(['', 'nested/client', '..', '.'])('refuses to name the secret file after client id %j, writing nothing', async (clientId) => {
    const odd: DeliveredSecret = { ...created, clientId: clientId as ClientId };
    await mkdir(path.join(workspace, 'secrets'));

    const report = await deliverClientSecret(odd, delivery({ directory_client_secret: 'secrets' }), contextFor());

    expect(report.failures).toEqual([
      { channel: 'file', error: { message: expect.stringContaining(`Client id \`${clientId}\` is not usable as a file name.`) } },
    ]);
    expect(await readdir(sandbox, { recursive: true })).toEqual(['repo', path.join('repo', 'secrets')]);
  });
});
