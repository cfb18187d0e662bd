import { describe, expect, it } from 'vitest';
import type { GitHub } from '../../src/github/client.js';
import { syncDriftIssue } from '../../src/github/drift-issue.js';
import { renderMarker } from '../../src/report/marker.js';
import { useFakeGitHub } from '../helpers/fake-github.js';
import type { FakeGitHub } from '../helpers/fake-github.js';

const driftBody = (label: string, hash: string, text = `drift ${hash}`) =>
  `${renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'drift', label, hash, status: 'drift' })}\n${text}`;
const sync = (gh: GitHub, label: string, drift: boolean, hash = 'h1', text?: string) =>
  syncDriftIssue(gh, { label, drift, title: `Genesys OAuth drift in ${label}`, body: driftBody(label, hash, text) });
const commentsOn = (fake: FakeGitHub, issue: number) => fake.comments(issue).map((c) => c.body);

const { fake, gh } = useFakeGitHub({ owner: 'acme', repo: 'genesys' });

describe('syncDriftIssue', () => {
  it('goes through the lifecycle: opens, updates, closes, then reopens the same issue', async () => {
    const opened = await sync(gh, 'prod', true, 'h1');
    expect(opened.action).toBe('opened');
    expect(fake.issues()).toHaveLength(1);

    const updated = await sync(gh, 'prod', true, 'h2');
    expect(updated).toMatchObject({ action: 'updated', number: opened.number });
    expect(fake.issues()[0]?.body).toContain('drift h2');
    expect(commentsOn(fake, opened.number!)).toEqual([expect.stringMatching(/^The drift changed/)]);

    const closed = await sync(gh, 'prod', false);
    expect(closed).toMatchObject({ action: 'closed', number: opened.number });
    expect(fake.issues()[0]?.state).toBe('closed');
    expect(commentsOn(fake, opened.number!).at(-1)).toMatch(/^No drift any more/);

    const reopened = await sync(gh, 'prod', true, 'h3');
    expect(reopened).toMatchObject({ action: 'reopened', number: opened.number, url: opened.url });
    expect(fake.issues()).toHaveLength(1);
    expect(fake.issues()[0]).toMatchObject({ state: 'open', state_reason: 'reopened' });
    expect(fake.issues()[0]?.body).toContain('drift h3');
    expect(commentsOn(fake, opened.number!).at(-1)).toMatch(/^The drift is back/);
  });

  it('updates the body without a comment when only the wording changed, not the drift', async () => {
    const opened = await sync(gh, 'prod', true, 'h1', 'checked by run 1');
    const updated = await sync(gh, 'prod', true, 'h1', 'checked by run 2');
    expect(updated.action).toBe('updated');
    expect(fake.issues()[0]?.body).toContain('run 2');
    expect(commentsOn(fake, opened.number!)).toEqual([]);
  });

  it('writes nothing when the drift and its report are the same as last time', async () => {
    await sync(gh, 'prod', true, 'h1');
    const before = fake.requests.length;
    expect((await sync(gh, 'prod', true, 'h1')).action).toBe('unchanged');
    expect(fake.requests.slice(before).every((r) => r.method === 'GET')).toBe(true);
  });

  it('does nothing, and opens nothing, when there is no drift and no open issue', async () => {
    expect(await sync(gh, 'prod', false)).toEqual({ action: 'none' });
    expect(fake.issues()).toHaveLength(0);
  });

  it("adds the caller's summary to the comment when the drift changes and when it comes back", async () => {
    const opened = await sync(gh, 'prod', true, 'h1');
    await syncDriftIssue(gh, { label: 'prod', drift: true, title: 't', body: driftBody('prod', 'h9'), changeNote: 'Now: 1 changed.' });
    expect(commentsOn(fake, opened.number!)).toEqual([expect.stringMatching(/^The drift changed[\s\S]*\n\nNow: 1 changed\.$/)]);
    await sync(gh, 'prod', false);
    await syncDriftIssue(gh, { label: 'prod', drift: true, title: 't', body: driftBody('prod', 'h3'), changeNote: 'Now: 2 changed.' });
    expect(commentsOn(fake, opened.number!).at(-1)).toMatch(/^The drift is back[\s\S]*\n\nNow: 2 changed\.$/);
  });

  it('keeps one issue per label', async () => {
    const prod = await sync(gh, 'prod', true);
    const staging = await sync(gh, 'staging', true);
    expect(staging.number).not.toBe(prod.number);
    await sync(gh, 'staging', false);
    const issues = fake.issues();
    expect(issues).toHaveLength(2);
    expect(issues.find((i) => i.number === prod.number)?.state).toBe('open');
    expect(issues.find((i) => i.number === staging.number)?.state).toBe('closed');
    expect((await sync(gh, 'prod', true, 'h1')).action).toBe('unchanged');
  });

  it('finds its own closed issue past the first page of issues', async () => {
    const ours = fake.seedIssue({ title: 'drift', body: driftBody('prod', 'h1'), state: 'closed' });
    for (let i = 0; i < 150; i++)
      fake.seedIssue({ title: `bug ${i}`, body: `nothing to see ${i}`, state: i % 2 ? 'open' : 'closed', login: 'octocat' });
    const result = await sync(gh, 'prod', true, 'h2');
    expect(result).toMatchObject({ action: 'reopened', number: ours.number });
    expect(fake.issues().filter((i) => i.body.includes('genesys-oauth-sync'))).toHaveLength(1);
  });

  it('ignores, and never edits, closes or comments on, an issue someone else opened with our marker', async () => {
    const forgedOpen = fake.seedIssue({ title: 'drift', body: driftBody('prod', 'h1'), login: 'mallory' });
    const forgedClosed = fake.seedIssue({ title: 'old drift', body: driftBody('prod', 'h0'), login: 'mallory', state: 'closed' });

    expect(await sync(gh, 'prod', false)).toEqual({ action: 'none' });
    const opened = await sync(gh, 'prod', true, 'h1');

    expect(opened.action).toBe('opened');
    expect(opened.number).not.toBe(forgedOpen.number);
    expect(fake.issues().find((i) => i.number === opened.number)?.user.login).toBe('github-actions[bot]');
    expect(fake.issues().filter((i) => i.user.login === 'mallory')).toEqual([forgedOpen, forgedClosed]);
    expect(commentsOn(fake, forgedOpen.number)).toEqual([]);
    expect(fake.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql').map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/genesys/issues',
    ]);
  });

  it('asks for issues: write when GitHub refuses to open the issue', async () => {
    fake.failWith('POST', /\/issues$/, 403, 'Resource not accessible by integration');
    await expect(sync(gh, 'prod', true)).rejects.toThrow('Add `issues: write` under `permissions:` in the job.');
  });

  it('asks for issues: write when GitHub refuses the comment on the issue', async () => {
    const opened = await sync(gh, 'prod', true, 'h1');
    fake.failWith('POST', new RegExp(`/issues/${opened.number}/comments$`), 403, 'Resource not accessible by integration');
    await expect(sync(gh, 'prod', false)).rejects.toThrow('Add `issues: write`');
  });

  it('writes the exact notes: drift changed, gone, back', async () => {
    const opened = await sync(gh, 'prod', true, 'h1');
    await sync(gh, 'prod', true, 'h2');
    await sync(gh, 'prod', false);
    await sync(gh, 'prod', true, 'h3');
    expect(commentsOn(fake, opened.number!)).toEqual([
      'The drift changed since this issue was last updated: the description now shows the current differences.',
      'No drift any more: the org matches the repository again, so this issue is closed.',
      'The drift is back: the description shows the current differences.',
    ]);
  });

  it('keeps the drift marker of the report as the only marker, and adds one to a report without it', async () => {
    await sync(gh, 'prod', true, 'h1');
    expect(fake.issues().map((i) => i.body)).toEqual([driftBody('prod', 'h1')]);
    await syncDriftIssue(gh, { label: 'staging', drift: true, title: 'Drift in staging', body: 'no marker here' });
    const marker = renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'drift', label: 'staging' });
    expect(fake.issues().map((i) => i.body)).toEqual([driftBody('prod', 'h1'), `${marker}\nno marker here`]);
  });

  it('retitles the issue, without a comment, when only the title changed', async () => {
    const opened = await sync(gh, 'prod', true, 'h1');
    const result = await syncDriftIssue(gh, { label: 'prod', drift: true, title: 'A new title', body: driftBody('prod', 'h1') });
    expect(result).toEqual({ action: 'updated', number: opened.number, url: opened.url });
    expect(fake.issues().map((i) => [i.title, i.body])).toEqual([['A new title', driftBody('prod', 'h1')]]);
    expect(commentsOn(fake, opened.number!)).toEqual([]);
  });

  it('finds its own closed issue on the second page of closed issues and reopens it', async () => {
    const ours = fake.seedIssue({ title: 'drift', body: driftBody('prod', 'h1'), state: 'closed' });
    for (let i = 0; i < 120; i++) fake.seedIssue({ title: `bug ${i}`, body: `closed bug ${i}`, state: 'closed', login: 'octocat' });
    const result = await sync(gh, 'prod', true, 'h2');
    expect(result).toEqual({ action: 'reopened', number: ours.number, url: ours.html_url });
    expect(fake.issues()).toHaveLength(121);
  });

  const ISSUES_WRITE = 'Add `issues: write` under `permissions:` in the job.';
  it('asks for issues: write when GitHub refuses the comment saying the drift changed', async () => {
    const opened = await sync(gh, 'prod', true, 'h1');
    fake.failWith('POST', new RegExp(`/issues/${opened.number}/comments$`), 403, 'Forbidden');
    await expect(sync(gh, 'prod', true, 'h2')).rejects.toHaveProperty(
      'message',
      `Could not comment on #${opened.number} (GitHub 403: Forbidden). ${ISSUES_WRITE}`,
    );
  });

  it('asks for issues: write when GitHub refuses the comment saying the drift is back', async () => {
    const ours = fake.seedIssue({ title: 'drift', body: driftBody('prod', 'h1'), state: 'closed' });
    fake.failWith('POST', new RegExp(`/issues/${ours.number}/comments$`), 403, 'Forbidden');
    await expect(sync(gh, 'prod', true, 'h2')).rejects.toHaveProperty(
      'message',
      `Could not comment on #${ours.number} (GitHub 403: Forbidden). ${ISSUES_WRITE}`,
    );
  });
});
