import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGitHub } from '../../src/github/client.js';
import { GitHubError } from '../../src/github/errors.js';
import { findMergedPullRequest } from '../../src/github/pulls.js';
import { PR_HEAD_SHA, startFakeGitHub } from '../helpers/fake-github.js';
import type { FakeGitHub } from '../helpers/fake-github.js';

const TOKEN = 'ghs_sentinelToken0123456789';
const SHA = 'a'.repeat(40);

let fake: FakeGitHub;
const noWait = async () => {};

beforeEach(async () => {
  fake = await startFakeGitHub({ owner: 'acme', repo: 'genesys', token: TOKEN });
});

afterEach(async () => {
  await fake.close();
});

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
