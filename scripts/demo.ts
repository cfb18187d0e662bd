// `npm start`: the whole story against the built-in Genesys Cloud emulator, no account needed.
// plan (as the PR comment shows it) → apply on merge → someone edits a client by hand → check finds the drift
// (as the issue shows it) → apply restores it → check is clean.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_ORG, startEmulator } from '../emulator/index.js';
import { COLOURS, PLAIN, renderTerminal } from '../src/cli/terminal.js';
import { connectGenesys } from '../src/genesys/connect.js';
import type { ModeDeps, ModeOutcome } from '../src/modes/types.js';
import { runMode } from '../src/modes/run.js';
import { COMMENT_LIMIT } from '../src/report/budget.js';
import { renderDriftPullRequest, renderDriftPullRequestPlan } from '../src/report/drift-pr-body.js';
import { renderReport } from '../src/report/render.js';

const colour = process.stdout.isTTY === true && !process.env.NO_COLOR ? COLOURS : PLAIN;
const secrets: string[] = [];
const say = (text = '') => process.stdout.write(`${text}\n`);
const rule = (title: string) => '━'.repeat(Math.max(0, 70 - title.length));
const step = (n: number, title: string) => say(`\n${colour.bold(`━━ ${n}. ${title} ${rule(title)}`)}\n`);
// The hidden marker line is for the Action to find its comment again; GitHub does not show it, so neither do we.
const quote = (markdown: string) =>
  say(
    markdown
      .split('\n')
      .filter((line) => !line.startsWith('<!-- genesys-oauth-sync '))
      .map((line) => colour.dim('│ ') + line)
      .join('\n'),
  );

const started = Date.now();
// The story's own clock, so the dates it shows (who changed what when, last use) read the same on every run.
const DAY_MS = 86_400_000;
let clock = Date.parse('2026-11-02T09:00:00.000Z');
const now = () => new Date(clock);
// Genesys as it behaves (reads lag behind writes, soft deletes, tokens/me without roles), on the story's clock:
// the apply's read-back waits the lag out by moving that clock, so the story takes no real time for it.
const emulator = await startEmulator({ clients: DEMO_ORG, now, profile: 'realistic' });
const legacy = emulator.listClients().find((c) => c.name === 'legacy-ivr-lookup');
if (legacy) emulator.recordUsage(legacy.id, new Date(clock - 120 * DAY_MS).toISOString(), 37);
const workspace = mkdtempSync(join(tmpdir(), 'genesys-oauth-sync-demo-'));
cpSync(resolve(import.meta.dirname, '../examples/genesys/oauth-clients'), join(workspace, 'genesys/oauth-clients'), { recursive: true });

const deps = (autoApprove: boolean): ModeDeps => ({
  settings: {
    path: 'genesys/oauth-clients',
    workspace,
    label: 'demo-org',
    prune: false,
    ignore: [],
    autoApprove,
    failOnDrift: true,
    driftPr: true,
    variables: { APP_BASE_URL: 'https://portal.example.com' },
  },
  env: process.env,
  reporter: { info: () => {}, debug: () => {}, notice: () => {}, warning: () => {}, error: () => {} },
  onSecret: (value) => void secrets.push(value),
  now,
  clock: {
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
  },
  openGenesys: () => connectGenesys({ ...emulator.credentials, apiUrl: emulator.url, onSecret: (value) => void secrets.push(value) }),
});
const run = (mode: 'plan' | 'apply' | 'check', autoApprove = false): Promise<ModeOutcome> => runMode(mode, deps(autoApprove));
const markdown = (outcome: ModeOutcome) => renderReport(outcome.report, { limit: COMMENT_LIMIT, secrets });
// `npm start -- --write-examples` keeps docs/examples/ (linked from the README) equal to what the Action really writes.
const examplesDir = process.argv.includes('--write-examples')
  ? (process.env.EXAMPLES_DIR ?? resolve(import.meta.dirname, '../docs/examples'))
  : undefined;
