import { describe, expect, it } from 'vitest';
import { createActionsSecrets } from '../../src/github/actions-secrets.js';
import { GitHubError } from '../../src/github/errors.js';
import { startFakeGitHub, useFakeGitHub } from '../helpers/fake-github.js';

const WRITER = 'github_pat_writer_0123456789';
const READER = 'github_pat_reader_0123456789';
const SECRET = 'SENTINEL-client-secret-4d2f';

const { fake } = useFakeGitHub({
  owner: 'acme',
  repo: 'genesys-config',
  secretsTokens: { [WRITER]: { secrets: 'write', variables: 'write' }, [READER]: { secrets: 'read', variables: 'read' } },
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

describe('createActionsSecrets paging and failures', () => {
  const seed = (count: number) => {
    for (let i = 0; i < count; i += 1) fake.actionsSecrets.seedSecret({ repository: 'acme/web-app' }, `S${i}`, 'x');
  };
  const listed = () => fake.requests.map((request) => `${request.method} ${request.path}`);

  it('lists past the first page of 100 secrets, and stops at the total GitHub gives', async () => {
    seed(150);
    expect((await secretsWith(READER).listSecrets(repo)).size).toBe(150);
    expect(listed()).toEqual([
      'GET /repos/acme/web-app/actions/secrets?per_page=100&page=1',
      'GET /repos/acme/web-app/actions/secrets?per_page=100&page=2',
    ]);
  });

  it('asks once for exactly 100 secrets, as the total says there is no more', async () => {
    seed(100);
    expect((await secretsWith(READER).listSecrets(repo)).size).toBe(100);
    expect(listed()).toEqual(['GET /repos/acme/web-app/actions/secrets?per_page=100&page=1']);
  });

  it('names the variable, its environment and the permission when a write is refused, and does not create it instead', async () => {
    const error = await secretsWith(READER)
      .writeVariable(production, 'WEB_ID', 'id-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({
      status: 403,
      resource: 'variables',
      message:
        'Could not write the Actions variable `WEB_ID` of `acme/web-app` (environment `production`) ' +
        '(GitHub 403: Resource not accessible by personal access token). Give the `secrets-token` the repository permission ' +
        '`Variables: Read and write` (a fine-grained token, or a GitHub App installation with `actions_variables: write`). ' +
        'GitHub says the request needs `variables=write`.',
    });
    expect(listed()).toEqual(['PATCH /repos/acme/web-app/environments/production/variables/WEB_ID']);
  });

  it('names the listing and the scope when reading variables is refused', async () => {
    const error = await createActionsSecrets({ token: 'unknown-token', apiUrl: fake.url })
      .listVariables(repo)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 403,
      resource: 'variables',
      message:
        'Could not list the Actions variables of `acme/web-app` (GitHub 403: Resource not accessible by personal access token). ' +
        'Give the `secrets-token` the repository permission `Variables: Read and write` (a fine-grained token, or a GitHub App ' +
        'installation with `actions_variables: write`). GitHub says the request needs `variables=read`.',
    });
  });

  const SECRET_HINT =
    'Give the `secrets-token` the repository permission `Secrets: Read and write` ' +
    '(a fine-grained token, or a GitHub App installation with `secrets: write`).';
  const failure = (status: number, message: string, headers?: Record<string, string>) =>
    fake.failWith('GET', /\/secrets\/public-key$/, status, message, headers === undefined ? {} : { headers });
  const writeError = () =>
    secretsWith(WRITER)
      .writeSecret(repo, 'WEB_SECRET', SECRET)
      .catch((e: unknown) => e);

  it('lists every permission GitHub accepts, on a 404 too', async () => {
    failure(404, 'Not Found', { 'x-accepted-github-permissions': ' secrets=write ; secrets=admin,, ' });
    expect(await writeError()).toMatchObject({
      status: 404,
      resource: 'secrets',
      message:
        'Could not write the Actions secret `WEB_SECRET` of `acme/web-app` (GitHub 404: Not Found). ' +
        `${SECRET_HINT} (GitHub answers 404 when the token may not see the resource.) ` +
        'GitHub says the request needs `secrets=write` or `secrets=admin`.',
    });
  });

  it.each([
    ['no header', 403, undefined, `(GitHub 403: Forbidden). ${SECRET_HINT}`],
    ['an empty header', 403, '', `(GitHub 403: Forbidden). ${SECRET_HINT}`],
    ['a header on a server error', 502, 'secrets=write', '(GitHub 502: Forbidden). GitHub had a server error: re-run the job.'],
  ])('adds nothing GitHub did not say when a refusal comes with %s', async (_what, status, header, expected) => {
    failure(status, 'Forbidden', header === undefined ? undefined : { 'x-accepted-github-permissions': header });
    const error = await writeError();
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toBe(`Could not write the Actions secret \`WEB_SECRET\` of \`acme/web-app\` ${expected}`);
  });

  it('reports an unreachable GitHub as a GitHubError, with no permission to name', async () => {
    const gone = await startFakeGitHub({ owner: 'acme', repo: 'web-app' });
    await gone.close();
    const error = await createActionsSecrets({ token: WRITER, apiUrl: gone.url })
      .listSecrets(production)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toMatch(
      new RegExp(
        '^Could not list the Actions secrets of `acme/web-app` \\(environment `production`\\) ' +
          '\\(GitHub could not be reached: .+\\)\\. Check the network',
      ),
    );
  });
});
