// The `rotate` mode against the in-memory org and an in-memory GitHub: which clients it rotates or refuses and why, what
// it writes where, and how it reports each client that failed (SPEC §10).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveOrg, Problem } from '../../src/core/types.js';
import type { ActionsSecrets, SecretScope } from '../../src/github/actions-secrets.js';
import { runRotate } from '../../src/modes/rotate.js';
import type { ModeDeps, ModeSettings } from '../../src/modes/types.js';
import { SELF_ID } from '../helpers/builders.js';
import { aLiveClient, FakeOrg } from '../helpers/fake-org.js';
import { aModeDeps } from '../helpers/mode-deps.js';

const NOW = new Date('2025-06-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();
const REPO_SCOPE = { owner: 'acme', repo: 'genesys-config' };
const SELF_REFUSAL = 'it is the OAuth client this Action authenticates as; rotate it by hand';

/** The org the Action reads, named as Genesys names it. */
class NamedOrg extends FakeOrg {
  override async readOrg(): Promise<LiveOrg> {
    const live = await super.readOrg();
    return { ...live, self: { ...live.self, organizationId: 'org-1', organizationName: 'Acme Prod' } };
  }
}

/** The repository's Actions secrets: `updated_at` by upper-case name, and every write, sealed or not. */
class FakeSecrets implements ActionsSecrets {
  readonly updatedAt = new Map<string, string>();
  readonly written: { scope: SecretScope; name: string; value: string }[] = [];
  writeFailure: unknown;

  async listSecrets(): Promise<Map<string, string>> {
    return new Map(this.updatedAt);
  }

  async listVariables(): Promise<Set<string>> {
    return new Set();
  }

  async writeSecret(scope: SecretScope, name: string, value: string): Promise<void> {
    if (this.writeFailure !== undefined) throw this.writeFailure;
    this.written.push({ scope, name, value });
  }

  async writeVariable(): Promise<void> {}
}

const client = (name: string, extra = '') =>
  [
    `  - name: ${name}`,
    '    authorized_grant_type: CODE',
    '    registered_redirect_uris: [https://example.com/callback]',
    '    scopes: [users:readonly]',
    ...extra
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => `    ${line}`),
  ].join('\n');

const rotating = (name: string, secret: string) => client(name, `github_secret: { name: ${secret} }\nsecret_rotation_days: 90`);

let workspace: string;
let org: FakeOrg;
let secrets: FakeSecrets;
/** What the latest `rotate()` reported and masked. */
let info: string[];
let errors: Problem[];
let masked: string[];
let connected: number;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'modes-rotate-'));
  org = new NamedOrg([
    aLiveClient('id-old', { name: 'feed-old' }),
    aLiveClient('id-new', { name: 'feed-new' }),
    aLiveClient(SELF_ID, { name: 'oauth-sync' }),
  ]);
  secrets = new FakeSecrets();
  secrets.updatedAt.set('FEED_OLD', daysAgo(120));
  secrets.updatedAt.set('FEED_NEW', daysAgo(10));
  connected = 0;
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

async function declare(...clients: string[]): Promise<void> {
  await mkdir(path.join(workspace, 'genesys'), { recursive: true });
  await writeFile(path.join(workspace, 'genesys', 'clients.yaml'), `clients:\n${clients.join('\n')}\n`);
}

const FEEDS = [rotating('feed-old', 'FEED_OLD'), rotating('feed-new', 'FEED_NEW')];

function rotate(settings: Partial<ModeSettings> = {}, deps: Partial<ModeDeps> = {}) {
  const made = aModeDeps({
    settings: { path: 'genesys', workspace, ...settings },
    openGenesys: async () => {
      connected += 1;
      return org;
    },
    now: () => NOW,
    actionsSecrets: secrets,
    repository: 'acme/genesys-config',
    clock: { now: () => NOW.getTime(), sleep: async () => undefined },
    ...deps,
  });
  ({ infos: info, errors, masked } = made);
  return runRotate(made.deps);
}

const resets = () => org.writesOf('resetClientSecret').map((call) => call.client);

