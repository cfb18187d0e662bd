import { defaults as actionsDefaults } from '@actions/github/lib/utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGitHub } from '../../src/github/client.js';
import { GitHubError } from '../../src/github/errors.js';
import { findMergedPullRequest } from '../../src/github/pulls.js';
import { NOT_ACCESSIBLE, PR_HEAD_SHA, startFakeGitHub, useFakeGitHub } from '../helpers/fake-github.js';

const TOKEN = 'ghs_sentinelToken0123456789';
const SHA = 'a'.repeat(40);

const { fake } = useFakeGitHub({ owner: 'acme', repo: 'genesys', token: TOKEN });
const noWait = async () => {};

const github = (overrides: { token?: string; timeoutMs?: number } = {}) =>
  createGitHub({
    token: overrides.token ?? TOKEN,
    apiUrl: `${fake.url}/`,
    owner: 'acme',
    repo: 'genesys',
    timeoutMs: overrides.timeoutMs,
    sleep: noWait,
  });

describe('createGitHub', () => {
  it('sends the token and identifies itself as genesys-oauth-sync', async () => {
    await github().createComment(3, 'hello', 'pull-request');
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/repos/acme/genesys/issues/3/comments', body: { body: 'hello' } });
    expect(fake.requests[0]?.userAgent).toMatch(/^genesys-oauth-sync /);
  });

  it("adds the runner's orchestration id to the user agent, as @actions/github does", async () => {
    vi.stubEnv('ACTIONS_ORCHESTRATION_ID', 'run 42/1');
    try {
      await github().createComment(3, 'hello', 'pull-request');
    } finally {
      vi.unstubAllEnvs();
    }
    expect(fake.requests[0]?.userAgent).toMatch(/^genesys-oauth-sync actions_orchestration_id\/run_42_1 /);
  });

  it('returns plain objects with the fields the Action uses', async () => {
    const gh = github();
    const issue = await gh.createIssue({ title: 'Drift', body: 'body' });
    expect(issue).toEqual({
      number: 1,
      url: 'https://github.com/acme/genesys/issues/1',
      title: 'Drift',
      body: 'body',
      state: 'open',
      author: 'github-actions[bot]',
    });
    const comment = await gh.createComment(1, 'note', 'issue');
    expect(comment).toEqual({
      id: expect.any(Number),
      nodeId: expect.stringMatching(/^IC_/),
      url: expect.stringContaining('#issuecomment-'),
      body: 'note',
      author: 'github-actions[bot]',
    });
  });

  it('never puts the token in an error, even when GitHub echoes it', async () => {
    fake.failWith('POST', /comments$/, 401, `Bad credentials for ${TOKEN}`);
    const error = await github()
      .createComment(3, 'x', 'pull-request')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect((error as Error).message).toContain('The `github-token` input was rejected');
    expect((error as Error).cause).toBeUndefined();
  });

  it.each([
    [404, 'Not Found', /Add `pull-requests: write`.*404 when the token may not see/],
    [403, 'API rate limit exceeded for installation', /rate limit was reached/],
    [502, 'Bad gateway', /server error: re-run the job/],
  ])('turns a %i into advice', async (status, message, advice) => {
    fake.failWith('GET', /comments$/, status, message);
    const listing = async () => {
      for await (const page of github().listComments(3, 'pull-request')) void page;
    };
    await expect(listing()).rejects.toThrow(advice);
    await expect(listing()).rejects.toMatchObject({ status });
  });

  it('gives up on a request that hangs, instead of holding the job', async () => {
    fake.delay('GET', /commits/, 2_000);
    const error = await github({ timeoutMs: 200 })
      .listPullRequestsForCommit(SHA)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).status).toBeUndefined();
    expect((error as Error).message).toMatch(
      /^Could not find the pull request of commit aaaaaaaaaaaa \(GitHub could not be reached: .*\)\. Check the network/,
    );
  });

  it('reports an unreachable server without a made-up status', async () => {
    const gone = await startFakeGitHub({ owner: 'acme', repo: 'genesys' });
    await gone.close();
    const gh = createGitHub({ token: TOKEN, apiUrl: gone.url, owner: 'acme', repo: 'genesys' });
    await expect(gh.createIssue({ title: 't', body: 'b' })).rejects.toMatchObject({
      status: undefined,
      message: expect.stringContaining('GitHub could not be reached'),
    });
  });

  it('lists issues without the pull requests GitHub mixes into them', async () => {
    const gh = github();
    await gh.createIssue({ title: 'one', body: '' });
    fake.addPullForCommit(SHA, { number: 2 });
    await gh.createIssue({ title: 'three', body: '' });
    const pages: string[][] = [];
    for await (const page of gh.listIssues('all')) pages.push(page.map((i) => i.title));
    expect(pages).toEqual([['three', 'one']]);
  });
});

