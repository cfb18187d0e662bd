// Secrets that live (SPEC §10), through dist/index.js: delivery to GitHub secrets, reconciliation on merge, rotation
// and the check's due list. The fake GitHub keeps what it receives sealed; the tests open it with its private key.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SeedClient } from '../../emulator/index.js';
import { everythingVisible, startWorld, type World } from '../helpers/e2e-world.js';
import { onlyClient, onlyComment, planAndMerge, pushMerge, writeDefinition, writeLines } from '../helpers/e2e-apply.js';
import type { TokenPermissions } from '../helpers/fake-github-secrets.js';
import { pullRequestEvent, type ActionRun } from '../helpers/run-action.js';

const SECRETS_TOKEN = 'SENTINEL-secrets-token-9b1c';
const REPO = { repository: 'acme/genesys-config' };
const DAY_MS = 86_400_000;

const seeded = (name: string): SeedClient => ({
  name,
  authorizedGrantType: 'CLIENT-CREDENTIALS',
  roleDivisions: [{ roleId: 'role-employee', divisionId: 'div-home' }],
});

const definition = (name: string, extra: string) => `
  - name: ${name}
    authorized_grant_type: CLIENT-CREDENTIALS
    roles: [{ role: employee }]
${extra
  .trim()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
`;

let world: World;

async function startSecretsWorld(
  clients: SeedClient[],
  definitions: string,
  permissions: TokenPermissions = { secrets: 'write', variables: 'write' },
) {
  world = await startWorld({ clients, github: { secretsTokens: { [SECRETS_TOKEN]: permissions } } });
  rmSync(join(world.workspace, 'genesys/oauth-clients'), { recursive: true });
  writeDefinition(world, 'clients.yaml', `clients:\n${definitions}`);
  return world;
}

afterEach(async () => {
  await world?.close();
});

const withToken = { 'secrets-token': SECRETS_TOKEN };
const secretResets = () => writeLines(world).filter((line) => /^POST \/api\/v2\/oauth\/clients\/[^/]+\/secret$/.test(line));

/** No issued secret may appear anywhere a person or a later step reads, apart from `client-secrets`. */
function expectNoLeak(run: ActionRun): void {
  const secrets = world.emulator.listClients().map((client) => client.secret);
  const visible = everythingVisible(world, run).replace(JSON.stringify(run.outputs['client-secrets'] ?? ''), '');
  for (const secret of [...secrets, SECRETS_TOKEN, ...world.sentinels()]) expect(visible).not.toContain(secret);
}

function rotateRun(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return world.run({
    eventName: 'schedule',
    payload: { repository: { full_name: 'acme/genesys-config', default_branch: 'main' } },
    inputs: { mode: 'rotate', ...withToken, ...inputs },
  });
}

describe('a GitHub secret added to an existing client', () => {
  it('plans a reset-secret, resets once on merge, delivers the sealed secret, and a second apply writes nothing', async () => {
    await startSecretsWorld(
      [seeded('ci-deployer')],
      definition('ci-deployer', 'github_secret: { name: CI_DEPLOYER_SECRET, client_id_variable: CI_DEPLOYER_ID }'),
    );
    const plan = await planAndMerge(world, withToken);
    expect(plan.outputs['has-changes']).toBe('true');
    const comment = onlyComment(world);
    expect(comment).toContain('reset secret');
    expect(comment).toContain('The old secret stops working at once');
    expect(writeLines(world)).toEqual([]);

    const apply = await pushMerge(world, withToken);
    expect(apply.code, apply.stdout).toBe(0);
    expect(secretResets()).toHaveLength(1);
    const client = onlyClient(world, 'ci-deployer');
    expect(world.github.actionsSecrets.open(REPO, 'CI_DEPLOYER_SECRET')).toBe(client.secret);
    expect(world.github.actionsSecrets.variables(REPO)).toEqual({ CI_DEPLOYER_ID: client.id });
    expectNoLeak(plan);
    expectNoLeak(apply);

    world.emulator.resetLog();
    const requestsBefore = world.github.requests.length;
    const again = await pushMerge(world, withToken, 'd'.repeat(40));
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs['has-changes']).toBe('false');
    expect(writeLines(world)).toEqual([]);
    expect(world.github.requests.slice(requestsBefore).filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('names the exact permission a secrets-token without it lacks, in the plan', async () => {
    await startSecretsWorld([seeded('ci-deployer')], definition('ci-deployer', 'github_secret: { name: CI_DEPLOYER_SECRET }'), {
      secrets: 'none',
      variables: 'none',
    });
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7), inputs: withToken });
    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('plan-failed');
    expect(run.summary).toContain('GitHub says the request needs `secrets=read`');
    expect(run.summary).toContain('`Secrets: Read and write`');
    expectNoLeak(run);
  });
});