describe('rotate: which secrets are reset', () => {
  it('resets only the due secret, delivers the new one to its GitHub secret, and reports why it was chosen', async () => {
    await declare(...FEEDS);

    const outcome = await rotate();

    expect(outcome).toEqual({
      report: {
        label: 'test',
        kind: 'rotate',
        problems: [],
        warnings: [],
        org: 'Acme Prod',
        rotation: {
          chosen: [{ client: 'feed-old', id: 'id-old', rotationDays: 90, writtenAt: daysAgo(120), ageDays: 120 }],
          outcomes: [{ kind: 'secret-reset', client: 'feed-old', id: 'id-old', secretDeliveredTo: ['github-secret'] }],
          refused: [],
        },
      },
      exposedSecrets: {},
    });
    expect(resets()).toEqual(['feed-old']);
    expect(secrets.written).toEqual([{ scope: REPO_SCOPE, name: 'FEED_OLD', value: 'reset-1-of-id-old' }]);
    expect(masked).toEqual(['reset-1-of-id-old']);
    expect(info).toEqual([
      'Read 2 client definition(s) from 1 file(s) under `genesys`.',
      'Rotating 1 secret(s): `feed-old`.',
      'Resetting the secret of `feed-old`.',
      'Reset the secret of `feed-old` and delivered it.',
    ]);
  });

  it('also rotates the clients the rotate input names, whatever their age, and says they were named', async () => {
    await declare(...FEEDS);

    const { report } = await rotate({ rotate: ['feed-*'] });

    expect(report.rotation?.chosen).toEqual([
      { client: 'feed-old', id: 'id-old', rotationDays: 90, writtenAt: daysAgo(120), ageDays: 120 },
      { client: 'feed-new', named: true },
    ]);
    expect(report.failure).toBeUndefined();
    expect(resets()).toEqual(['feed-old', 'feed-new']);
    expect(secrets.written.map((write) => [write.name, write.value])).toEqual([
      ['FEED_OLD', 'reset-1-of-id-old'],
      ['FEED_NEW', 'reset-2-of-id-new'],
    ]);
    expect(info).toContain('Rotating 2 secret(s): `feed-old`, `feed-new`.');
  });

  it('resets nothing when no secret is due and none is named, and says none is due', async () => {
    secrets.updatedAt.set('FEED_OLD', daysAgo(89));
    await declare(...FEEDS);

    const { report } = await rotate();

    expect(report.rotation).toEqual({ chosen: [], outcomes: [], refused: [] });
    expect(report.failure).toBeUndefined();
    expect(resets()).toEqual([]);
    expect(secrets.written).toEqual([]);
    expect(info).toContain('Rotating 0 secret(s): none due.');
  });

  it('leaves a declared client that does not exist in the org yet alone, even when named', async () => {
    await declare(rotating('not-yet', 'NOT_YET'));

    const { report } = await rotate({ rotate: ['not-yet'] });

    expect(report.rotation).toEqual({ chosen: [], outcomes: [], refused: [] });
    expect(report.failure).toBeUndefined();
    expect(resets()).toEqual([]);
  });

  it('hands a rotated secret with expose_client_secret to the shell for the client-secrets output', async () => {
    org.clients.set('id-x' as never, aLiveClient('id-x', { name: 'exposed' }));
    await declare(client('exposed', 'expose_client_secret: true'));

    const outcome = await rotate({ rotate: ['exposed'] });

    expect(outcome.exposedSecrets).toEqual({ exposed: { client_id: 'id-x', client_secret: 'reset-1-of-id-x' } });
    expect(outcome.report.rotation?.outcomes).toEqual([
      { kind: 'secret-reset', client: 'exposed', id: 'id-x', secretDeliveredTo: ['output'] },
    ]);
  });

  it('names the org in the label when the shell derives the label from it', async () => {
    await declare(...FEEDS);

    const { report } = await rotate({ labelForOrg: (organizationId) => `prod (${organizationId})` });

    expect(report.label).toBe('prod (org-1)');
  });
});

