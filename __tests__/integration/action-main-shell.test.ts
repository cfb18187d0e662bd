// The Action's shell around a mode (src/action/main.ts), in process: which secrets it masks, what it refuses and
// how, where the summary and the plan file go, what it tells GitHub and when it leaves GitHub alone. Most runs here
// validate (no Genesys); the apply stories need the emulator's org.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SUMMARY_LIMIT } from '../../src/report/budget.js';
import { renderReport } from '../../src/report/render.js';
import { MERGE_SHA, markerOf, onlyComment, planAndMerge, PR_NUMBER, writeDefinition } from '../helpers/e2e-apply.js';
import { GITHUB_TOKEN, OWN_SECRET, useWorld } from '../helpers/e2e-world.js';
import { failureLine, pullRequestEvent, pushEvent, type ActionRun } from '../helpers/run-action.js';

const RUN = { url: 'https://github.example/acme/genesys-config/actions/runs/4242', name: 'genesys #17' };

/** What the run asked the runner to mask, in order. */
const masked = (run: ActionRun) => [...run.stdout.matchAll(/^::add-mask::(.*)$/gm)].map((match) => match[1]);
/** The `::warning` lines of a run (annotations included). */
const warnings = (run: ActionRun) => run.stdout.split('\n').filter((line) => line.startsWith('::warning'));

describe('the Action shell, validating offline', () => {
  const world = useWorld({ inProcess: true });
  // Without the example's implicit-grant client, whose deprecation warning every run would repeat.
  beforeEach(() => rmSync(join(world.workspace, 'genesys/oauth-clients/agent-dashboard.yaml')));

  it('masks each secret input once, says why a merged pull request gets no comment, and writes the report as the summary', async () => {
    world.github.setPull({ number: 13, state: 'closed', merged: true });
    const run = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(13),
      inputs: { mode: 'validate', label: 'prod', 'review-key': 'SENTINEL-review-key', 'secrets-token': GITHUB_TOKEN },
    });

    expect(run.code, run.stdout).toBe(0);
    expect(masked(run)).toEqual([OWN_SECRET, GITHUB_TOKEN, 'SENTINEL-review-key']);
    expect(run.stdout).toMatch(/^genesys-oauth-sync: validate \(`mode: validate`\), label `prod`\.$/m);
    expect(run.stdout).toMatch(/^Pull request #13 is merged: its comment keeps the plan that was reviewed\.$/m);
    expect(run.stdout).not.toContain('::notice');
    expect(warnings(run)).toEqual([]);
    expect(run.outputs).toEqual({ 'has-changes': 'false' });
    const report = { label: 'prod', kind: 'validate' as const, problems: [], warnings: [], run: RUN };
    expect(run.summary).toBe(`${renderReport(report, { limit: SUMMARY_LIMIT, secrets: [] })}\n`);
    expect(world.github.comments(13)).toEqual([]);
  });

  it('annotates a broken definition as an error and an empty file as a warning, and says both failures when GitHub fails too', async () => {
    writeDefinition(world, 'empty.yaml', '');
    writeDefinition(world, 'broken.yaml', 'name: broken\nauthorized_grant_type: NOPE\n');
    world.github.failWith('GET', /\/pulls\/14$/, 404, 'Not Found');
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(14), inputs: { mode: 'validate' } });

    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({ 'failure-reason': 'validation-failed', 'has-changes': 'false' });
    expect(run.stdout).toMatch(/^::error title=genesys-oauth-sync%3A broken,file=genesys\/oauth-clients\/broken\.yaml,line=2,col=24::/m);
    expect(warnings(run)).toEqual([
      '::warning title=genesys-oauth-sync,file=genesys/oauth-clients/empty.yaml,line=1,col=1::The file is empty: it declares no client.',
    ]);
    const [validation, github, ...rest] = failureLine(run).split('\n');
    expect(validation).toBe('1 problem(s) in the definitions; nothing was sent to Genesys. Fix them and run again.');
    expect(github).toMatch(/^Could not read pull request #14 \(GitHub 404: Not Found\)/);
    expect(rest).toEqual([]);
  });

  it('says an invalid input once, even with no job summary to write it to', async () => {
    const run = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(4),
      inputs: { prune: 'maybe' },
      env: { GITHUB_STEP_SUMMARY: '' },
    });
    expect(run.code).toBe(1);
    expect(failureLine(run)).toBe('Input `prune` must be `true` or `false`, not `maybe`.');
    expect(run.outputs).toEqual({ 'failure-reason': 'validation-failed' });
    expect(warnings(run)).toEqual([]);
  });

  it('fails on an unreadable event payload without calling it an input mistake', async () => {
    const eventPath = join(world.workspace, 'genesys/oauth-clients/ci-deployer.yaml');
    const run = await world.run({ eventName: 'pull_request', payload: {}, env: { GITHUB_EVENT_PATH: eventPath } });
    expect(run.code).toBe(1);
    expect(failureLine(run)).toMatch(/^Could not read the event payload at `.*ci-deployer\.yaml`: .*JSON/);
    expect(run.outputs).toEqual({});
    expect(run.summary).toBe('');
    expect(world.emulator.requests).toEqual([]);
  });

  it('runs without GitHub when there is no token, and warns about a job summary only when one was asked for and failed', async () => {
    const inputs = { mode: 'validate', 'github-token': '' };
    const quiet = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(15), inputs, env: { GITHUB_STEP_SUMMARY: '' } });
    expect(quiet.code, quiet.stdout).toBe(0);
    expect(masked(quiet)).toEqual([OWN_SECRET]);
    expect(warnings(quiet)).toEqual([]);
    expect(quiet.outputs).toEqual({ 'has-changes': 'false' });

    const nowhere = join(tmpdir(), 'gos-no-such-folder', 'summary.md');
    const failed = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(15),
      inputs,
      env: { GITHUB_STEP_SUMMARY: nowhere },
    });
    expect(failed.code, failed.stdout).toBe(0);
    expect(warnings(failed)).toEqual([
      expect.stringContaining(`::warning::Could not write the job summary: Unable to access summary file: '${nowhere}'.`),
    ]);
    expect(failed.outputs).toEqual({ 'has-changes': 'false' });
    expect(world.github.requests).toEqual([]);
  });
});

