import { afterEach, describe, expect, it } from 'vitest';
import { createGitHub } from '../../src/github/client.js';
import { GitHubError } from '../../src/github/errors.js';
import { findStickyComment, upsertStickyComment } from '../../src/github/sticky-comment.js';
import { renderMarker } from '../../src/report/marker.js';
import { startFakeGitHub, useFakeGitHub } from '../helpers/fake-github.js';
import type { FakeGitHub } from '../helpers/fake-github.js';

const TOKEN = 'ghs_sentinelTokenValue123';
const PR = 7;
const planBody = (label: string, text: string, hash = 'h1') =>
  `${renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label, hash })}\n${text}`;

const { fake, gh } = useFakeGitHub({ owner: 'acme', repo: 'genesys', token: TOKEN });

describe('upsertStickyComment', () => {
  it('creates the plan comment once, then updates it in place instead of posting a second one', async () => {
    const first = await upsertStickyComment(gh, {
      issueNumber: PR,
      label: 'prod',
      body: planBody('prod', 'plan one'),
      createIfMissing: true,
    });
    expect(first).toMatchObject({ action: 'created' });
    expect(first?.url).toMatch(/\/pull\/7#issuecomment-\d+$/);

    const second = await upsertStickyComment(gh, {
      issueNumber: PR,
      label: 'prod',
      body: planBody('prod', 'plan two'),
      createIfMissing: true,
    });
    expect(second).toEqual({ id: first?.id, url: first?.url, action: 'updated' });
    expect(fake.comments(PR)).toHaveLength(1);
    expect(fake.comments(PR)[0]?.body).toContain('plan two');
  });

  it('makes no request to write when the body is already the same', async () => {
    await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'same'), createIfMissing: true });
    const before = fake.requests.length;
    const again = await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'same'), createIfMissing: true });
    expect(again?.action).toBe('unchanged');
    expect(fake.requests.slice(before).map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`)).toEqual([
      'GET /repos/acme/genesys/issues/7/comments',
    ]);
  });

  it('finds and updates its comment when it sits on page 3 of the conversation', async () => {
    for (let i = 0; i < 230; i++) fake.seedComment(PR, `chatter ${i}`, { login: 'reviewer' });
    const ours = fake.seedComment(PR, planBody('prod', 'old plan'));
    fake.seedComment(PR, 'a later reply', { login: 'reviewer' });

    const result = await upsertStickyComment(gh, {
      issueNumber: PR,
      label: 'prod',
      body: planBody('prod', 'new plan'),
      createIfMissing: true,
    });

    expect(result).toMatchObject({ id: ours.id, action: 'updated' });
    const lists = fake.requests.filter((r) => r.method === 'GET' && r.path.includes('/comments'));
    expect(lists).toHaveLength(3);
    expect(lists[2]?.path).toContain('page=3');
    expect(fake.comments(PR).filter((c) => c.body.includes('new plan'))).toHaveLength(1);
    expect(fake.comments(PR)).toHaveLength(232);
  });

  it("leaves another label's comment alone and keeps one comment per label", async () => {
    const staging = fake.seedComment(PR, planBody('staging', 'staging plan'));
    await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'prod plan'), createIfMissing: true });
    await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'prod plan 2'), createIfMissing: true });

    const comments = fake.comments(PR);
    expect(comments).toHaveLength(2);
    expect(comments.find((c) => c.id === staging.id)?.body).toBe(staging.body);
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/comments/${staging.id}`))).toBe(false);
  });

  it('ignores a drift marker and a reply that quotes our comment', async () => {
    fake.seedComment(PR, `${renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'drift', label: 'prod' })}\ndrift`);
    fake.seedComment(PR, `> ${planBody('prod', 'quoted')}\n\nwhy does this delete things?`, { login: 'reviewer' });
    const result = await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'plan'), createIfMissing: true });
    expect(result?.action).toBe('created');
    expect(fake.comments(PR)).toHaveLength(3);
  });

  it('creates nothing when asked only to update and there is no comment yet', async () => {
    const result = await upsertStickyComment(gh, {
      issueNumber: PR,
      label: 'prod',
      body: planBody('prod', 'no changes'),
      createIfMissing: false,
    });
    expect(result).toBeUndefined();
    expect(fake.comments(PR)).toHaveLength(0);
  });

  it('adds the marker to a body that lacks it, so the next run finds the comment', async () => {
    await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: 'plain text', createIfMissing: true });
    const found = await findStickyComment(gh, { issueNumber: PR, label: 'prod' });
    expect(found?.body).toMatch(/^<!-- genesys-oauth-sync .*"label":"prod".* -->\nplain text$/);
  });

  it('never edits a comment someone else wrote with our marker, and posts its own instead', async () => {
    const forged = fake.seedComment(PR, planBody('prod', 'looks reviewed', 'forged-hash'), { login: 'mallory' });

    const result = await upsertStickyComment(gh, {
      issueNumber: PR,
      label: 'prod',
      body: planBody('prod', 'the real plan'),
      createIfMissing: true,
    });

    expect(result?.action).toBe('created');
    expect(result?.id).not.toBe(forged.id);
    expect(fake.requests.some((r) => r.method === 'PATCH')).toBe(false);
    expect(fake.comments(PR)).toEqual([
      forged,
      expect.objectContaining({ body: planBody('prod', 'the real plan'), user: expect.objectContaining({ login: 'github-actions[bot]' }) }),
    ]);
    expect(
      await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'plan two'), createIfMissing: true }),
    ).toMatchObject({ id: result?.id, action: 'updated' });
    expect(fake.comments(PR)[0]).toEqual(forged);
  });

  it('updates nothing when only a forged comment exists and it may not create one', async () => {
    fake.seedComment(PR, planBody('prod', 'forged'), { login: 'mallory' });
    expect(
      await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'plan'), createIfMissing: false }),
    ).toBeUndefined();
    expect(fake.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')).toEqual([]);
  });

  it('says which permissions: line is missing when GitHub answers 403', async () => {
    fake.failWith('POST', /\/issues\/7\/comments$/, 403, 'Resource not accessible by integration');
    const attempt = upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'x'), createIfMissing: true });
    await expect(attempt).rejects.toBeInstanceOf(GitHubError);
    await expect(attempt).rejects.toMatchObject({ status: 403 });
    await expect(attempt).rejects.toThrow('Add `pull-requests: write` under `permissions:` in the job.');
    await expect(attempt).rejects.toThrow(/forks/);
  });
});

