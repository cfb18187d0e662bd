// The secrets of created clients go exactly where their definitions ask, and nowhere else (SPEC §1, §5, §6).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/e2e-world.js';
import { clientsByName, onlyClient, planAndMerge, pushMerge, readTree, writeDefinition } from '../helpers/e2e-apply.js';
import type { ActionRun } from '../helpers/run-action.js';

const SECRET_CLIENTS = `
clients:
  - name: vault-feeder
    authorized_grant_type: CLIENT-CREDENTIALS
    roles: [{ role: employee }]
    expose_client_secret: true
  - name: file-drop
    authorized_grant_type: CLIENT-CREDENTIALS
    roles: [{ role: employee }]
    directory_client_secret: secrets/
  - name: cred-holder
    authorized_grant_type: CLIENT-CREDENTIALS
    roles: [{ role: employee }]
    integration_credential_name: cred-holder-credential
`;
// bi-warehouse-export (examples/) exposes its secret too; the other created clients ask for nothing.
const EXPOSED = ['bi-warehouse-export', 'vault-feeder'];

let world: World;
let seededIds: Set<string>;
let run: ActionRun;
// One plan-merge-apply story, read by every test below (none of them changes anything).
beforeAll(async () => {
  world = await startWorld();
  writeDefinition(world, 'secrets.yaml', SECRET_CLIENTS);
  seededIds = new Set(world.emulator.listClients().map((c) => c.id));
  await planAndMerge(world);
  run = await pushMerge(world);
  if (run.code !== 0) throw new Error(`The apply failed:\n${run.stdout}\n${run.stderr}`);
});
afterAll(async () => {
  await world.close();
});

/** name → secret of every client this apply created, as the org stores it. */
function createdSecrets(): Map<string, string> {
  return new Map(
    world.emulator
      .listClients()
      .filter((c) => !seededIds.has(c.id))
      .map((c) => [c.name, c.secret]),
  );
}

/** Every text a person or a later step can read, apart from the channels a secret was asked to go to. */
function readableChannels(): Record<string, string> {
  const { 'client-secrets': _delivered, ...otherOutputs } = run.outputs;
  const fileDrop = join('secrets', onlyClient(world, 'file-drop').id);
  const bodies = world.github.requests.map((r, i) => [`github request ${i} ${r.method} ${r.path}`, JSON.stringify(r.body ?? '')]);
  const files = Object.entries(readTree(world.workspace, (rel) => rel === fileDrop)).map(([rel, text]) => [`workspace ${rel}`, text]);
  return {
    stdout: run.channels.stdout!,
    stderr: run.stderr,
    summary: run.summary,
    'plan-json': run.channels['plan-json']!,
    outputs: JSON.stringify(otherOutputs),
    ...Object.fromEntries([...bodies, ...files]),
  };
}

describe('secrets of clients created by apply', () => {
  it('puts exactly the exposed clients in the client-secrets output, with the id and secret Genesys holds, and masks each', () => {
    const delivered = JSON.parse(run.outputs['client-secrets'] ?? '{}') as Record<string, { client_id: string; client_secret: string }>;

    expect(Object.keys(delivered).sort()).toEqual(EXPOSED);
    for (const name of EXPOSED) {
      const live = onlyClient(world, name);
      expect(delivered[name]).toEqual({ client_id: live.id, client_secret: live.secret });
    }
    for (const secret of createdSecrets().values()) expect(run.stdout).toContain(`::add-mask::${secret}`);
    expect(run.stdout).toContain(`::add-mask::${run.outputs['client-secrets']}`);
  });

  it('writes the secret of a directory_client_secret client to secrets/<client id> with mode 0600 and nothing else in it', () => {
    const client = onlyClient(world, 'file-drop');
    const directory = join(world.workspace, 'secrets');

    expect(readdirSync(directory)).toEqual([client.id]);
    expect(statSync(join(directory, client.id)).mode & 0o777).toBe(0o600);
    expect(readTree(directory)[client.id]).toBe(client.secret);
  });

  it('creates a pureCloudOAuthClient integration credential holding the id and secret of an integration_credential_name client', () => {
    const client = onlyClient(world, 'cred-holder');

    expect(world.emulator.integrationCredentials()).toEqual([
      {
        id: expect.any(String),
        name: 'cred-holder-credential',
        type: 'pureCloudOAuthClient',
        fields: { clientId: client.id, clientSecret: client.secret },
      },
    ]);
  });

  it(
    'shows no created secret anywhere but the channels asked for: not ' +
      'in logs, summary, comments, other outputs, plan-json or other files',
    () => {
      const secrets = createdSecrets();
      expect([...secrets.keys()].sort()).toEqual([
        'bi-warehouse-export',
        'ci-deployer',
        'cred-holder',
        'customer-portal',
        'file-drop',
        'quality-webhooks',
        'vault-feeder',
        'wfm-forecast-sync',
      ]);
      const channels = readableChannels();
      expect(Object.keys(channels)).toContain('workspace genesys/oauth-clients/secrets.yaml');

      for (const [name, secret] of secrets) {
        for (const [channel, text] of Object.entries(channels)) expect(text.includes(secret), `${name}'s secret in ${channel}`).toBe(false);
        if (!EXPOSED.includes(name)) expect(run.outputs['client-secrets']).not.toContain(secret);
      }
    },
  );

  it("shows the Action's own secret and its access tokens nowhere at all, the delivered secrets included", () => {
    const everything = {
      ...readableChannels(),
      'client-secrets': run.outputs['client-secrets'] ?? '',
      ...readTree(join(world.workspace, 'secrets')),
    };
    expect(world.emulator.issuedTokens().length).toBeGreaterThan(0);

    for (const sentinel of world.sentinels()) {
      for (const [channel, text] of Object.entries(everything)) expect(text.includes(sentinel), `a sentinel in ${channel}`).toBe(false);
    }
    expect(clientsByName(world).get('genesys-oauth-sync')).toHaveLength(1);
  });
});
