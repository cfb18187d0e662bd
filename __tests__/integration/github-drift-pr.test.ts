import { describe, expect, it } from 'vitest';
import type { GitHub } from '../../src/github/client.js';
import { driftBranchName, syncDriftPullRequest } from '../../src/github/drift-pr.js';
import type { DriftPullRequestOptions } from '../../src/github/drift-pr.js';
import { renderMarker } from '../../src/report/marker.js';
import { useFakeGitHub } from '../helpers/fake-github.js';

const BASE = 'c'.repeat(40);
const BRANCH = 'genesys-oauth-sync/adopt/prod';
const PLAN = `${renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'prod', hash: 'h1' })}\nthe plan`;
const FILES = [{ path: 'clients/prod.yaml', text: 'clients: []\n' }];
const options = (extra: Partial<DriftPullRequestOptions> = {}): DriftPullRequestOptions => ({
  label: 'prod',
  files: FILES,
  base: { branch: 'main', sha: BASE },
  title: 'Adopt the drift of prod',
  body: 'The org changed 1 client.',
  planComment: PLAN,
  ...extra,
});

const { fake, gh } = useFakeGitHub({ owner: 'acme', repo: 'genesys' });

/** Every request after the first `from`, as `METHOD path` (decoded) with its body when it sent one. */
const requestsSince = (from = 0): (string | [string, unknown])[] =>
  fake.requests
    .slice(from)
    .filter((r) => r.path !== '/graphql')
    .map((r) =>
      r.body === undefined
        ? `${r.method} ${decodeURIComponent(r.path)}`
        : ([`${r.method} ${decodeURIComponent(r.path)}`, r.body] as [string, unknown]),
    );

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: Error) => error.message,
  );
const MESSAGE =
  "Adopt the org's values for prod\n\nWritten by genesys-oauth-sync's scheduled check: merging makes the repository say what the org has.";
const CLOSED_NOTE =
  'No drift any more: the org matches the repository again, so there is nothing to adopt. ' +
  'Closing this pull request and deleting its branch.';
const CONTENTS_WRITE = 'Add `contents: write` under `permissions:` in the job (the drift pull request pushes a branch).';
const PULLS_WRITE = 'Add `pull-requests: write` under `permissions:` in the job (for the drift pull request).';
const LIST = `GET /repos/acme/genesys/pulls?state=open&head=acme:${BRANCH}&per_page=10`;
const READ_BRANCH = `GET /repos/acme/genesys/git/ref/heads/${BRANCH}`;
const PULL_JSON = { number: 1, head: BRANCH, base: 'main', html_url: 'https://github.com/acme/genesys/pull/1' };

