// What a finished run writes to GitHub (src/action/publish*.ts), called directly with the real Octokit against the
// fake GitHub: which pull request or issue gets a comment, in which state, what is left alone, and what it returns.
import { describe, expect, it } from 'vitest';
import { summariseDrift } from '../../src/core/drift.js';
import { verifyReview } from '../../src/core/review-signature.js';
import type { Plan, PlanAction } from '../../src/core/types.js';
import type { EventInfo, EventPayload } from '../../src/action/event.js';
import { publishDriftPullRequest } from '../../src/action/publish-drift-pr.js';
import { checkLatest, connectGitHub, findReview, markApplying, publishToGitHub, type PublishSettings } from '../../src/action/publish.js';
import type { GitHub } from '../../src/github/client.js';
import type { ModeOutcome } from '../../src/modes/types.js';
import { parseMarker, renderMarker } from '../../src/report/marker.js';
import type { Report } from '../../src/report/report.js';
import { MAIN_START_SHA, PR_HEAD_SHA, useFakeGitHub } from '../helpers/fake-github.js';
import { aCreate, aNoop, aPlan, aReport, anUpdate, scalar } from '../helpers/report-builders.js';

const OWNER = 'acme';
const REPO = 'genesys';
const HTML = `https://github.com/${OWNER}/${REPO}`;
const PR = 7;
const KEY = 'review-key-for-tests';
const NEWER = 'e'.repeat(40);

const { fake, gh } = useFakeGitHub({ owner: OWNER, repo: REPO });

function eventOf(payload: EventPayload, name = 'pull_request', sha = PR_HEAD_SHA): EventInfo {
  return { name, payload, sha, ref: 'refs/heads/main', repository: { owner: OWNER, repo: REPO } };
}

const prEvent = (number = PR): EventInfo =>
  eventOf({ pull_request: { number, head: { sha: PR_HEAD_SHA } }, repository: { default_branch: 'main' } });
const scheduleEvent = (payload: EventPayload = { repository: { default_branch: 'main' } }): EventInfo =>
  eventOf(payload, 'schedule', MAIN_START_SHA);

const settingsOf = (overrides: Partial<PublishSettings> = {}): PublishSettings => ({
  comment: 'on-change',
  driftIssue: true,
  driftPr: false,
  secrets: [],
  ...overrides,
});

const changedPlan = (): Report => aReport({ plan: aPlan({ actions: [aCreate('ci-deployer')] }) });
const quietPlan = (): Report => aReport({ plan: aPlan({ actions: [aNoop('ci-deployer')] }) });
const driftReport = (actions: PlanAction[], unmanaged: string[] = []): Report => {
  const plan = aPlan({ actions, unmanaged: unmanaged.map((name) => ({ id: `id-${name}`, name })) as Plan['unmanaged'] });
  return aReport({ kind: 'check', plan, drift: summariseDrift(plan, false) });
};
const edited = () => [anUpdate('batch-job', [scalar('description', 'Nightly.', 'Edited by hand.')])];

const markerOn = (issueNumber: number) => parseMarker(fake.comments(issueNumber)[0]?.body ?? '');
const writes = () => fake.requests.filter((request) => request.method !== 'GET' && !request.path.startsWith('/graphql'));
const driftPrRequests = () => fake.requests.filter((request) => /\/(git|pulls)\b/.test(request.path));

describe('connectGitHub', () => {
  it('connects only with a token and a repository owner', () => {
    const event = prEvent();
    expect(connectGitHub(undefined, fake.url, event)).toBeUndefined();
    expect(connectGitHub('', fake.url, event)).toBeUndefined();
    expect(connectGitHub('ghs_token', fake.url, { ...event, repository: { owner: '', repo: REPO } })).toBeUndefined();
    expect(connectGitHub('ghs_token', fake.url, event)).toMatchObject({ owner: OWNER, repo: REPO });
  });
});

describe('checkLatest', () => {
  const pushOf = (sha: string, payload: EventPayload = { repository: { default_branch: 'main' } }) => eventOf(payload, 'push', sha);

  it('confirms a commit that is still the tip of the default branch', async () => {
    await expect(checkLatest(gh, pushOf(MAIN_START_SHA))).resolves.toEqual({ latest: true });
  });

  it('says that an older commit is not applied, naming both commits by their first 12 characters', async () => {
    fake.setBranch('main', NEWER);
    await expect(checkLatest(gh, pushOf(MAIN_START_SHA))).resolves.toEqual({
      latest: false,
      message:
        'This run applies commit `aaaaaaaaaaaa`, but `main` is now at `eeeeeeeeeeee`: applying an older commit (a re-run) ' +
        'would undo what came after it, so nothing was applied. The apply run of the newest commit brings the org up to date.',
    });
  });

  it('refuses to guess when the event does not name the default branch, and asks GitHub nothing', async () => {
    await expect(checkLatest(gh, pushOf(MAIN_START_SHA, {}))).rejects.toThrow(
      new Error('The event does not name the default branch, so this commit cannot be confirmed as its tip.'),
    );
    expect(fake.requests).toEqual([]);
  });
});