describe('the Action shell around plan and apply', () => {
  const world = useWorld({ inProcess: true });
  /** The statuses the comment on the pull request was edited to, in order. */
  const commentEdits = () =>
    world.github.requests
      .filter((request) => request.method === 'PATCH' && request.path.includes('/issues/comments/'))
      .map((request) => markerOf((request.body as { body: string }).body).status);

  it('writes the plan file under RUNNER_TEMP, making its folders, named after the label, and logs the time the org read took', async () => {
    const runnerTemp = join(mkdtempSync(join(tmpdir(), 'gos-runner-temp-')), 'nested', 'deeper');
    const run = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(PR_NUMBER),
      inputs: { label: 'acme prod / eu' },
      env: { RUNNER_TEMP: runnerTemp },
    });
    expect(run.code, run.stdout).toBe(0);
    const file = join(runnerTemp, 'genesys-oauth-sync', 'plan-acme_prod_eu.json');
    expect(run.outputs['plan-json']).toBe(file);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { hash: string }).hash).toBe(run.outputs['plan-hash']);
    expect(run.stdout).toMatch(/^::debug::Reading the org took \d+ ms\.$/m);
  });

  it('refuses a commit the default branch moved past; with `comment: never` applies without touching the comment', async () => {
    await planAndMerge(world);
    const planned = onlyComment(world);
    world.github.setBranch('main', 'e'.repeat(40));
    const stale = await world.run({ eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });
    expect(stale.code).toBe(1);
    expect(stale.outputs['failure-reason']).toBe('not-latest');
    expect(failureLine(stale)).toMatch(/^This run applies commit `c0ffee000000`, but `main` is now at `eeeeeeeeeeee`/);
    expect(world.emulator.writes()).toEqual([]);

    world.github.setBranch('main', MERGE_SHA);
    const quiet = await world.run({ eventName: 'push', payload: pushEvent(), sha: MERGE_SHA, inputs: { comment: 'never' } });
    expect(quiet.code, quiet.stdout).toBe(0);
    expect(world.emulator.writes()).not.toEqual([]);
    expect(onlyComment(world)).toBe(planned);
    expect(commentEdits()).toEqual([]);
    expect(quiet.outputs['comment-url']).toBeUndefined();
  });

  it("a manual restore (`workflow_dispatch`, `mode: apply`) neither looks up nor edits the merged pull request's comment", async () => {
    await planAndMerge(world);
    const planned = onlyComment(world);
    const before = world.github.requests.length;
    const run = await world.run({
      eventName: 'workflow_dispatch',
      payload: pushEvent(),
      sha: MERGE_SHA,
      inputs: { mode: 'apply', 'auto-approve': 'true' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(world.emulator.writes()).not.toEqual([]);
    expect(onlyComment(world)).toBe(planned);
    expect(world.github.requests.slice(before).filter((request) => request.path.includes('/pulls'))).toEqual([]);
    expect(run.outputs['comment-url']).toBeUndefined();
  });

  it('applies an auto-approved push without a GitHub token, asking GitHub nothing', async () => {
    const run = await world.run({ eventName: 'push', payload: pushEvent(), inputs: { 'github-token': '', 'auto-approve': 'true' } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^Applied \d+ change\(s\); the org matches the repository\.$/m);
    expect(run.stdout).not.toContain('Could not look up the merged pull request');
    expect(world.github.requests).toEqual([]);
  });
});

describe('the Action shell around rotate', () => {
  const SECRETS_TOKEN = 'SENTINEL-secrets-token-shell';
  const REPO = { repository: 'acme/genesys-config' };
  const employee = [{ roleId: 'role-employee', divisionId: 'div-home' }];
  const world = useWorld({
    inProcess: true,
    clients: [
      { name: 'feed', authorizedGrantType: 'CLIENT-CREDENTIALS', roleDivisions: employee },
      { name: 'billing', authorizedGrantType: 'CLIENT-CREDENTIALS', roleDivisions: employee },
    ],
    github: { secretsTokens: { [SECRETS_TOKEN]: { secrets: 'write', variables: 'write' } } },
  });

  it('counts in `rotated` only the secrets that were reset, not a client whose reset failed', async () => {
    rmSync(join(world.workspace, 'genesys/oauth-clients'), { recursive: true });
    const old = new Date(world.clock.now().getTime() - 120 * 86_400_000);
    for (const [name, secret] of [
      ['feed', 'FEED'],
      ['billing', 'BILLING'],
    ] as const) {
      writeDefinition(
        world,
        `${name}.yaml`,
        `name: ${name}\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [{ role: employee }]\n` +
          `github_secret: { name: ${secret} }\nsecret_rotation_days: 90\n`,
      );
      world.github.actionsSecrets.seedSecret(REPO, secret, 'stale', old);
    }
    const billing = world.emulator.listClients().find((client) => client.name === 'billing');
    world.emulator.inject({ method: 'POST', path: `/api/v2/oauth/clients/${billing?.id}/secret`, status: 400, times: Infinity });

    const run = await world.run({ eventName: 'schedule', payload: {}, inputs: { mode: 'rotate', 'secrets-token': SECRETS_TOKEN } });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('rotation-failed');
    expect(run.outputs.rotated).toBe('1');
    expect(world.github.actionsSecrets.open(REPO, 'BILLING')).toBe('stale');
  });
});