describe('ownLogin', () => {
  it("answers the login of a personal access token's user, asking GitHub only once", async () => {
    const pat = await startFakeGitHub({ owner: 'acme', repo: 'genesys', token: 'ghp_pat', userLogin: 'release-robot' });
    try {
      const gh = createGitHub({ token: 'ghp_pat', apiUrl: pat.url, owner: 'acme', repo: 'genesys' });
      expect(await Promise.all([gh.ownLogin(), gh.ownLogin()])).toEqual(['release-robot', 'release-robot']);
      expect(await gh.ownLogin()).toBe('release-robot');
      expect(pat.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /graphql']);
    } finally {
      await pat.close();
    }
  });

  it('answers github-actions[bot] for the workflow token', async () => {
    expect(await github().ownLogin()).toBe('github-actions[bot]');
    expect(fake.requests.map((r) => r.path)).toEqual(['/graphql']);
  });

  it("answers a GitHub App's own bot for its installation token, which /user cannot name", async () => {
    const app = await startFakeGitHub({ owner: 'acme', repo: 'genesys', appSlug: 'genesys-sync-app' });
    try {
      expect(await createGitHub({ token: 'ghs_installation', apiUrl: app.url, owner: 'acme', repo: 'genesys' }).ownLogin()).toBe(
        'genesys-sync-app[bot]',
      );
    } finally {
      await app.close();
    }
  });

  it('retries GraphQL, then falls back to /user, which names a user', async () => {
    const restOnly = await startFakeGitHub({ owner: 'acme', repo: 'genesys', graphql: false, userLogin: 'octo-admin' });
    try {
      const gh = createGitHub({ token: 'ghp_x', apiUrl: restOnly.url, owner: 'acme', repo: 'genesys', sleep: noWait });
      expect(await gh.ownLogin()).toBe('octo-admin');
      expect(restOnly.requests.map((r) => r.path)).toEqual(['/graphql', '/graphql', '/graphql', '/user']);
    } finally {
      await restOnly.close();
    }
  });

  it(
    'fails closed when GraphQL does not answer and /user refuses an installation token, ' + 'rather than guess github-actions[bot]',
    async () => {
      const restOnly = await startFakeGitHub({ owner: 'acme', repo: 'genesys', graphql: false, appSlug: 'genesys-sync-app' });
      try {
        const gh = createGitHub({ token: 'ghs_x', apiUrl: restOnly.url, owner: 'acme', repo: 'genesys', sleep: noWait });
        const error = await gh.ownLogin().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GitHubError);
        expect((error as Error).message).toMatch(/GraphQL `viewer` did not answer \(GitHub 404\) after 3 attempts/);
      } finally {
        await restOnly.close();
      }
    },
  );

  it('takes GraphQL once it answers after a flake', async () => {
    fake.failWith('POST', /^\/graphql$/, 502, 'Bad gateway', { times: 1 });
    expect(await github().ownLogin()).toBe('github-actions[bot]');
    expect(fake.requests.map((r) => r.path)).toEqual(['/graphql', '/graphql']);
  });

  it.each([
    [401, `Bad credentials for ${TOKEN}`, 'The `github-token` input was rejected'],
    [403, 'API rate limit exceeded for user', 'rate limit was reached'],
    [502, 'Bad gateway', 'server error: re-run the job'],
  ])('fails on a %i from /user with advice and without the token, rather than guess who it is', async (status, message, advice) => {
    fake.failWith('POST', /^\/graphql$/, status, message);
    fake.failWith('GET', /^\/user$/, status, message);
    const error = await github()
      .ownLogin()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ status, message: expect.stringMatching(/^Could not find out which user the `github-token` acts as/) });
    expect((error as Error).message).toContain(advice);
    expect(JSON.stringify(error) + (error as Error).message).not.toContain(TOKEN);
  });
});