describe('markApplying', () => {
  const applying = (): Report => aReport({ kind: 'apply', plan: changedPlan().plan, applying: { creates: ['ci-deployer'] } });

  it("creates the pull request's comment marked applying, signed for the pull request and its head commit", async () => {
    await markApplying(gh, { number: PR, url: `${HTML}/pull/7`, headSha: PR_HEAD_SHA }, applying(), settingsOf({ reviewKey: KEY }));
    const marker = markerOn(PR);
    expect(marker).toMatchObject({ kind: 'plan', label: 'prod', status: 'applying', creates: ['ci-deployer'] });
    expect(verifyReview(KEY, marker ?? {}, { pullRequest: PR, headSha: PR_HEAD_SHA })).toBe(true);
  });

  it('leaves the marker unsigned when the pull request has no known head commit, even with a review key', async () => {
    await markApplying(gh, { number: PR, url: `${HTML}/pull/7` }, applying(), settingsOf({ reviewKey: KEY }));
    expect(markerOn(PR)).toMatchObject({ status: 'applying' });
    expect(markerOn(PR)?.sig).toBeUndefined();
  });
});

describe('findReview', () => {
  it('names the merged pull request when it has no plan comment of this label', async () => {
    const sha = 'c'.repeat(40);
    fake.addPullForCommit(sha, { number: PR, merged: true, mergeCommitSha: sha });
    fake.seedComment(PR, `${renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'staging' })}\nplan`);
    await expect(findReview(gh, eventOf({}, 'push', sha), 'prod')).resolves.toEqual({
      kind: 'no-comment',
      pullRequest: { number: PR, url: `${HTML}/pull/7`, headSha: PR_HEAD_SHA },
    });
  });
});

describe('publishToGitHub: the plan comment of plan and validate', () => {
  const publish = (report: Report, overrides: Partial<PublishSettings> = {}, event = prEvent(), mode: 'plan' | 'validate' = 'plan') =>
    publishToGitHub(gh, mode, event, { report }, settingsOf(overrides));

  it('on-change: posts a plan with changes, definition problems and failures, and nothing for a quiet run', async () => {
    const posted = await publish(changedPlan());
    expect(posted).toEqual({ commentUrl: fake.comments(PR)[0]?.html_url });
    expect(markerOn(PR)).toMatchObject({ status: 'planned', hash: changedPlan().plan?.hash });

    const invalid = aReport({ kind: 'validate', problems: [{ file: 'a.yaml', message: 'name is missing' }] });
    await publish(invalid, {}, prEvent(8), 'validate');
    expect(fake.comments(8)).toHaveLength(1);

    const failed = aReport({ failure: { reason: 'auth-failed', message: 'Genesys refused the credentials.' } });
    await publish(failed, {}, prEvent(9));
    expect(fake.comments(9)).toHaveLength(1);

    await expect(publish(quietPlan(), {}, prEvent(10))).resolves.toEqual({ commentUrl: undefined });
    await expect(publish(aReport({ kind: 'validate' }), {}, prEvent(11), 'validate')).resolves.toEqual({ commentUrl: undefined });
    expect(fake.comments(10)).toEqual([]);
    expect(fake.comments(11)).toEqual([]);
  });

  it('always: posts even a plan without changes', async () => {
    const posted = await publish(quietPlan(), { comment: 'always' });
    expect(posted).toEqual({ commentUrl: fake.comments(PR)[0]?.html_url });
    expect(fake.comments(PR)).toHaveLength(1);
  });

  it('never: leaves an earlier comment as it is and asks GitHub nothing', async () => {
    const earlier = fake.seedComment(PR, `${renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'prod' })}\nold`);
    await expect(publish(changedPlan(), { comment: 'never' })).resolves.toEqual({});
    expect(fake.comments(PR)).toEqual([earlier]);
    expect(fake.requests).toEqual([]);
  });

  it('posts nothing and asks GitHub nothing for a run without a pull request (a push to a branch)', async () => {
    await expect(publish(changedPlan(), { comment: 'always' }, eventOf({}, 'push'))).resolves.toEqual({});
    expect(fake.requests).toEqual([]);
  });

  it('leaves the comment of a merged or closed pull request as it was reviewed, and says why', async () => {
    fake.setPull({ number: PR, state: 'closed', merged: true });
    await expect(publish(changedPlan())).resolves.toEqual({
      note: 'Pull request #7 is merged: its comment keeps the plan that was reviewed.',
    });
    fake.setPull({ number: 8, state: 'closed', merged: false });
    await expect(publish(changedPlan(), {}, prEvent(8))).resolves.toEqual({
      note: 'Pull request #8 is closed: its comment keeps the plan that was reviewed.',
    });
    expect(writes()).toEqual([]);
  });

  it("leaves the comment to the newest commit's run when the pull request has moved on", async () => {
    fake.setPull({ number: PR, merged: false, headSha: NEWER });
    await expect(publish(changedPlan())).resolves.toEqual({
      note: "Pull request #7 has moved on to `eeeeeeeeeeee`: its comment is for the newest commit's plan, not this run's.",
    });
    expect(writes()).toEqual([]);
  });

  it('posts when the event or GitHub does not say which head commit the pull request is at', async () => {
    await publish(changedPlan(), {}, eventOf({ pull_request: { number: PR } }));
    expect(fake.comments(PR)).toHaveLength(1);

    const headless: GitHub = { ...gh, getPullRequest: async (n) => ({ ...(await gh.getPullRequest(n)), headSha: undefined }) };
    await publishToGitHub(headless, 'plan', prEvent(8), { report: changedPlan() }, settingsOf());
    expect(fake.comments(8)).toHaveLength(1);
  });

  it('signs the plan marker with the review key for the pull request and its current head commit', async () => {
    await publish(changedPlan(), { reviewKey: KEY });
    const marker = markerOn(PR) ?? {};
    expect(verifyReview(KEY, marker, { pullRequest: PR, headSha: PR_HEAD_SHA })).toBe(true);
  });
});