describe('rotate: refusals', () => {
  it("refuses the Action's own client when the rotate input names it, resets nothing, and fails", async () => {
    await declare(rotating('feed-new', 'FEED_NEW'));

    const { report } = await rotate({ rotate: ['oauth-sync'] });

    expect(report.rotation).toEqual({ chosen: [], outcomes: [], refused: [{ client: 'oauth-sync', reason: SELF_REFUSAL }] });
    expect(report.failure).toEqual({ reason: 'rotation-failed', message: `\`oauth-sync\` was not rotated: ${SELF_REFUSAL}.` });
    expect(resets()).toEqual([]);
  });

  it("never resets the Action's own secret, even when a definition declares it as due or names it", async () => {
    secrets.updatedAt.set('OAUTH_SYNC', daysAgo(400));
    await declare(rotating('oauth-sync', 'OAUTH_SYNC'));

    const due = await rotate();
    const named = await rotate({ rotate: ['oauth-*'] });

    expect(due.report.rotation).toEqual({ chosen: [], outcomes: [], refused: [] });
    expect(named.report.rotation).toEqual({ chosen: [], outcomes: [], refused: [{ client: 'oauth-sync', reason: SELF_REFUSAL }] });
    expect(resets()).toEqual([]);
    expect(secrets.written).toEqual([]);
  });

  it('refuses a named client whose definition matches no single live client, with the reason, and skips unnamed ones', async () => {
    org.clients.set('id-d1' as never, aLiveClient('id-d1', { name: 'dup' }));
    org.clients.set('id-d2' as never, aLiveClient('id-d2', { name: 'dup' }));
    org.clients.set('id-t1' as never, aLiveClient('id-t1', { name: 'twin' }));
    org.clients.set('id-t2' as never, aLiveClient('id-t2', { name: 'twin' }));
    await declare(client('dup', 'expose_client_secret: true'), client('twin', 'expose_client_secret: true'));

    const { report } = await rotate({ rotate: ['dup'] });

    expect(report.rotation?.refused).toEqual([
      { client: 'dup', reason: '2 live clients are named `dup` (id-d1, id-d2). Pin one with `id`.' },
    ]);
    expect(resets()).toEqual([]);
  });

  it('refuses a named client that declares no channel for its secret, since the new secret would be lost', async () => {
    org.clients.set('id-bare' as never, aLiveClient('id-bare', { name: 'bare' }));
    await declare(client('bare'));

    const { report } = await rotate({ rotate: ['bare'] });

    expect(report.rotation).toEqual({
      chosen: [],
      outcomes: [],
      refused: [
        {
          client: 'bare',
          reason: 'it declares no channel for its secret, so a new secret would be lost; add `github_secret` or another delivery first',
        },
      ],
    });
    expect(resets()).toEqual([]);
    expect(info).toContain('Rotating 0 secret(s): none due.');
  });
});

describe('rotate: failures', () => {
  it('fails per client: a reset that failed keeps the old secret, a new secret that reached no channel must be rotated again', async () => {
    org.failures.set('feed-old', new Error('HTTP 503 from Genesys'));
    org.credentialFailure = new Error('credential store is down');
    secrets.writeFailure = Object.assign(new Error('Resource not accessible by integration'), { status: 403 });
    await declare(
      rotating('feed-old', 'FEED_OLD'),
      client('feed-new', 'integration_credential_name: feed-new-cred\ngithub_secret: { name: FEED_NEW }'),
    );

    const { report } = await rotate({ rotate: ['feed-new'] });

    expect(report.rotation?.outcomes).toEqual([
      { kind: 'failed', client: 'feed-old', action: 'reset-secret', id: 'id-old', error: { message: 'HTTP 503 from Genesys' } },
      {
        kind: 'secret-reset',
        client: 'feed-new',
        id: 'id-new',
        secretDeliveredTo: [],
        deliveryFailures: [
          { channel: 'integration-credential', error: { message: 'credential store is down' } },
          { channel: 'github-secret', error: { message: 'Resource not accessible by integration' } },
        ],
      },
    ]);
    expect(report.failure).toEqual({
      reason: 'rotation-failed',
      message:
        'the secret of `feed-old` could not be reset (HTTP 503 from Genesys); its old secret still works; ' +
        'the new secret of `feed-new` did not reach `integration-credential`, `github-secret` ' +
        '(the old secret no longer works: fix the cause and run `rotate` for it again).',
    });
  });

  it('resets nothing when it cannot read where the secrets live, and names each client concerned', async () => {
    await declare(...FEEDS);

    const { report } = await rotate({}, { actionsSecrets: undefined });

    expect(report.rotation).toBeUndefined();
    expect(report.problems.map((problem) => problem.client)).toEqual(['feed-old', 'feed-new']);
    expect(errors).toEqual(report.problems);
    expect(report.failure).toEqual({
      reason: 'rotation-failed',
      message: '2 problem(s) reading where the secrets live; nothing was rotated. Fix them and run again.',
    });
    expect(report.org).toBe('Acme Prod');
    expect(resets()).toEqual([]);
  });

  it('refuses invalid definitions without connecting to Genesys', async () => {
    await declare('  - name: broken\n    authorized_grant_type: TELEPATHY');

    const { report } = await rotate();

    expect(report).toEqual({
      label: 'test',
      kind: 'rotate',
      problems: [expect.objectContaining({ file: 'genesys/clients.yaml' })],
      warnings: [],
      failure: {
        reason: 'validation-failed',
        message: '1 problem(s) in the definitions; nothing was sent to Genesys. Fix them and run again.',
      },
    });
    expect(connected).toBe(0);
  });
});
