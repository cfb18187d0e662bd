// The Action: inputs → mode → outputs, summary, annotations. The one catch and the one `setFailed` live here.
import { escapeLogLine } from '../core/escape.js';
import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countPlan, hasChanges } from '../core/plan.js';
import type { Env } from '../core/types.js';
import { createActionsSecrets } from '../github/actions-secrets.js';
import type { ModeDeps, ModeOutcome, Reporter } from '../modes/types.js';
import { buildModeDeps } from '../modes/deps.js';
import { describeFailure } from '../modes/failure.js';
import { InputError, type Options } from '../modes/options.js';
import { runMode } from '../modes/run.js';
import { SUMMARY_LIMIT } from '../report/budget.js';
import { redactSecrets } from '../report/redact.js';
import { buildChangeAnnotations } from '../report/change-annotations.js';
import { renderReport } from '../report/render.js';
import { AnnotationBook } from './annotations.js';
import { chooseMode, type EventInfo } from './event.js';
import { readInputs } from './inputs.js';
import { checkLatest, connectGitHub, findReview, markApplying, publishToGitHub, type Published } from './publish.js';
import { apiUrlOf, readEvent } from './runner-env.js';

/**
 * Reports through @actions/core: log lines now, and annotations held in `book` until the step's story is known.
 * Every message leaves as one redacted line that cannot be read as a workflow command.
 */
function actionReporter(secrets: readonly string[], book: AnnotationBook): Reporter {
  const clean = (text: string) => escapeLogLine(redactSecrets(text, secrets));
  return {
    info: (message) => core.info(clean(message)),
    debug: (message) => core.debug(clean(message)),
    warning: (p) => book.problem('warning', p),
    error: (p) => book.problem('error', p),
    notice: (message) => core.notice(clean(message)),
  };
}

export async function runAction(env: Env = process.env, cwd = process.cwd()): Promise<void> {
  const secrets: string[] = [];
  const onSecret = (value: string | undefined) => {
    if (!value || secrets.includes(value)) return;
    core.setSecret(value);
    secrets.push(value);
  };
  let options: Options | undefined;
  let failureMessage: string | undefined;
  try {
    options = readInputs(env, cwd);
    for (const secret of [options.genesys.clientSecret, options.githubToken, options.reviewKey, options.secretsToken]) onSecret(secret);
    const event = readEvent(env);
    const choice = chooseMode(event, options);
    const book = new AnnotationBook((text) => escapeLogLine(redactSecrets(text, secrets)));
    const reporter = actionReporter(secrets, book);
    reporter.info(`genesys-oauth-sync: ${choice.mode} (${choice.reason}), label \`${options.label}\`.`);
    // A fork's run is always `validate` (chooseMode).
    if (choice.fork) {
      reporter.notice(
        'This pull request comes from a fork: the definitions were validated offline and the plan against ' +
          'Genesys was skipped (a fork never runs with the org credentials, even under `pull_request_target`).',
      );
    }

    const gh = connectGitHub(options.githubToken, apiUrlOf(env), event);
    // Only a push has a merged pull request whose plan was reviewed; a manual restore must not touch an old PR's comment.
    const reviewable = choice.mode === 'apply' && gh && event.name === 'push';
    const publishing = {
      comment: options.comment,
      driftIssue: options.driftIssue,
      driftPr: options.driftPr,
      secrets,
      reviewKey: options.reviewKey,
    };
    const applying = choice.mode === 'apply' && gh;
    const deps = buildModeDeps(options, {
      env,
      reporter,
      onSecret,
      findReview: reviewable ? (label) => findReview(gh, event, label) : undefined,
      // Every apply asks whether its commit is still the newest, and marks the comment before its first write.
      checkLatest: applying ? () => checkLatest(gh, event) : undefined,
      markApplying:
        applying && options.comment !== 'never' ? (pullRequest, report) => markApplying(gh, pullRequest, report, publishing) : undefined,
      ...secretsWiring(options, env, event),
    });
    let outcome: ModeOutcome;
    try {
      outcome = await runMode(choice.mode, deps);
    } catch (error: unknown) {
      // Whatever went wrong, the summary and the outputs still tell the story.
      const failure = describeFailure(error, choice.mode, secrets);
      outcome = { report: { label: options.label, kind: choice.mode, problems: [], warnings: [], failure } };
    }
    outcome.report.run = event.run;
    // On a pull request, the plan beside the edit: only `plan` gives anchors, never a fork's validate-only run.
    const { plan } = outcome.report;
    if (plan && outcome.anchors) book.changes(buildChangeAnnotations(plan, outcome.anchors));
    book.flush();

    // First what later steps branch on, then the summary: a failure of either, or of GitHub, hides nothing else.
    const { failure } = outcome.report;
    if (failure) {
      core.setOutput('failure-reason', failure.reason);
      failureMessage = redactSecrets(failure.message, secrets);
    }
    writeOutputs(env, outcome, secrets, onSecret);
    await writeSummary(env, outcome, secrets).catch((error: unknown) => {
      core.warning(`Could not write the job summary: ${redactSecrets(error instanceof Error ? error.message : String(error), secrets)}`);
    });
    const published = gh && !choice.fork ? await publishToGitHub(gh, choice.mode, event, outcome, publishing) : {};
    if (published.note) reporter.info(published.note);
    writePublished(published);
  } catch (error: unknown) {
    const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
    failureMessage = failureMessage === undefined ? message : `${failureMessage}\n${message}`;
    if (error instanceof InputError) {
      // The workflow's `with:` block is input too: say so where people look, before anything else happened.
      core.setOutput('failure-reason', 'validation-failed');
      if (env.GITHUB_STEP_SUMMARY)
        await core.summary.addRaw(`### genesys-oauth-sync: the step's inputs are invalid\n\n> ${message}\n`, true).write();
    }
  }
  if (failureMessage !== undefined) core.setFailed(failureMessage);
}

