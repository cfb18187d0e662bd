import { describe, expect, it } from 'vitest';
import { gitHubSecretKey } from '../../src/core/github-secret-key.js';
import { gitHubScopeKey } from '../../src/core/secret-channels.js';
import type { Definition } from '../../src/core/types.js';
import type { IntegrationCredentialInfo } from '../../src/genesys/contract.js';
import type { SecretScope } from '../../src/github/actions-secrets.js';
import { type ChannelSources, readSecretChannels } from '../../src/modes/secret-channels.js';
import { aDefinition } from '../helpers/builders.js';

const REPO = 'acme/genesys-config';
const source = (name: string) => ({ file: `genesys/oauth-clients/${name}.yaml`, line: 1, column: 1 });
const client = (name: string, overrides: Partial<Definition> = {}) => aDefinition({ name, source: source(name), ...overrides });

/** An org and a secrets token that record every listing and answer with what each test gives them. */
function sourcesOf(
  given: {
    credentials?: IntegrationCredentialInfo[] | Error | string;
    secrets?: Record<string, Map<string, string> | Error> | 'no token';
    repository?: string;
  } = {},
) {
  const calls: string[] = [];
  const scopeName = (scope: SecretScope) => `${scope.owner}/${scope.repo}${scope.environment ? `@${scope.environment}` : ''}`;
  const sources: ChannelSources = {
    org: {
      async listIntegrationCredentials() {
        calls.push('credentials');
        if (given.credentials instanceof Error || typeof given.credentials === 'string') throw given.credentials;
        return given.credentials ?? [];
      },
    },
    ...(given.secrets === 'no token'
      ? {}
      : {
          secrets: {
            async listSecrets(scope) {
              calls.push(`secrets ${scopeName(scope)}`);
              const listed = (given.secrets as Record<string, Map<string, string> | Error> | undefined)?.[scopeName(scope)];
              if (listed instanceof Error) throw listed;
              return listed ?? new Map();
            },
            async listVariables(scope) {
              calls.push(`variables ${scopeName(scope)}`);
              return new Set();
            },
          },
        }),
    ...(given.repository !== undefined ? { repository: given.repository } : {}),
  };
  return { sources, calls };
}

describe('reading the integration credentials', () => {
  it('lists no credentials when no definition keeps its secret in one', async () => {
    const { sources, calls } = sourcesOf({ repository: REPO, credentials: [{ id: 'c-1', name: 'portal' }] });
    const reading = await readSecretChannels([client('portal')], sources);
    expect(calls).toEqual([]);
    expect(reading).toStrictEqual({ state: { repository: REPO, githubSecrets: {}, githubScopesRead: [] }, problems: [] });
  });

  it('lists the credentials once, by name with their id and date, when one definition of several names a credential', async () => {
    const { sources, calls } = sourcesOf({
      repository: REPO,
      credentials: [
        { id: 'c-1', name: 'portal-credential', modifiedDate: '2026-05-01T00:00:00Z' },
        { id: 'c-2', name: 'other-credential' },
      ],
    });
    const definitions = [client('plain'), client('portal', { integration_credential_name: 'portal-credential' }), client('also-plain')];
    const reading = await readSecretChannels(definitions, sources);
    expect(calls).toEqual(['credentials']);
    expect(reading).toStrictEqual({
      state: {
        repository: REPO,
        githubSecrets: {},
        githubScopesRead: [],
        credentials: {
          'portal-credential': { id: 'c-1', modifiedDate: '2026-05-01T00:00:00Z' },
          'other-credential': { id: 'c-2' },
        },
      },
      problems: [],
    });
  });

  it('turns a failed credential listing into one problem per client that names a credential, and no credential state', async () => {
    const { sources } = sourcesOf({ repository: REPO, credentials: new Error('403 missing integrations:integration:view') });
    const definitions = [client('plain'), client('portal', { integration_credential_name: 'portal-credential' })];
    const reading = await readSecretChannels(definitions, sources);
    expect(reading).toStrictEqual({
      state: { repository: REPO, githubSecrets: {}, githubScopesRead: [] },
      problems: [
        {
          ...source('portal'),
          client: 'portal',
          message:
            'Could not tell whether the integration credential `portal-credential` holds the secret: ' +
            '403 missing integrations:integration:view',
        },
      ],
    });
  });

  it('quotes a failure that is not an Error as it was thrown', async () => {
    const { sources } = sourcesOf({ repository: REPO, credentials: 'socket hang up' });
    const reading = await readSecretChannels([client('portal', { integration_credential_name: 'portal-credential' })], sources);
    expect(reading.problems.map((problem) => problem.message)).toEqual([
      'Could not tell whether the integration credential `portal-credential` holds the secret: socket hang up',
    ]);
  });
});

