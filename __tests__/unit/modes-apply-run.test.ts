// The apply mode from definitions on disk to the org and back (fake Genesys connection, injected clock): when it
// writes, what it marks on the pull request first, what it reports when something falls short.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { digestPlan } from '../../src/core/review.js';
import type { Plan, Problem, SecretChannelState } from '../../src/core/types.js';
import type { ActionsSecrets } from '../../src/github/actions-secrets.js';
import { deliveryTargets, runApply } from '../../src/modes/apply.js';
import { runPlan } from '../../src/modes/plan.js';
import type { ModeDeps, ModeSettings, PullRequestRef, ReviewLookup } from '../../src/modes/types.js';
import type { Report } from '../../src/report/report.js';
import { aLiveClient, FakeOrg } from '../helpers/fake-org.js';
import { aModeDeps } from '../helpers/mode-deps.js';

const workspaces: string[] = [];
afterEach(() => {
  for (const workspace of workspaces.splice(0)) rmSync(workspace, { recursive: true, force: true });
});

const pullRequest: PullRequestRef = { number: 7, url: 'https://github.example/acme/genesys-config/pull/7' };

/** A web app as the fake org stores it by default, so a live `aLiveClient(id, { name })` matches it. */
const webApp = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  authorized_grant_type: 'CODE',
  registered_redirect_uris: ['https://example.com/callback'],
  scopes: ['users:readonly'],
  roles: [],
  ...extra,
});

function workspaceDeclaring(clients: object[]): string {
  const workspace = mkdtempSync(join(tmpdir(), 'gos-apply-run-'));
  workspaces.push(workspace);
  mkdirSync(join(workspace, 'defs'));
  writeFileSync(join(workspace, 'defs', 'clients.json'), JSON.stringify({ clients }));
  return workspace;
}

interface Harness {
  deps: ModeDeps;
  infos: string[];
  warnings: Problem[];
  sleeps: number[];
}

