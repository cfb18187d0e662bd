import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActionsSecrets } from '../../src/github/actions-secrets.js';
import { GitHubError } from '../../src/github/errors.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const WRITER = 'github_pat_writer_0123456789';
const READER = 'github_pat_reader_0123456789';
const SECRET = 'SENTINEL-client-secret-4d2f';

let fake: FakeGitHub;

beforeEach(async () => {
  fake = await startFakeGitHub({
    owner: 'acme',
    repo: 'genesys-config',
    secretsTokens: { [WRITER]: { secrets: 'write', variables: 'write' }, [READER]: { secrets: 'read', variables: 'read' } },
  });
});

afterEach(async () => {
  await fake.close();
});

const secretsWith = (token: string) => createActionsSecrets({ token, apiUrl: fake.url });
const repo = { owner: 'acme', repo: 'web-app' };
const production = { ...repo, environment: 'production' };

describe('createActionsSecrets', () => {
  it('seals a secret with the repository key, so only the holder of the private key can open it', async () => {
    await secretsWith(WRITER).writeSecret(repo, 'web_secret', SECRET);
    expect(fake.actionsSecrets.open({ repository: 'acme/web-app' }, 'WEB_SECRET')).toBe(SECRET);
    const put = fake.requests.find((request) => request.method === 'PUT');
    expect(put?.path).toBe('/repos/acme/web-app/actions/secrets/web_secret');
    expect(JSON.stringify(put?.body)).not.toContain(SECRET);
  });

  it('writes an environment secret with the environment key, apart from the repository secret', async () => {
    await secretsWith(WRITER).writeSecret(production, 'WEB_SECRET', SECRET);
    expect(fake.actionsSecrets.open({ repository: 'acme/web-app', environment: 'production' }, 'WEB_SECRET')).toBe(SECRET);
    expect(fake.actionsSecrets.secret({ repository: 'acme/web-app' }, 'WEB_SECRET')).toBeUndefined();
  });

  it('lists secret names in upper case with when each was last written, in one request', async () => {
    fake.actionsSecrets.seedSecret({ repository: 'acme/web-app' }, 'A', 'x', new Date('2026-01-02T03:04:05Z'));
    const listed = await secretsWith(READER).listSecrets(repo);
    expect(listed).toEqual(new Map([['A', '2026-01-02T03:04:05Z']]));
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /repos/acme/web-app/actions/secrets?per_page=100&page=1',
    ]);
  });

  it('creates a variable, then updates it', async () => {
    const secrets = secretsWith(WRITER);
    await secrets.writeVariable(production, 'WEB_ID', 'id-1');
    await secrets.writeVariable(production, 'WEB_ID', 'id-2');
    expect(fake.actionsSecrets.variables({ repository: 'acme/web-app', environment: 'production' })).toEqual({ WEB_ID: 'id-2' });
    expect(await secrets.listVariables(production)).toEqual(new Set(['WEB_ID']));
  });

  it('names the permission a refused token lacks, as GitHub states it', async () => {
    const error = await secretsWith(READER)
      .writeSecret(repo, 'WEB_SECRET', SECRET)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    const message = (error as GitHubError).message;
    expect(message).toContain('Could not write the Actions secret `WEB_SECRET` of `acme/web-app` (GitHub 403');
    expect(message).toContain('`Secrets: Read and write`');
    expect(message).toContain('GitHub says the request needs `secrets=write`.');
    expect(message).not.toContain(READER);
  });

  it('names the read permission when even listing is refused', async () => {
    const error = await createActionsSecrets({ token: 'unknown-token', apiUrl: fake.url })
      .listVariables(repo)
      .catch((e: unknown) => e);
    expect((error as GitHubError).message).toContain('GitHub says the request needs `variables=read`.');
  });
});