/** GitHub secrets for `github_secret` deliveries: the `secrets-token`, and this repository as the default target. */
function secretsWiring(options: Options, env: Env, event: EventInfo): Pick<ModeDeps, 'actionsSecrets' | 'repository'> {
  const repository = event.repository.owner ? `${event.repository.owner}/${event.repository.repo}` : undefined;
  const token = options.secretsToken;
  return {
    ...(repository ? { repository } : {}),
    ...(token ? { actionsSecrets: createActionsSecrets({ token, apiUrl: apiUrlOf(env) }) } : {}),
  };
}

async function writeSummary(env: Env, outcome: ModeOutcome, secrets: readonly string[]): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(renderReport(outcome.report, { limit: SUMMARY_LIMIT, secrets }), true).write();
}

function writeOutputs(env: Env, outcome: ModeOutcome, secrets: readonly string[], onSecret: (v: string) => void): void {
  const { plan } = outcome.report;
  if (plan) {
    const counts = countPlan(plan);
    core.setOutput('has-changes', String(hasChanges(plan)));
    core.setOutput('to-create', String(counts.create));
    core.setOutput('to-update', String(counts.update));
    core.setOutput('to-delete', String(counts.delete));
    core.setOutput('unmanaged', String(counts.unmanaged));
    core.setOutput('plan-hash', plan.hash);
    const dir = join(env.RUNNER_TEMP || tmpdir(), 'genesys-oauth-sync');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `plan-${plan.label.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`);
    writeFileSync(file, redactSecrets(`${JSON.stringify(plan, null, 2)}\n`, secrets));
    core.setOutput('plan-json', file);
  } else {
    core.setOutput('has-changes', 'false');
  }
  const stale = outcome.report.audit?.stale;
  if (stale && !stale.unavailable) core.setOutput('stale', String(stale.clients.length));
  const { rotation } = outcome.report;
  if (rotation) core.setOutput('rotated', String(rotation.outcomes.filter((o) => o.kind === 'secret-reset').length));
  const exposed = outcome.exposedSecrets ?? {};
  if (Object.keys(exposed).length > 0) {
    const json = JSON.stringify(exposed);
    onSecret(json);
    core.setOutput('client-secrets', json);
  }
}

function writePublished(published: Published): void {
  if (published.commentUrl) core.setOutput('comment-url', published.commentUrl);
  if (published.issueUrl) core.setOutput('issue-url', published.issueUrl);
  if (published.pullRequestUrl) core.setOutput('pull-request-url', published.pullRequestUrl);
  for (const warning of published.warnings ?? []) core.warning(warning);
}

export type { EventInfo };