function harness(org: FakeOrg, clients: object[], overrides: Partial<ModeDeps> = {}, settings: Partial<ModeSettings> = {}): Harness {
  const sleeps: number[] = [];
  let now = 0;
  const clock = {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  const { deps, infos, warnings } = aModeDeps({
    settings: { workspace: workspaceDeclaring(clients), ...settings },
    org,
    clock,
    ...overrides,
  });
  return { deps, infos, warnings, sleeps };
}

/** The plan a plan run shows for these deps, and the review of it that its pull request's comment records. */
async function reviewOf(deps: ModeDeps, status = 'planned', creates?: string[]): Promise<{ plan: Plan; review: ReviewLookup }> {
  const plan = (await runPlan({ ...deps, findReview: undefined, checkLatest: undefined })).report.plan;
  if (!plan) throw new Error('the plan run computed no plan');
  const marker = { tool: 'genesys-oauth-sync' as const, version: 1 as const, kind: 'plan' as const, label: 'test' };
  return {
    plan,
    review: {
      kind: 'reviewed',
      pullRequest,
      marker: { ...marker, hash: plan.hash, clients: digestPlan(plan), status, ...(creates ? { creates } : {}) },
    },
  };
}

const writes = (org: FakeOrg) => org.calls.filter((call) => call.phase === 'start' && call.method !== 'readOrg').map((c) => c.method);

describe('apply, before the first write', () => {
  it('writes nothing and refuses when this commit is no longer the tip of the default branch', async () => {
    const org = new FakeOrg();
    const { deps } = harness(org, [webApp('new-app')], {
      checkLatest: async () => ({ latest: false, message: 'A newer commit is on main.' }),
      findReview: async () => ({ kind: 'no-pull-request' }),
    });
    const outcome = await runApply(deps);
    expect(outcome.pullRequest).toBeUndefined();
    expect(outcome.report.failure).toEqual({ reason: 'not-latest', message: 'A newer commit is on main.' });
    expect(outcome.report.refusal).toEqual({ reason: 'not-latest', differences: [], hint: 'A newer commit is on main.' });
    expect(writes(org)).toEqual([]);
  });

  it('has nothing to apply when the org matches, even on an older commit, and leaves the comment alone', async () => {
    const org = new FakeOrg([aLiveClient('id-1', { name: 'web-app' })]);
    let marked = 0;
    const { deps, infos } = harness(org, [webApp('web-app')], {
      checkLatest: async () => ({ latest: false, message: 'A newer commit is on main.' }),
      findReview: async () => ({ kind: 'no-comment', pullRequest }),
      markApplying: async () => {
        marked += 1;
      },
    });
    const outcome = await runApply(deps);
    expect(outcome.pullRequest).toBeUndefined();
    expect(outcome.report.failure).toBeUndefined();
    expect(outcome.report.interrupted).toBeUndefined();
    expect(outcome.report.apply).toEqual({ outcomes: [], unconverged: [] });
    expect(infos).toContain('Nothing to apply: the org already matches the repository.');
    expect(infos.some((line) => line.startsWith('Applied'))).toBe(false);
    expect(marked).toBe(0);
    expect(writes(org)).toEqual([]);
  });

  it('names the clients an interrupted run created, and retires its applying marker even with nothing left to do', async () => {
    const org = new FakeOrg([aLiveClient('id-1', { name: 'made' })]);
    const { deps, warnings } = harness(org, [webApp('made')]);
    const review: ReviewLookup = {
      kind: 'reviewed',
      pullRequest,
      marker: {
        tool: 'genesys-oauth-sync',
        version: 1,
        kind: 'plan',
        label: 'test',
        hash: 'h',
        status: 'applying',
        creates: ['made', 'lost'],
      },
    };
    const outcome = await runApply({ ...deps, findReview: async () => review });
    expect(outcome.pullRequest).toEqual(pullRequest);
    expect(outcome.report.interrupted).toEqual({ clients: ['made'] });
    expect(outcome.report.apply).toEqual({ outcomes: [], unconverged: [] });
    expect(warnings).toEqual([
      {
        client: 'made',
        message:
          '`made` was created by an interrupted apply run; its secret was not delivered. Reset its secret in Genesys to get a new one.',
      },
    ]);
  });

  it('marks the comment applying with every client it is about to create before it writes, then applies', async () => {
    const org = new FakeOrg([aLiveClient('id-1', { name: 'made', description: 'by hand' }), aLiveClient('id-2', { name: 'web-app' })]);
    const clients = [webApp('made'), webApp('web-app', { description: 'declared' }), webApp('new-app')];
    const { deps } = harness(org, clients);
    const { review } = await reviewOf(deps, 'applying', ['made', 'new-app']);
    const marks: { pullRequest: PullRequestRef; report: Report; writesBefore: string[] }[] = [];
    const outcome = await runApply({
      ...deps,
      findReview: async () => review,
      markApplying: async (marked, report) => {
        marks.push({ pullRequest: marked, report, writesBefore: writes(org) });
      },
    });
    expect(marks).toHaveLength(1);
    expect(marks[0]?.pullRequest).toEqual(pullRequest);
    expect(marks[0]?.writesBefore).toEqual([]);
    expect(marks[0]?.report.applying).toEqual({ creates: ['made', 'new-app'] });
    expect(marks[0]?.report.interrupted).toEqual({ clients: ['made'] });
    expect(outcome.report.failure).toBeUndefined();
    expect(outcome.pullRequest).toEqual(pullRequest);
    expect(writes(org).sort()).toEqual(['createClient', 'updateClient', 'updateClient']);
  });

  it('writes nothing when the comment cannot be marked applying, and says why', async () => {
    const org = new FakeOrg();
    const { deps } = harness(org, [webApp('new-app')], {}, { autoApprove: true });
    const outcome = await runApply({
      ...deps,
      findReview: async () => ({ kind: 'no-comment', pullRequest }),
      markApplying: async () => {
        throw new Error('Resource not accessible by integration');
      },
    });
    expect(outcome.pullRequest).toBeUndefined();
    expect(outcome.report.failure).toEqual({
      reason: 'apply-failed',
      message: 'Could not mark the plan comment on #7 as applying, so nothing was applied: Resource not accessible by integration',
    });
    expect(writes(org)).toEqual([]);
  });

  it('refuses when the reviewed plan cannot be looked up, and records no reviewed plan', async () => {
    const org = new FakeOrg();
    const { deps } = harness(org, [webApp('new-app')], {
      findReview: async () => {
        throw new Error('GitHub is down');
      },
    });
    const outcome = await runApply(deps);
    expect(outcome.report.failure).toEqual({
      reason: 'not-reviewed',
      message: 'Could not find the reviewed plan, so nothing was applied: GitHub is down',
    });
    expect(outcome.report.reviewed).toEqual({});
    expect(writes(org)).toEqual([]);
  });

  it('with auto-approve, applies anyway when the pull request cannot be looked up, and says its comment is not updated', async () => {
    const org = new FakeOrg();
    const { deps, infos } = harness(
      org,
      [webApp('new-app')],
      {
        findReview: async () => {
          throw new Error('GitHub is down');
        },
      },
      { autoApprove: true },
    );
    const outcome = await runApply(deps);
    expect(outcome.report.failure).toBeUndefined();
    expect(outcome.pullRequest).toBeUndefined();
    expect(infos).toContain('Could not look up the merged pull request; applying without updating its comment (auto-approve).');
    expect(writes(org)).toEqual(['createClient']);
  });

  it('refuses where there is no GitHub to show a review (the CLI without auto-approve), recording no reviewed plan', async () => {
    const org = new FakeOrg();
    const { deps } = harness(org, [webApp('new-app')]);
    const outcome = await runApply(deps);
    expect(outcome.report.failure?.reason).toBe('not-reviewed');
    expect(outcome.report.reviewed).toEqual({});
    expect(writes(org)).toEqual([]);
  });
});

describe('apply, its writes and what it reports', () => {
  it('applies the reviewed plan, says how many changes it made, and hands back the secrets asked for', async () => {
    const org = new FakeOrg([aLiveClient('id-1', { name: 'web-app' })]);
    const clients = [webApp('web-app', { description: 'declared' }), webApp('new-app', { expose_client_secret: true })];
    const { deps, infos } = harness(org, clients);
    const { review } = await reviewOf(deps);
    const outcome = await runApply({ ...deps, findReview: async () => review });
    expect(outcome.report.failure).toBeUndefined();
    expect(outcome.pullRequest).toEqual(pullRequest);
    expect(outcome.exposedSecrets).toEqual({ 'new-app': { client_id: 'client-1', client_secret: 'secret-of-new-app' } });
    expect(infos).toContain('Applied 2 change(s); the org matches the repository.');
  });

  it('names every kind of shortfall in one failure: undelivered secrets, failed clients, clients that did not read back', async () => {
    const org = new FakeOrg([aLiveClient('id-1', { name: 'web-app' }), aLiveClient('id-2', { name: 'other-app' })]);
    org.failures.set('a-app', new Error('HTTP 500'));
    org.failures.set('b-app', new Error('HTTP 500'));
    org.credentialFailure = new Error('HTTP 403');
    org.storeHook = (stored) => (stored.name.startsWith('ne') ? stored : { ...stored, description: 'dropped' });
    const clients = [
      webApp('a-app'),
      webApp('b-app'),
      webApp('new-app', { integration_credential_name: 'new-app-credential' }),
      webApp('next-app', { integration_credential_name: 'next-app-credential' }),
      webApp('web-app', { description: 'declared' }),
      webApp('other-app', { description: 'declared' }),
    ];
    const { deps } = harness(org, clients, {}, { autoApprove: true, readBackSeconds: 0 });
    const outcome = await runApply(deps);
    expect(outcome.report.failure).toEqual({
      reason: 'apply-failed',
      message:
        'the secret of `new-app`, `next-app` did not reach every channel asked for (the client exists: fix the cause and re-run, or ' +
        'reset its secret in Genesys); 2 client(s) failed (`a-app`, `b-app`); 2 client(s) did not read back as declared ' +
        '(`other-app`, `web-app`). What succeeded stays applied; fix the cause and re-run to converge.',
    });
  });

  it('names only the failed clients when nothing else fell short', async () => {
    const org = new FakeOrg();
    org.failures.set('a-app', new Error('HTTP 500'));
    const { deps } = harness(org, [webApp('a-app'), webApp('new-app')], {}, { autoApprove: true });
    const outcome = await runApply(deps);
    expect(outcome.report.failure).toEqual({
      reason: 'apply-failed',
      message: '1 client(s) failed (`a-app`). What succeeded stays applied; fix the cause and re-run to converge.',
    });
  });

  it('names only the clients that did not read back when every write succeeded', async () => {
    const org = new FakeOrg([aLiveClient('id-1', { name: 'web-app' })]);
    org.storeHook = (stored) => ({ ...stored, description: 'dropped' });
    const { deps } = harness(org, [webApp('web-app', { description: 'declared' })], {}, { autoApprove: true, readBackSeconds: 0 });
    const outcome = await runApply(deps);
    expect(outcome.report.failure).toEqual({
      reason: 'apply-failed',
      message: '1 client(s) did not read back as declared (`web-app`). What succeeded stays applied; fix the cause and re-run to converge.',
    });
  });

  it('writes at most four clients at once by default, and as many as `concurrency` says', async () => {
    const clients = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((name) => webApp(name));
    const byDefault = new FakeOrg();
    await runApply(harness(byDefault, clients, {}, { autoApprove: true }).deps);
    expect(byDefault.writesOf('createClient')).toHaveLength(6);
    expect(byDefault.maxInFlight).toBe(4);
    const oneAtATime = new FakeOrg();
    await runApply(harness(oneAtATime, clients, {}, { autoApprove: true, concurrency: 1 }).deps);
    expect(oneAtATime.maxInFlight).toBe(1);
  });

  it('waits on the run clock for a client to read back, up to 30 seconds by default or `read-back-seconds`', async () => {
    const drifting = () => {
      const org = new FakeOrg([aLiveClient('id-1', { name: 'web-app' })]);
      org.storeHook = (stored) => ({ ...stored, description: 'dropped' });
      return org;
    };
    const clients = [webApp('web-app', { description: 'declared' })];
    const byDefault = harness(drifting(), clients, {}, { autoApprove: true });
    await runApply(byDefault.deps);
    expect(byDefault.sleeps).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000]);
    const bounded = harness(drifting(), clients, {}, { autoApprove: true, readBackSeconds: 1 });
    await runApply(bounded.deps);
    expect(bounded.sleeps).toEqual([250, 500]);
  });
});