describe('publishToGitHub: the result of apply', () => {
  const applied = (): ModeOutcome => ({
    report: aReport({ kind: 'apply', plan: changedPlan().plan }),
    pullRequest: { number: PR, url: `${HTML}/pull/7`, headSha: PR_HEAD_SHA },
  });

  it("writes the result to the merged pull request's comment, creating it when it is missing", async () => {
    const published = await publishToGitHub(gh, 'apply', eventOf({}, 'push'), applied(), settingsOf());
    expect(fake.comments(PR)).toHaveLength(1);
    expect(published).toEqual({ commentUrl: fake.comments(PR)[0]?.html_url });
  });

  it('writes nothing with comment never, or for a push without a merged pull request', async () => {
    await expect(publishToGitHub(gh, 'apply', eventOf({}, 'push'), applied(), settingsOf({ comment: 'never' }))).resolves.toEqual({});
    const direct = { report: applied().report };
    await expect(publishToGitHub(gh, 'apply', eventOf({}, 'push'), direct, settingsOf({ comment: 'always' }))).resolves.toEqual({});
    expect(fake.requests).toEqual([]);
  });
});

describe('publishToGitHub: the drift issue and the drift pull request of check', () => {
  const driftMarker = (hash: string) => renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'drift', label: 'prod', hash });

  it('opens the drift issue and returns its URL; without drift-pr it writes no pull request', async () => {
    const published = await publishToGitHub(gh, 'check', scheduleEvent(), { report: driftReport(edited()) }, settingsOf());
    const [issue] = fake.issues();
    expect(issue).toMatchObject({ title: 'Drift in Genesys Cloud OAuth clients: prod', state: 'open' });
    expect(published).toEqual({ issueUrl: issue?.html_url });
    expect(driftPrRequests()).toEqual([]);
  });

  it('writes neither issue nor pull request outside check, whatever drift-issue and drift-pr say', async () => {
    const outcome = { report: { ...driftReport(edited()), kind: 'rotate' as const } };
    const published = await publishToGitHub(gh, 'rotate', scheduleEvent(), outcome, settingsOf({ driftPr: true }));
    expect(published).toEqual({});
    expect(fake.requests).toEqual([]);
  });

  it('leaves the drift issue open and the pull request alone when the check could not judge the drift', async () => {
    fake.seedIssue({ title: 'Drift in Genesys Cloud OAuth clients: prod', body: `${driftMarker('h1')}\ndrift` });
    const report = aReport({ kind: 'check', failure: { reason: 'auth-failed', message: 'Genesys refused the credentials.' } });
    const published = await publishToGitHub(gh, 'check', scheduleEvent(), { report }, settingsOf({ driftPr: true }));
    expect(published).toEqual({});
    expect(fake.issues()[0]?.state).toBe('open');
    expect(fake.requests).toEqual([]);
  });

  it('says how many clients drift now when the drift changed', async () => {
    const issue = fake.seedIssue({ title: 'Drift in Genesys Cloud OAuth clients: prod', body: `${driftMarker('h1')}\nold drift` });
    const report = driftReport([...edited(), aCreate('gone'), aCreate('lost')], ['stray']);
    await publishToGitHub(gh, 'check', scheduleEvent(), { report }, settingsOf());
    expect(fake.comments(issue.number).map((comment) => comment.body)).toEqual([
      'The drift changed since this issue was last updated: the description now shows the current differences.\n\n' +
        'Now: 1 changed, 2 missing, 1 unmanaged.',
    ]);
  });

  it('says how many problems the plan has when it fails on the org', async () => {
    const issue = fake.seedIssue({ title: 'Drift in Genesys Cloud OAuth clients: prod', body: `${driftMarker('h1')}\nold drift` });
    const problem = { file: 'a.yaml', message: 'Two clients are named batch-job.' };
    const report = aReport({
      kind: 'check',
      plan: aPlan({ problems: [problem, { ...problem, file: 'b.yaml' }] }),
      failure: { reason: 'plan-failed', message: 'The plan failed.' },
    });
    await publishToGitHub(gh, 'check', scheduleEvent(), { report }, settingsOf());
    expect(fake.comments(issue.number).map((comment) => comment.body)).toEqual([
      'The drift changed since this issue was last updated: the description now shows the current differences.\n\n' +
        'Now: the plan fails (2 problem(s)).',
    ]);
  });

  it('goes on to the drift issue with a warning when GitHub refuses the drift pull request', async () => {
    fake.failWith('POST', /\/git\/blobs$/, 403, 'Resource not accessible by integration');
    const report = driftReport(edited());
    const outcome: ModeOutcome = {
      report,
      adoption: { files: [{ file: 'genesys/batch-job.yaml', text: 'name: batch-job\n' }], skipped: [], plan: aPlan() },
    };
    const published = await publishToGitHub(gh, 'check', scheduleEvent(), outcome, settingsOf({ driftPr: true }));
    const failure = (report.driftPullRequest as { failure: string } | undefined)?.failure ?? '';
    expect(failure).toMatch(/Resource not accessible by integration/);
    expect(published).toEqual({
      issueUrl: fake.issues()[0]?.html_url,
      warnings: [`The drift pull request could not be written: ${failure}`],
    });
    expect(fake.git.pulls).toEqual([]);
  });
});