describe('reading the GitHub secrets', () => {
  it('lists each repository or environment once and records the declared secrets it holds, whatever their case', async () => {
    const { sources, calls } = sourcesOf({
      repository: REPO,
      secrets: {
        [REPO]: new Map([
          ['PORTAL_SECRET', '2026-05-01T00:00:00Z'],
          ['UNDECLARED', '2026-01-01T00:00:00Z'],
        ]),
        'acme/other@prod': new Map([['WORKER_SECRET', '2026-04-01T00:00:00Z']]),
      },
    });
    const definitions = [
      client('portal', { github_secret: { name: 'portal_secret' } }),
      client('missing', { github_secret: { name: 'MISSING_SECRET' } }),
      client('worker', { github_secret: { name: 'WORKER_SECRET', repository: 'acme/other', environment: 'prod' } }),
    ];
    const reading = await readSecretChannels(definitions, sources);
    expect(calls).toEqual([`secrets ${REPO}`, 'secrets acme/other@prod']);
    expect(reading).toStrictEqual({
      state: {
        repository: REPO,
        githubSecrets: {
          [gitHubSecretKey({ name: 'PORTAL_SECRET' }, REPO)]: '2026-05-01T00:00:00Z',
          [gitHubSecretKey({ name: 'WORKER_SECRET', repository: 'acme/other', environment: 'prod' })]: '2026-04-01T00:00:00Z',
        },
        githubScopesRead: [
          gitHubScopeKey({ name: 'PORTAL_SECRET' }, REPO),
          gitHubScopeKey({ name: 'WORKER_SECRET', repository: 'acme/other', environment: 'prod' }, REPO),
        ],
      },
      problems: [],
    });
  });

  it('lists the variables of a scope only when one of its definitions declares a client id variable', async () => {
    const { sources, calls } = sourcesOf({ repository: REPO });
    const definitions = [
      client('portal', { github_secret: { name: 'PORTAL_SECRET' } }),
      client('worker', { github_secret: { name: 'WORKER_SECRET', client_id_variable: 'WORKER_CLIENT_ID' } }),
      client('batch', { github_secret: { name: 'BATCH_SECRET', environment: 'prod' } }),
    ];
    await readSecretChannels(definitions, sources);
    expect(calls).toEqual([`secrets ${REPO}`, `variables ${REPO}`, `secrets ${REPO}@prod`]);
  });

  it('reads a secret in a named repository even when the run has no repository of its own', async () => {
    const { sources, calls } = sourcesOf();
    const target = { name: 'PORTAL_SECRET', repository: 'acme/other' };
    const reading = await readSecretChannels([client('portal', { github_secret: target })], sources);
    expect(calls).toEqual(['secrets acme/other']);
    expect(reading).toStrictEqual({
      state: { repository: '', githubSecrets: {}, githubScopesRead: [gitHubScopeKey(target, '')] },
      problems: [],
    });
  });

  it('refuses a secret that names no repository when the run has none, and reads nothing for it', async () => {
    const { sources, calls } = sourcesOf();
    const reading = await readSecretChannels([client('portal', { github_secret: { name: 'PORTAL_SECRET' } })], sources);
    expect(calls).toEqual([]);
    expect(reading).toStrictEqual({
      state: { repository: '', githubSecrets: {}, githubScopesRead: [] },
      problems: [
        {
          ...source('portal'),
          client: 'portal',
          message: '`github_secret` names no `repository` and this run has none (`GITHUB_REPOSITORY`): add `repository: owner/name`.',
        },
      ],
    });
  });

  it('asks for a secrets token, with the variables permission only for a scope that declares a variable', async () => {
    const { sources } = sourcesOf({ repository: REPO, secrets: 'no token' });
    const definitions = [
      client('portal', { github_secret: { name: 'PORTAL_SECRET' } }),
      client('worker', { github_secret: { name: 'WORKER_SECRET', client_id_variable: 'WORKER_CLIENT_ID' } }),
      client('batch', { github_secret: { name: 'BATCH_SECRET', environment: 'prod' } }),
    ];
    const reading = await readSecretChannels(definitions, sources);
    const needs = (name: string, secret: string, permissions: string) => ({
      ...source(name),
      client: name,
      message:
        `\`${name}\` keeps its secret in the GitHub secret \`${secret}\`, but no \`secrets-token\` is set (\`GITHUB_TOKEN\` cannot ` +
        'write secrets). Set `secrets-token` to a fine-grained token or GitHub App token with the repository permissions ' +
        `${permissions}.`,
    });
    const both = '`Secrets: Read and write` and `Variables: Read and write`';
    expect(reading).toStrictEqual({
      state: { repository: REPO, githubSecrets: {}, githubScopesRead: [] },
      problems: [
        needs('portal', 'PORTAL_SECRET', both),
        needs('worker', 'WORKER_SECRET', both),
        needs('batch', 'BATCH_SECRET', '`Secrets: Read and write`'),
      ],
    });
  });

  it('turns a failed listing into a problem for each client of that scope and leaves the scope unread', async () => {
    const { sources } = sourcesOf({
      repository: REPO,
      secrets: { [`${REPO}@prod`]: new Error('403 Resource not accessible by personal access token') },
    });
    const definitions = [
      client('portal', { github_secret: { name: 'PORTAL_SECRET' } }),
      client('worker', { github_secret: { name: 'WORKER_SECRET', environment: 'prod' } }),
      client('batch', { github_secret: { name: 'BATCH_SECRET', environment: 'prod' } }),
    ];
    const reading = await readSecretChannels(definitions, sources);
    const refused = (name: string) => ({ ...source(name), client: name, message: '403 Resource not accessible by personal access token' });
    expect(reading).toStrictEqual({
      state: { repository: REPO, githubSecrets: {}, githubScopesRead: [gitHubScopeKey({ name: 'PORTAL_SECRET' }, REPO)] },
      problems: [refused('worker'), refused('batch')],
    });
  });
});