describe('deliveryTargets', () => {
  const channels = (credentials?: SecretChannelState['credentials']): SecretChannelState => ({
    repository: 'acme/genesys-config',
    githubSecrets: {},
    githubScopesRead: [],
    ...(credentials ? { credentials } : {}),
  });
  const secrets = {} as ActionsSecrets;

  it('updates existing integration credentials by id, and sends no GitHub secret without a secrets token', () => {
    const { deps } = harness(new FakeOrg(), []);
    const targets = deliveryTargets(deps, channels({ 'app-credential': { id: 'cred-1', modifiedDate: '2026-01-01' } }));
    expect(targets).toEqual({ credentialIds: { 'app-credential': 'cred-1' } });
    expect(deliveryTargets(deps, channels())).toEqual({ credentialIds: {} });
  });

  it('sends GitHub secrets to this repository by default, waiting on the run clock between retries', () => {
    const { deps } = harness(new FakeOrg(), [], { actionsSecrets: secrets, repository: 'acme/genesys-config' });
    const targets = deliveryTargets(deps, channels());
    expect(targets.github).toEqual({ secrets, defaultRepository: 'acme/genesys-config', sleep: deps.clock?.sleep });
    expect(targets.github?.sleep).toBe(deps.clock?.sleep);
    const { clock: _clock, ...withoutClock } = deps;
    expect(deliveryTargets({ ...withoutClock, repository: undefined }, channels()).github?.defaultRepository).toBe('');
  });
});