describe('findMergedPullRequest', () => {
  it('picks the merged pull request whose merge commit is the pushed commit', async () => {
    fake.addPullForCommit(SHA, { number: 4, merged: false });
    fake.addPullForCommit(SHA, { number: 5, merged: true, mergeCommitSha: 'b'.repeat(40) });
    fake.addPullForCommit(SHA, { number: 6, merged: true });
    expect(await findMergedPullRequest(github(), SHA)).toEqual({
      number: 6,
      url: 'https://github.com/acme/genesys/pull/6',
      headSha: PR_HEAD_SHA,
    });
    expect(fake.requests.at(-1)?.path).toMatch(new RegExp(`^/repos/acme/genesys/commits/${SHA}/pulls`));
  });

  it('falls back to the first merged pull request containing the commit', async () => {
    fake.addPullForCommit(SHA, { number: 4, merged: false });
    fake.addPullForCommit(SHA, { number: 5, merged: true, mergeCommitSha: 'b'.repeat(40) });
    expect((await findMergedPullRequest(github(), SHA))?.number).toBe(5);
  });

  it('returns undefined for a direct push', async () => {
    fake.addPullForCommit(SHA, { number: 4, merged: false });
    expect(await findMergedPullRequest(github(), SHA)).toBeUndefined();
    expect(await findMergedPullRequest(github(), 'c'.repeat(40))).toBeUndefined();
  });

  it('asks for contents: read and pull-requests: read when GitHub refuses', async () => {
    fake.failWith('GET', /\/pulls$/, 403, 'Resource not accessible by integration');
    await expect(findMergedPullRequest(github(), SHA)).rejects.toThrow(
      'Add `contents: read` and `pull-requests: read` under `permissions:` in the job.',
    );
  });
});