describe('a client created with a GitHub secret and an integration credential', () => {
  it('has both channels holding the same, new secret', async () => {
    await startSecretsWorld(
      [],
      definition(
        'new-feed',
        'github_secret: { name: NEW_FEED_SECRET, environment: production }\nintegration_credential_name: new-feed-cred',
      ),
    );
    await planAndMerge(world, withToken);
    const apply = await pushMerge(world, withToken);
    expect(apply.code, apply.stdout).toBe(0);
    const client = onlyClient(world, 'new-feed');
    expect(world.github.actionsSecrets.open({ ...REPO, environment: 'production' }, 'NEW_FEED_SECRET')).toBe(client.secret);
    expect(world.emulator.integrationCredentials()).toEqual([
      expect.objectContaining({ name: 'new-feed-cred', fields: { clientId: client.id, clientSecret: client.secret } }),
    ]);
    expectNoLeak(apply);
  });
});

describe('rotation', () => {
  const ROTATING = [
    definition('feed-old', 'github_secret: { name: FEED_OLD }\nsecret_rotation_days: 90'),
    definition('feed-new', 'github_secret: { name: FEED_NEW }\nsecret_rotation_days: 90'),
  ].join('');

  async function startRotationWorld() {
    await startSecretsWorld([seeded('feed-old'), seeded('feed-new')], ROTATING);
    world.github.actionsSecrets.seedSecret(REPO, 'FEED_OLD', 'stale', new Date(Date.now() - 120 * DAY_MS));
    world.github.actionsSecrets.seedSecret(REPO, 'FEED_NEW', 'fresh', new Date(Date.now() - 10 * DAY_MS));
  }

  it('rotates exactly the due secret and delivers it', async () => {
    await startRotationWorld();
    const run = await rotateRun();
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.rotated).toBe('1');
    expect(secretResets()).toEqual([`POST /api/v2/oauth/clients/${onlyClient(world, 'feed-old').id}/secret`]);
    expect(world.github.actionsSecrets.open(REPO, 'FEED_OLD')).toBe(onlyClient(world, 'feed-old').secret);
    expect(world.github.actionsSecrets.open(REPO, 'FEED_NEW')).toBe('fresh');
    expect(writeLines(world)).toEqual(secretResets());
    expectNoLeak(run);
  });

  it('rotates the clients the rotate input names, whatever their age', async () => {
    await startRotationWorld();
    const run = await rotateRun({ rotate: 'feed-*' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.rotated).toBe('2');
    expect(world.github.actionsSecrets.open(REPO, 'FEED_NEW')).toBe(onlyClient(world, 'feed-new').secret);
  });

  it('fails rotation-failed naming the client and the channel when GitHub keeps failing', async () => {
    await startRotationWorld();
    world.github.failWith('PUT', /\/actions\/secrets\/FEED_OLD$/, 500, 'Server Error');
    const run = await rotateRun();
    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('rotation-failed');
    expect(run.stdout).toMatch(/the new secret of `feed-old` did not reach `github-secret`/);
    expect(world.github.requests.filter((r) => r.method === 'PUT')).toHaveLength(3);
    expectNoLeak(run);
  });

  it('is listed by check as due, without failing the run', async () => {
    await startRotationWorld();
    const run = await world.run({
      eventName: 'schedule',
      payload: { repository: { full_name: 'acme/genesys-config', default_branch: 'main' } },
      inputs: withToken,
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.summary).toContain('1 secret due for rotation');
    expect(run.summary).toContain('`feed-old`');
    expect(world.github.issues()).toEqual([]);
    expect(writeLines(world)).toEqual([]);
    expectNoLeak(run);
  });
});