describe('syncDriftPullRequest', () => {
  it('opens the pull request: a blob per file, a tree on the base, a commit, a new branch, the pull request and its plan', async () => {
    const result = await syncDriftPullRequest(gh, options());

    expect(result).toEqual({ action: 'opened', number: 1, url: 'https://github.com/acme/genesys/pull/1' });
    const commit = fake.git.commitOf(BRANCH);
    expect(commit).toEqual({ tree: expect.any(String), parents: [BASE], message: MESSAGE });
    expect(requestsSince()).toEqual([
      LIST,
      `GET /repos/acme/genesys/git/commits/${BASE}`,
      ['POST /repos/acme/genesys/git/blobs', { content: 'clients: []\n', encoding: 'utf-8' }],
      [
        'POST /repos/acme/genesys/git/trees',
        { base_tree: `tree-of-${BASE}`, tree: [{ path: 'clients/prod.yaml', mode: '100644', type: 'blob', sha: expect.any(String) }] },
      ],
      READ_BRANCH,
      ['POST /repos/acme/genesys/git/commits', { message: MESSAGE, tree: commit?.tree, parents: [BASE] }],
      ['POST /repos/acme/genesys/git/refs', { ref: `refs/heads/${BRANCH}`, sha: fake.git.refs.get(BRANCH) }],
      [
        'POST /repos/acme/genesys/pulls',
        { title: 'Adopt the drift of prod', body: 'The org changed 1 client.', head: BRANCH, base: 'main' },
      ],
      'GET /repos/acme/genesys/issues/1/comments?per_page=100',
      ['POST /repos/acme/genesys/issues/1/comments', { body: PLAN }],
    ]);
    expect(fake.git.changedFiles(BRANCH)).toEqual({ 'clients/prod.yaml': 'clients: []\n' });
    expect(fake.git.pulls).toEqual([{ ...PULL_JSON, title: 'Adopt the drift of prod', body: 'The org changed 1 client.', state: 'open' }]);
    expect(fake.comments(1).map((c) => c.body)).toEqual([PLAN]);
  });

  it('keeps the commit and only refreshes the pull request when the same drift is found again on the same base', async () => {
    await syncDriftPullRequest(gh, options());
    const tip = fake.git.refs.get(BRANCH);
    const from = fake.requests.length;

    const again = await syncDriftPullRequest(gh, options({ title: 'Adopt the drift of prod (2)', body: 'Still 1 client.' }));

    expect(again).toEqual({ action: 'updated', number: 1, url: 'https://github.com/acme/genesys/pull/1' });
    expect(fake.git.refs.get(BRANCH)).toBe(tip);
    expect(
      requestsSince(from).filter((r) => typeof r !== 'string' && !r[0].includes('/git/blobs') && !r[0].includes('/git/trees')),
    ).toEqual([['PATCH /repos/acme/genesys/pulls/1', { title: 'Adopt the drift of prod (2)', body: 'Still 1 client.' }]]);
    expect(fake.git.pulls).toEqual([{ ...PULL_JSON, title: 'Adopt the drift of prod (2)', body: 'Still 1 client.', state: 'open' }]);
    expect(fake.comments(1).map((c) => c.body)).toEqual([PLAN]);
  });

  it('force-moves the branch to a new commit, and updates the plan comment, when the drift changed', async () => {
    await syncDriftPullRequest(gh, options());
    const from = fake.requests.length;
    const plan2 = PLAN.replace('the plan', 'the new plan');

    const result = await syncDriftPullRequest(
      gh,
      options({ files: [{ path: 'clients/prod.yaml', text: 'clients: [b]\n' }], planComment: plan2 }),
    );

    expect(result).toEqual({ action: 'updated', number: 1, url: 'https://github.com/acme/genesys/pull/1' });
    expect(fake.git.changedFiles(BRANCH)).toEqual({ 'clients/prod.yaml': 'clients: [b]\n' });
    const commit = fake.git.commitOf(BRANCH);
    expect(commit).toEqual({ tree: expect.any(String), parents: [BASE], message: MESSAGE });
    const writes = requestsSince(from).filter((r) => typeof r !== 'string');
    expect(writes.slice(2)).toEqual([
      ['POST /repos/acme/genesys/git/commits', { message: MESSAGE, tree: commit?.tree, parents: [BASE] }],
      [`PATCH /repos/acme/genesys/git/refs/heads/${BRANCH}`, { sha: fake.git.refs.get(BRANCH), force: true }],
      ['PATCH /repos/acme/genesys/pulls/1', { title: 'Adopt the drift of prod', body: 'The org changed 1 client.' }],
      [`PATCH /repos/acme/genesys/issues/comments/${fake.comments(1)[0]?.id}`, { body: plan2 }],
    ]);
    expect(fake.git.pulls).toHaveLength(1);
    expect(fake.comments(1).map((c) => c.body)).toEqual([plan2]);
  });

  it('writes a new commit on the new base when the default branch moved, even if the files come out the same', async () => {
    // Two base commits with one tree: the adopted tree is the same on both, only the parent differs.
    const tree = await gh.gitData.writeTree({ parent: BASE, files: [{ path: 'README.md', text: 'hello\n' }] });
    const first = await gh.gitData.writeCommit({ parent: BASE, message: 'one', tree });
    const second = await gh.gitData.writeCommit({ parent: first, message: 'two', tree });
    await syncDriftPullRequest(gh, options({ base: { branch: 'main', sha: first } }));
    expect(fake.git.commitOf(BRANCH)?.parents).toEqual([first]);

    await syncDriftPullRequest(gh, options({ base: { branch: 'main', sha: second } }));

    expect(fake.git.commitOf(BRANCH)).toEqual({ tree: expect.any(String), parents: [second], message: MESSAGE });
  });

  it('closes the pull request with a note and deletes its branch once there is nothing to adopt', async () => {
    await syncDriftPullRequest(gh, options());
    const from = fake.requests.length;

    const result = await syncDriftPullRequest(gh, options({ files: [] }));

    expect(result).toEqual({ action: 'closed', number: 1, url: 'https://github.com/acme/genesys/pull/1' });
    expect(requestsSince(from)).toEqual([
      LIST,
      ['POST /repos/acme/genesys/issues/1/comments', { body: CLOSED_NOTE }],
      ['PATCH /repos/acme/genesys/pulls/1', { state: 'closed' }],
      READ_BRANCH,
      `DELETE /repos/acme/genesys/git/refs/heads/${BRANCH}`,
    ]);
    expect(fake.git.pulls[0]?.state).toBe('closed');
    expect(fake.git.refs.has(BRANCH)).toBe(false);
    expect(fake.comments(1).map((c) => c.body)).toEqual([PLAN, CLOSED_NOTE]);
  });

  it('closes the pull request without deleting anything when someone already deleted its branch', async () => {
    await syncDriftPullRequest(gh, options());
    fake.git.refs.delete(BRANCH);
    const from = fake.requests.length;

    expect(await syncDriftPullRequest(gh, options({ files: [] }))).toEqual({
      action: 'closed',
      number: 1,
      url: 'https://github.com/acme/genesys/pull/1',
    });
    expect(requestsSince(from).map((r) => (typeof r === 'string' ? r : r[0]))).toEqual([
      LIST,
      'POST /repos/acme/genesys/issues/1/comments',
      'PATCH /repos/acme/genesys/pulls/1',
      READ_BRANCH,
    ]);
  });

  it('does nothing but look when there is nothing to adopt and no pull request', async () => {
    expect(await syncDriftPullRequest(gh, options({ files: [] }))).toEqual({ action: 'none' });
    expect(requestsSince()).toEqual([LIST]);
  });

  it('asks for pull-requests: write when GitHub refuses to open the pull request', async () => {
    fake.failWith('POST', /\/pulls$/, 403, 'Forbidden');
    expect(await failure(syncDriftPullRequest(gh, options()))).toBe(
      `Could not open the drift pull request (GitHub 403: Forbidden). ${PULLS_WRITE}`,
    );
  });
});

