// The self-test workflow, run here before it reaches GitHub: the same steps, the same commands, the emulator started
// by the workflow's own step, dist/index.js run as `uses: ./`. A broken self-test fails here first.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { pullRequestEvent } from '../helpers/run-action.js';
import { runJob, type JobRun, type WorkflowStep } from '../helpers/workflow-runner.js';

const root = resolve(import.meta.dirname, '../..');
const TOKEN = 'SENTINEL-self-test-token-41c2';
/** Steps that prepare a fresh runner; this machine is prepared already. */
const SETUP_STEPS = ['checkout', 'setup-node', 'install'];

interface Workflow {
  jobs: Record<string, { env?: Record<string, string>; steps: WorkflowStep[] }>;
}

const workflow = parse(readFileSync(join(root, '.github/workflows/self-test.yml'), 'utf8')) as Workflow;
const job = workflow.jobs['self-test']!;

let github: FakeGitHub;
let runs: JobRun[] = [];
beforeEach(async () => {
  github = await startFakeGitHub({ owner: 'acme', repo: 'genesys-config' });
  runs = [];
});
afterEach(async () => {
  // The workflow's last step stops the emulator; should it not have, stop the one process this run started.
  for (const run of runs) stopIfRunning(join(run.runnerTemp, 'emulator.pid'));
  await github.close();
});

function stopIfRunning(pidFile: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return;
  }
  try {
    process.kill(pid);
  } catch {
    // Already gone.
  }
}

function isRunning(pidFile: string): boolean {
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 0);
    return true;
  } catch {
    return false;
  }
}

async function runSelfTest(steps: WorkflowStep[]): Promise<JobRun> {
  const eventPath = join(mkdtempSync(join(tmpdir(), 'gos-self-test-')), 'event.json');
  writeFileSync(eventPath, JSON.stringify(pullRequestEvent(7)));
  const run = await runJob({
    workspace: root,
    steps,
    env: job.env,
    skip: SETUP_STEPS,
    token: TOKEN,
    github: {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'acme/genesys-config',
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_SHA: 'c'.repeat(40),
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_RUN_ID: '1',
      GITHUB_RUN_NUMBER: '1',
      GITHUB_WORKFLOW: 'self-test',
    },
  });
  runs.push(run);
  return run;
}

const conclusions = (run: JobRun) => run.steps.map((s) => `${s.label}: ${s.conclusion}`);

describe('the self-test workflow, run locally', () => {
  it('starts with the runner set-up steps, which are the only ones not run here', () => {
    expect(job.steps.slice(0, SETUP_STEPS.length).map((s) => s.id)).toEqual(SETUP_STEPS);
  });

  it('plans, applies and checks against the emulator with every assertion step green, without a single request to GitHub', async () => {
    const run = await runSelfTest(job.steps);

    const failed = run.steps.find((s) => s.conclusion !== 'success');
    expect(failed, failed && `${failed.label} failed:\n${failed.log.replace(/^::add-mask::.*$/gm, '')}`).toBeUndefined();
    expect(conclusions(run)).toEqual(job.steps.slice(SETUP_STEPS.length).map((s) => `${s.id ?? s.name}: success`));
    expect(github.requests).toEqual([]);
    expect(isRunning(join(run.runnerTemp, 'emulator.pid'))).toBe(false);
  }, 60_000);

  it('fails at a wrong expectation, skips the steps after it and still stops the emulator', async () => {
    const steps = structuredClone(job.steps);
    const assertPlan = steps.find((s) => s.name === "Assert the plan's outputs")!;
    assertPlan.run = assertPlan.run!.replace(/expect to-create "\$TO_CREATE" \d+/, 'expect to-create "$TO_CREATE" 99');

    const run = await runSelfTest(steps);

    expect(conclusions(run)).toEqual([
      'emulator: success',
      'plan: success',
      "Assert the plan's outputs: failure",
      'apply: skipped',
      "Assert the apply's outputs: skipped",
      'check: skipped',
      "Assert the check's outputs: skipped",
      'Stop the emulator: success',
    ]);
    expect(run.steps[2]?.log).toContain("::error::plan: to-create is '");
    expect(isRunning(join(run.runnerTemp, 'emulator.pid'))).toBe(false);
  }, 60_000);
});