const keep = (file: string, outcome: ModeOutcome) => {
  if (!examplesDir) return;
  mkdirSync(examplesDir, { recursive: true });
  writeFileSync(
    join(examplesDir, file),
    markdown({
      ...outcome,
      report: { ...outcome.report, run: { url: 'https://github.com/acme/genesys-config/actions/runs/1', name: 'genesys #1' } },
    }),
  );
};

try {
  say(
    colour.bold('genesys-oauth-sync demo') +
      colour.dim(` · Genesys Cloud emulator at ${emulator.url} · definitions copied to ${workspace}`),
  );
  say(`The repository declares 7 OAuth clients (examples/genesys/oauth-clients). The org has 3 clients besides the Action's own:`);
  say('one changed by hand in the admin UI, one up to date, and one nobody declared (nor used for 120 days).');
  say(colour.dim('Like Genesys, the emulator shows a write to reads 2 s late: apply reads back until it does (on the story clock).'));

  step(1, 'A pull request: the plan, as the sticky PR comment shows it');
  const planned = await run('plan');
  keep('plan-comment.md', planned);
  quote(markdown(planned));

  step(2, "Merged: apply (the comment's plan hash was reviewed; here auto-approved)");
  const applied = await run('apply', true);
  keep('apply-comment.md', applied);
  say(renderTerminal(applied, colour, secrets));
  const exposed = Object.keys(applied.exposedSecrets ?? {});
  if (exposed.length > 0) say(colour.dim(`client-secrets output (masked in logs) holds the new secret of: ${exposed.join(', ')}`));
  say(colour.dim(`Genesys writes so far: ${emulator.writes().length}. A second apply writes nothing:`));
  const before = emulator.writes().length;
  await run('apply', true);
  say(colour.dim(`writes after the second apply: ${emulator.writes().length - before}`));

  clock += 2 * DAY_MS + 5 * 3_600_000 + 12 * 60_000;
  step(3, 'Jane Doe edits `ci-deployer` in the Genesys admin UI, two days later');
  const ciDeployer = emulator.listClients().find((c) => c.name === 'ci-deployer');
  if (!ciDeployer) throw new Error('ci-deployer was not created');
  emulator.editClient(ciDeployer.id, { description: 'temporarily widened for the release', accessTokenValiditySeconds: 86_400 });
  say('description and token lifetime changed by hand.');

  step(4, 'The scheduled check finds the drift, who made it, and a client nobody uses; the drift issue says so');
  const drifted = await run('check');
  keep('drift-issue.md', drifted);
  quote(markdown(drifted));
  say(colour.yellow(`→ exit code 1, failure-reason=${drifted.report.failure?.reason}`));

  step(5, "With `drift-pr: true` the check also opens a pull request that adopts the org's values");
  const demoRun = { url: 'https://github.com/acme/genesys-config/actions/runs/1', name: 'genesys #1' };
  const pullRequest = renderDriftPullRequest({ ...drifted.report, run: demoRun }, drifted.adoption?.skipped ?? [], secrets);
  say(colour.bold(pullRequest.title));
  quote(pullRequest.body);
  for (const file of drifted.adoption?.files ?? []) {
    say(colour.dim(`\n${file.file} on the pull request's branch (comments and key order kept):`));
    quote(file.text.trimEnd());
  }
  const planComment = renderDriftPullRequestPlan({ ...drifted.report, run: demoRun }, drifted.adoption!.plan, secrets);
  say(colour.dim("\nThe check posts the pull request's plan comment itself (a pull request opened with GITHUB_TOKEN starts no workflow):"));
  quote(planComment);
  if (examplesDir) writeFileSync(join(examplesDir, 'drift-pull-request.md'), `## ${pullRequest.title}\n\n${pullRequest.body}`);

  step(6, 'Re-running apply restores what the repository says');
  say(renderTerminal(await run('apply', true), colour, secrets));

  step(7, 'The next check is clean (the drift issue closes itself)');
  say(renderTerminal(await run('check'), colour, secrets));
  say(colour.dim(`\n${emulator.requests.length} requests to the emulator in ${((Date.now() - started) / 1000).toFixed(1)} s.`));
} finally {
  await emulator.close();
  // The copied definitions (and the secret files apply wrote there) are the demo's alone: leave nothing behind.
  rmSync(workspace, { recursive: true, force: true });
}