describe('driftBranchName', () => {
  it.each([
    ['prod', 'prod'],
    ['EU prod (main)', 'EU-prod-main'],
    ['a  b', 'a-b'],
    ['a..b', 'a.b'],
    ['a//b', 'a/b'],
    ['.a/-b', 'a/b'],
    ['-.a', 'a'],
    ['a/.b', 'a/b'],
    ['a.b/c-d', 'a.b/c-d'],
    ['a/-.', 'a'],
    ['a-.', 'a'],
    ['a-', 'a'],
    ['x.lock', 'x-lock'],
    ['x.lock/y', 'x-lock/y'],
    ['', 'default'],
    ['...', 'default'],
  ])('turns the label %j into the branch genesys-oauth-sync/adopt/%s', (label, slug) => {
    expect(driftBranchName(label)).toBe(`genesys-oauth-sync/adopt/${slug}`);
  });
});

describe('the git data API', () => {
  it('reads a commit as its tree and parents', async () => {
    const tree = await gh.gitData.writeTree({ parent: BASE, files: [{ path: 'a.yaml', text: 'a\n' }] });
    const first = await gh.gitData.writeCommit({ parent: BASE, message: 'one', tree });
    expect(await gh.gitData.readCommit(first)).toEqual({ tree, parents: [BASE] });
    expect(await gh.gitData.readCommitTree(first)).toBe(tree);
    expect(await gh.gitData.readCommitTree(BASE)).toBe(`tree-of-${BASE}`);
  });

  it('reads a branch as the commit it points at, and a missing branch as undefined', async () => {
    fake.git.refs.set('topic', BASE);
    expect(await gh.gitData.readBranch('topic')).toBe(BASE);
    expect(await gh.gitData.readBranch('nope')).toBeUndefined();
  });

  it('finds the open pull request of a branch, its missing description read as empty', async () => {
    fake.git.pulls.push({ ...PULL_JSON, title: 't', body: null as unknown as string, state: 'open' });
    expect(await gh.gitData.findOpenPullRequest(BRANCH)).toEqual({ number: 1, url: 'https://github.com/acme/genesys/pull/1', body: '' });
    expect(await gh.gitData.findOpenPullRequest('other')).toBeUndefined();
  });

  const refused: [string, RegExp, string, (api: GitHub['gitData']) => Promise<unknown>, string][] = [
    ['GET', /\/git\/commits\//, `read commit ${'c'.repeat(12)}`, (api) => api.readCommit(BASE), CONTENTS_WRITE],
    [
      'POST',
      /\/git\/blobs$/,
      'write the drift pull request commit',
      (api) => api.writeTree({ parent: BASE, files: FILES }),
      CONTENTS_WRITE,
    ],
    [
      'POST',
      /\/git\/commits$/,
      'write the drift pull request commit',
      (api) => api.writeCommit({ parent: BASE, message: 'm', tree: 't' }),
      CONTENTS_WRITE,
    ],
    ['GET', /\/git\/ref\//, 'read branch `topic`', (api) => api.readBranch('topic'), CONTENTS_WRITE],
    ['PATCH', /\/git\/refs\//, 'move branch `topic`', (api) => api.writeBranch('topic', BASE, true), CONTENTS_WRITE],
    ['POST', /\/git\/refs$/, 'move branch `topic`', (api) => api.writeBranch('topic', BASE, false), CONTENTS_WRITE],
    ['DELETE', /\/git\/refs\//, 'delete branch `topic`', (api) => api.deleteBranch('topic'), CONTENTS_WRITE],
    ['GET', /\/pulls$/, 'find the drift pull request of `topic`', (api) => api.findOpenPullRequest('topic'), PULLS_WRITE],
    ['PATCH', /\/pulls\/4$/, 'update the drift pull request #4', (api) => api.updatePullRequest(4, { state: 'closed' }), PULLS_WRITE],
  ];
  it.each(refused)('says which permission to add when GitHub refuses %s %s', async (method, path, action, run, advice) => {
    fake.failWith(method, path, 403, 'Forbidden');
    expect(await failure(run(gh.gitData))).toBe(`Could not ${action} (GitHub 403: Forbidden). ${advice}`);
  });

  it('moves an existing branch by force, and deletes it, by its ref', async () => {
    fake.git.refs.set('topic', BASE);
    const from = fake.requests.length;
    await gh.gitData.writeBranch('topic', 'd'.repeat(40), true);
    expect(fake.git.refs.get('topic')).toBe('d'.repeat(40));
    await gh.gitData.deleteBranch('topic');
    expect(fake.git.refs.has('topic')).toBe(false);
    expect(requestsSince(from)).toEqual([
      ['PATCH /repos/acme/genesys/git/refs/heads/topic', { sha: 'd'.repeat(40), force: true }],
      'DELETE /repos/acme/genesys/git/refs/heads/topic',
    ]);
  });

  it('updates a pull request and returns it', async () => {
    await syncDriftPullRequest(gh, options());
    expect(await gh.gitData.updatePullRequest(1, { title: 'new title' })).toEqual({
      number: 1,
      url: 'https://github.com/acme/genesys/pull/1',
      body: 'The org changed 1 client.',
    });
    expect(fake.git.pulls[0]?.title).toBe('new title');
  });
});