describe('createGitHub requests and failures', () => {
  it('finds the API under a URL written with several trailing slashes', async () => {
    const gh = createGitHub({ token: TOKEN, apiUrl: `${fake.url}//`, owner: 'acme', repo: 'genesys' });
    expect((await gh.createComment(3, 'hello', 'pull-request')).body).toBe('hello');
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /repos/acme/genesys/issues/3/comments']);
  });

  const drain = async (pages: AsyncIterable<unknown[]>) => {
    for await (const page of pages) void page;
  };
  const pullsHint = 'Add `contents: read` and `pull-requests: read` under `permissions:` in the job.';
  it.each<[string, string, RegExp, string, (gh: ReturnType<typeof github>) => Promise<unknown>]>([
    ['list PR comments', 'GET', /\/issues\/7\/comments$/, 'list the comments of #7', (gh) => drain(gh.listComments(7, 'pull-request'))],
    ['list issue comments', 'GET', /\/issues\/7\/comments$/, 'list the comments of #7', (gh) => drain(gh.listComments(7, 'issue'))],
    ['comment', 'POST', /\/issues\/7\/comments$/, 'comment on #7', (gh) => gh.createComment(7, 'x', 'issue')],
    ['update a comment', 'PATCH', /\/issues\/comments\/1001$/, 'update comment 1001', (gh) => gh.updateComment(1001, 'x', 'pull-request')],
    ['list issues', 'GET', /\/issues$/, 'list the issues', (gh) => drain(gh.listIssues('open'))],
    ['open an issue', 'POST', /\/issues$/, 'open an issue', (gh) => gh.createIssue({ title: 't', body: 'b' })],
    ['update an issue', 'PATCH', /\/issues\/5$/, 'update issue #5', (gh) => gh.updateIssue(5, { state: 'closed' })],
    ['read a pull request', 'GET', /\/pulls\/9$/, 'read pull request #9', (gh) => gh.getPullRequest(9)],
    ['find a branch tip', 'GET', /\/git\/ref\//, 'find the tip of branch `drift/x`', (gh) => gh.findBranchTip('drift/x')],
  ])('names what it could not do (%s) and the permission it needs', async (what, method, path, action, run) => {
    fake.failWith(method, path, 403, 'Forbidden');
    const hints: Record<string, [string, string]> = {
      'list PR comments': ['pr-comments', 'Add `pull-requests: write` under `permissions:` in the job.'],
      'update a comment': ['pr-comments', 'Add `pull-requests: write` under `permissions:` in the job.'],
      'read a pull request': ['pulls', pullsHint],
      'find a branch tip': ['contents', 'Add `contents: read` under `permissions:` in the job.'],
    };
    const [resource, hint] = hints[what] ?? ['issues', 'Add `issues: write` under `permissions:` in the job.'];
    const error = await run(github()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ status: 403, resource, message: `Could not ${action} (GitHub 403: Forbidden). ${hint}` });
  });

  it('lists issues as plain objects, open and closed, leaving out the pull requests GitHub mixes in', async () => {
    fake.seedIssue({ title: 'Drift', body: 'open one' });
    fake.seedIssue({ title: 'A pull request', body: '', pullRequest: true });
    fake.seedIssue({ title: 'Old drift', body: 'closed one', state: 'closed', login: 'octo-admin' });
    const pages = [];
    for await (const page of github().listIssues('all')) pages.push(page);
    expect(pages).toEqual([
      [
        {
          number: 3,
          url: 'https://github.com/acme/genesys/issues/3',
          title: 'Old drift',
          body: 'closed one',
          state: 'closed',
          author: 'octo-admin',
        },
        {
          number: 1,
          url: 'https://github.com/acme/genesys/issues/1',
          title: 'Drift',
          body: 'open one',
          state: 'open',
          author: 'github-actions[bot]',
        },
      ],
    ]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/genesys/issues?state=all&per_page=100']);
  });
});

describe('ownLogin retries', () => {
  const FAIL_CLOSED =
    'Could not find out which identity the `github-token` acts as: GraphQL `viewer` did not answer (%s) after 3 attempts, ' +
    "and `GET /user` refuses installation tokens, so it could be `github-actions[bot]` or a GitHub App's bot. No comment " +
    "was trusted or written as the Action's own. Re-run the job when GitHub's GraphQL API answers again.";

  it('waits 200 ms, then 800 ms, between its three GraphQL attempts before asking /user', async () => {
    const restOnly = await startFakeGitHub({ owner: 'acme', repo: 'genesys', graphql: false, userLogin: 'octo-admin' });
    try {
      const waits: number[] = [];
      const sleep = async (ms: number) => {
        waits.push(ms);
      };
      expect(await createGitHub({ token: 'ghp_x', apiUrl: restOnly.url, owner: 'acme', repo: 'genesys', sleep }).ownLogin()).toBe(
        'octo-admin',
      );
      expect(waits).toEqual([200, 800]);
    } finally {
      await restOnly.close();
    }
  });

  it('waits on the real clock when no sleep is injected', async () => {
    const restOnly = await startFakeGitHub({ owner: 'acme', repo: 'genesys', graphql: false, userLogin: 'octo-admin' });
    const realSetTimeout = globalThis.setTimeout;
    const waits: number[] = [];
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
      if (ms !== 200 && ms !== 800) return realSetTimeout(callback, ms);
      waits.push(ms);
      return realSetTimeout(callback, 0);
    }) as typeof setTimeout);
    try {
      expect(await createGitHub({ token: 'ghp_x', apiUrl: restOnly.url, owner: 'acme', repo: 'genesys' }).ownLogin()).toBe('octo-admin');
      expect(waits).toEqual([200, 800]);
    } finally {
      spy.mockRestore();
      await restOnly.close();
    }
  });

  it('gives up on GraphQL at once when it rejects the token, and asks /user without waiting', async () => {
    fake.failWith('POST', /^\/graphql$/, 401, 'Bad credentials');
    fake.failWith('GET', /^\/user$/, 401, 'Bad credentials');
    const waits: number[] = [];
    const gh = createGitHub({ token: TOKEN, apiUrl: fake.url, owner: 'acme', repo: 'genesys', sleep: async (ms) => void waits.push(ms) });
    await expect(gh.ownLogin()).rejects.toMatchObject({
      status: 401,
      resource: 'user',
      message:
        'Could not find out which user the `github-token` acts as (GitHub 401: Bad credentials). ' +
        'The `github-token` input was rejected: check that it is set and still valid.',
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /graphql', 'GET /user']);
    expect(waits).toEqual([]);
  });

  it('fails closed with the whole story when GraphQL names no login and /user refuses an installation token', async () => {
    const app = await startFakeGitHub({ owner: 'acme', repo: 'genesys', appSlug: 'genesys-sync-app', viewerLogin: '' });
    try {
      const gh = createGitHub({ token: 'ghs_x', apiUrl: app.url, owner: 'acme', repo: 'genesys', sleep: noWait });
      const error = await gh.ownLogin().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitHubError);
      expect(error).toMatchObject({ status: 403, resource: 'user', message: FAIL_CLOSED.replace('%s', 'no login in the answer') });
      expect(app.requests.map((r) => r.path)).toEqual(['/graphql', '/graphql', '/graphql', '/user']);
    } finally {
      await app.close();
    }
  });

  it('says GraphQL gave no answer when its reply holds no data at all', async () => {
    const app = await startFakeGitHub({ owner: 'acme', repo: 'genesys', appSlug: 'genesys-sync-app' });
    try {
      app.failWith('POST', /^\/graphql$/, 200, 'not GraphQL');
      const gh = createGitHub({ token: 'ghs_x', apiUrl: app.url, owner: 'acme', repo: 'genesys', sleep: noWait });
      await expect(gh.ownLogin()).rejects.toThrow(FAIL_CLOSED.replace('%s', 'no answer'));
    } finally {
      await app.close();
    }
  });

  it("reports a 404 from /user as GitHub's answer, not as an installation token it cannot name", async () => {
    fake.failWith('POST', /^\/graphql$/, 502, 'Bad gateway');
    fake.failWith('GET', /^\/user$/, 404, NOT_ACCESSIBLE);
    await expect(github().ownLogin()).rejects.toMatchObject({
      status: 404,
      resource: 'user',
      message:
        'Could not find out which user the `github-token` acts as (GitHub 404: Resource not accessible by integration). ' +
        "Use the workflow's `GITHUB_TOKEN`, or a token that may read its own user (`GET /user`). " +
        '(GitHub answers 404 when the token may not see the resource.) ' +
        'On pull requests from forks the token stays read-only whatever `permissions:` says.',
    });
  });
});

