import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHub } from '../../src/github/client.js';
import type { GitHub } from '../../src/github/client.js';
import { GitHubError } from '../../src/github/errors.js';
import { findStickyComment, upsertStickyComment } from '../../src/github/sticky-comment.js';
import { renderMarker } from '../../src/report/marker.js';
import { startFakeGitHub } from '../helpers/fake-github.js';
import type { FakeGitHub } from '../helpers/fake-github.js';

const TOKEN = 'ghs_sentinelTokenValue123';
const PR = 7;
const planBody = (label: string, text: string) => `${renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label, hash: 'h1' })}\n${text}`;

let fake: FakeGitHub;
let gh: GitHub;

beforeEach(async () => {
  fake = await startFakeGitHub({ owner: 'acme', repo: 'genesys', token: TOKEN });
  gh = createGitHub({ token: TOKEN, apiUrl: fake.url, owner: 'acme', repo: 'genesys' });
});

afterEach(async () => {
  await fake.close();
});

describe('upsertStickyComment', () => {
  it('creates the plan comment once, then updates it in place instead of posting a second one', async () => {
    const first = await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'plan one'), createIfMissing: true });
    expect(first).toMatchObject({ action: 'created' });
    expect(first?.url).toMatch(/\/pull\/7#issuecomment-\d+$/);

    const second = await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'plan two'), createIfMissing: true });
    expect(second).toEqual({ id: first?.id, url: first?.url, action: 'updated' });
    expect(fake.comments(PR)).toHaveLength(1);
    expect(fake.comments(PR)[0]?.body).toContain('plan two');
  });

  it('makes no request to write when the body is already the same', async () => {
    await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'same'), createIfMissing: true });
    const before = fake.requests.length;
    const again = await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'same'), createIfMissing: true });
    expect(again?.action).toBe('unchanged');
    expect(fake.requests.slice(before).map((r) => r.method)).toEqual(['GET']);
  });

  it('finds and updates its comment when it sits on page 3 of the conversation', async () => {
    for (let i = 0; i < 230; i++) fake.seedComment(PR, `chatter ${i}`, { login: 'reviewer' });
    const ours = fake.seedComment(PR, planBody('prod', 'old plan'));
    fake.seedComment(PR, 'a later reply', { login: 'reviewer' });

    const result = await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'new plan'), createIfMissing: true });

    expect(result).toMatchObject({ id: ours.id, action: 'updated' });
    const lists = fake.requests.filter((r) => r.method === 'GET');
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
    const result = await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: planBody('prod', 'no changes'), createIfMissing: false });
    expect(result).toBeUndefined();
    expect(fake.comments(PR)).toHaveLength(0);
  });

  it('adds the marker to a body that lacks it, so the next run finds the comment', async () => {
    await upsertStickyComment(gh, { issueNumber: PR, label: 'prod', body: 'plain text', createIfMissing: true });
    const found = await findStickyComment(gh, { issueNumber: PR, label: 'prod' });
    expect(found?.body).toMatch(/^<!-- genesys-oauth-sync .*"label":"prod".* -->\nplain text$/);
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
    expect(found).toEqual({ id: seeded.id, url: seeded.html_url, body: seeded.body, marker: { tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'prod', hash: 'h1' } });
  });

  it('returns undefined when the pull request has no comment for the label', async () => {
    fake.seedComment(PR, planBody('staging', 'x'));
    expect(await findStickyComment(gh, { issueNumber: PR, label: 'prod' })).toBeUndefined();
  });
});