describe('publishDriftPullRequest', () => {
  const adoption = (skipped: string[] = []) => ({
    files: [{ file: 'genesys/oauth-clients/batch-job.yaml', text: 'name: batch-job\ndescription: Edited by hand.\n' }],
    skipped,
    plan: aPlan({ actions: [aNoop('batch-job')] }),
  });

  it('opens the pull request against the default branch, lists what was not adopted, and records it in the report', async () => {
    const report = driftReport(edited());
    const event = scheduleEvent({ repository: { default_branch: 'trunk' } });
    const result = await publishDriftPullRequest(gh, event, { report, adoption: adoption(['batch-job: roles']) }, []);
    const [pull] = fake.git.pulls;
    expect(pull).toMatchObject({ base: 'trunk', state: 'open', head: 'genesys-oauth-sync/adopt/prod' });
    expect(pull?.body).toContain('Not adopted (change these by hand if you merge): `batch-job: roles`.');
    expect(result).toStrictEqual({ url: pull?.html_url });
    expect(report.driftPullRequest).toEqual({ number: pull?.number, url: pull?.html_url });
  });

  it('targets main when the event does not name the default branch', async () => {
    await publishDriftPullRequest(gh, scheduleEvent({}), { report: driftReport(edited()), adoption: adoption() }, []);
    expect(fake.git.pulls.map((pull) => pull.base)).toEqual(['main']);
  });

  it('closes the pull request when nothing is left to adopt, returning and recording no pull request', async () => {
    await publishDriftPullRequest(gh, scheduleEvent(), { report: driftReport(edited()), adoption: adoption() }, []);
    const report = driftReport([aCreate('gone')]);
    await expect(publishDriftPullRequest(gh, scheduleEvent(), { report }, [])).resolves.toStrictEqual({});
    expect(fake.git.pulls.map((pull) => pull.state)).toEqual(['closed']);
    expect(report.driftPullRequest).toBeUndefined();

    const again = driftReport([aCreate('gone')]);
    await expect(publishDriftPullRequest(gh, scheduleEvent(), { report: again }, [])).resolves.toStrictEqual({});
    expect(again.driftPullRequest).toBeUndefined();
  });

  it('lets an error that is not GitHub refusing through, and records nothing', async () => {
    const broken: GitHub = {
      ...gh,
      gitData: {
        ...gh.gitData,
        findOpenPullRequest: () => Promise.reject(new TypeError('a bug')),
      },
    };
    const report = driftReport(edited());
    await expect(publishDriftPullRequest(broken, scheduleEvent(), { report, adoption: adoption() }, [])).rejects.toThrow(
      new TypeError('a bug'),
    );
    expect(report.driftPullRequest).toBeUndefined();
  });
});