describe("the runner's proxy-aware fetch", () => {
  const saved = { baseUrl: actionsDefaults.baseUrl, request: actionsDefaults.request };
  const used: string[] = [];
  beforeEach(() => {
    used.length = 0;
    actionsDefaults.baseUrl = `${fake.url}//`;
    actionsDefaults.request = {
      fetch: (url: string, init: RequestInit) => {
        used.push(String(url));
        return fetch(url, init);
      },
    };
  });
  afterEach(() => {
    actionsDefaults.baseUrl = saved.baseUrl;
    actionsDefaults.request = saved.request;
  });

  it('is used for GITHUB_API_URL, however many slashes end it', async () => {
    for (const apiUrl of [fake.url, `${fake.url}/`, `${fake.url}///`]) {
      await createGitHub({ token: TOKEN, apiUrl, owner: 'acme', repo: 'genesys' }).createComment(3, 'hello', 'issue');
    }
    expect(used).toEqual(Array(3).fill(`${fake.url}/repos/acme/genesys/issues/3/comments`));
  });

  it('is not used for another API URL, whose proxy decision it did not make', async () => {
    const other = fake.url.replace('127.0.0.1', 'localhost');
    await createGitHub({ token: TOKEN, apiUrl: other, owner: 'acme', repo: 'genesys' }).createComment(3, 'hello', 'issue');
    expect(used).toEqual([]);
    expect(fake.comments(3).map((c) => c.body)).toEqual(['hello']);
  });
});