describe('findStickyComment', () => {
  it('returns the comment with its parsed marker', async () => {
    const seeded = fake.seedComment(PR, planBody('prod', 'reviewed'));
    const found = await findStickyComment(gh, { issueNumber: PR, label: 'prod' });
    expect(found).toEqual({
      id: seeded.id,
      url: seeded.html_url,
      body: seeded.body,
      marker: { tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'prod', hash: 'h1' },
    });
  });

  it("ignores a plan marker in a comment by anyone but the token's identity, even when it comes first", async () => {
    fake.seedComment(PR, planBody('prod', 'forged', 'forged-hash'), { login: 'mallory' });
    expect(await findStickyComment(gh, { issueNumber: PR, label: 'prod' })).toBeUndefined();

    const ours = fake.seedComment(PR, planBody('prod', 'reviewed', 'real-hash'));
    expect(await findStickyComment(gh, { issueNumber: PR, label: 'prod' })).toMatchObject({ id: ours.id, marker: { hash: 'real-hash' } });
  });

  it('returns undefined when the pull request has no comment for the label', async () => {
    fake.seedComment(PR, planBody('staging', 'x'));
    expect(await findStickyComment(gh, { issueNumber: PR, label: 'prod' })).toBeUndefined();
  });
});

describe('with a personal access token', () => {
  let patFake: FakeGitHub;
  afterEach(async () => {
    await patFake.close();
  });

  it("trusts and edits only the comments of the token's own user, asking GitHub who that is once", async () => {
    patFake = await startFakeGitHub({ owner: 'acme', repo: 'genesys', token: 'ghp_pat', userLogin: 'release-robot' });
    const pat = createGitHub({ token: 'ghp_pat', apiUrl: patFake.url, owner: 'acme', repo: 'genesys' });
    patFake.seedComment(PR, planBody('prod', 'posted with GITHUB_TOKEN'), { login: 'github-actions[bot]' });
    const ours = patFake.seedComment(PR, planBody('prod', 'posted with the PAT'));

    expect(await findStickyComment(pat, { issueNumber: PR, label: 'prod' })).toMatchObject({ id: ours.id });
    expect(
      await upsertStickyComment(pat, { issueNumber: PR, label: 'prod', body: planBody('prod', 'new'), createIfMissing: true }),
    ).toMatchObject({ id: ours.id, action: 'updated' });
    expect(patFake.requests.filter((r) => r.path === '/graphql' || r.path === '/user')).toHaveLength(1);
  });
});
