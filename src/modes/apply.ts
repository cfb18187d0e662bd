// apply: recompute the plan, check it is the reviewed one for the newest commit, mark the comment, execute it, read
// back (SPEC §4, §7).
import { type ApplyShortfalls, describeDuplicate, summariseApply } from '../core/apply-result.js';
import { hasChanges } from '../core/plan.js';
import { quote } from '../core/escape.js';
import { describePlanDifferences, isReviewedSubset } from '../core/review.js';
import { verifyReview } from '../core/review-signature.js';
import { runClock } from './clock.js';
import { DEFAULT_READ_BACK_SECONDS } from './options.js';
import { executePlan, type ExecuteOptions } from '../apply/execute-plan.js';
import type { Failure, LiveOrg, Plan, SecretChannelState } from '../core/types.js';
import type { Refusal, Report } from '../report/report.js';
import type { ExposedSecret, LatestCheck, ModeDeps, ModeOutcome, PullRequestRef, ReviewLookup } from './types.js';
import { planAgainstOrg } from './pipeline.js';

const DEFAULT_CONCURRENCY = 4;

type Refused = { pullRequest?: PullRequestRef; failure: Failure; refusal: Refusal };
type Gate = { allowed: true; pullRequest?: PullRequestRef } | { allowed: false; outcome: Refused };

function refused(reason: Refusal['reason'], hint: string, options: { pullRequest?: PullRequestRef; differences?: string[] } = {}): Refused {
  const refusal = { reason, differences: options.differences ?? [], hint };
  return { pullRequest: options.pullRequest, failure: { reason, message: hint }, refusal };
}

function refuse(...args: Parameters<typeof refused>): Gate {
  return { allowed: false, outcome: refused(...args) };
}

/**
 * Decides whether this plan may be applied: empty, auto-approved, or equal to the reviewed plan (signed, when a
 * `review-key` is set, and not applied before).
 */
export function gateApply(
  plan: Plan,
  review: ReviewLookup | undefined,
  autoApprove: boolean,
  reviewKey?: string,
  applyUnreviewed?: string,
): Gate {
  const pullRequest = review && 'pullRequest' in review ? review.pullRequest : undefined;
  if (!hasChanges(plan) || autoApprove) return { allowed: true, pullRequest };
  if (review?.kind === 'unavailable')
    return refuse('not-reviewed', `Could not find the reviewed plan, so nothing was applied: ${review.message}`);
  if (!review || review.kind === 'no-pull-request') {
    return refuse(
      'not-reviewed',
      'This push has no merged pull request whose plan was reviewed. Merge changes ' +
        'through a pull request, or set `auto-approve: true` to apply unreviewed plans.',
    );
  }
  const number = review.pullRequest.number;
  if (review.kind === 'no-comment' || review.marker.hash === undefined) {
    return refuse(
      'not-reviewed',
      `Pull request #${number} has no reviewed plan for this label (no plan comment, ` +
        'or its last plan did not complete), so nobody reviewed this plan. Re-run the plan ' +
        'on a pull request (with `comment` not `never`), or set `auto-approve: true`.',
      { pullRequest },
    );
  }
  const headSha = review.pullRequest.headSha;
  if (reviewKey !== undefined && (headSha === undefined || !verifyReview(reviewKey, review.marker, { pullRequest: number, headSha }))) {
    return refuse(
      'not-reviewed',
      `The plan comment on #${number} carries no valid \`review-key\` signature for its head commit (it ` +
        'was written without the key, or edited since), so it proves no review and nothing was applied. Give ' +
        'the plan workflow the same `review-key` secret and re-run its plan, or set `auto-approve: true`.',
      { pullRequest },
    );
  }
  // Its comment is the record of what was applied: a refusal leaves it alone.
  if (review.marker.status === 'applied') {
    return refuse(
      'not-reviewed',
      `The plan reviewed on #${number} was already applied, and a review is applied only once: the org ` +
        "changed since, so nothing was applied. To restore the repository's values, run the protected " +
        "restore workflow (`auto-approve: true`); to keep the org's, adopt them in a pull request.",
    );
  }
  // After a partly failed or interrupted apply, what is left to do is a part of the reviewed plan: a re-run may finish it.
  const status = review.marker.status;
  const resumable = (status === 'apply-failed' || status === 'applying') && isReviewedSubset(review.marker.clients, plan);
  if (review.marker.hash !== plan.hash && !resumable) {
    return refuse(
      'plan-changed',
      // A re-run of this job is refused the same way and cannot change its inputs: point at what works.
      'The plan changed between review and merge, so nothing was applied. Re-run the plan on a new pull request and ' +
        `review it, or, if the new plan is what you want, ${applyUnreviewed ?? 'run apply with `auto-approve: true`'}.`,
      { pullRequest, differences: describePlanDifferences(review.marker.clients, plan) },
    );
  }
  return { allowed: true, pullRequest };
}

/** The clients an interrupted apply (marker `applying`) created: they exist now, and their secrets were never delivered. */
export function findInterruptedCreates(review: ReviewLookup | undefined, live: LiveOrg): string[] {
  if (review?.kind !== 'reviewed' || review.marker.status !== 'applying') return [];
  const liveNames = new Set(live.clients.map((client) => client.name));
  return (review.marker.creates ?? []).filter((name) => liveNames.has(name));
}

/** Whether this commit is still the default branch's tip; a failed lookup counts as "no", so nothing is written. */
async function confirmLatest(deps: ModeDeps): Promise<LatestCheck> {
  if (!deps.checkLatest) return { latest: true };
  try {
    return await deps.checkLatest();
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      latest: false,
      message: `Could not confirm that this commit is still the tip of the default branch, so nothing was applied: ${message}`,
    };
  }
}

/**
 * The merged pull request and its reviewed plan. With auto-approve it gates nothing, but its pull request still gets
 * the report (else a refused comment would outlive the apply), so a failed lookup only costs the comment.
 */
async function readReview(deps: ModeDeps, label: string, autoApprove: boolean): Promise<ReviewLookup | undefined> {
  try {
    return await deps.findReview?.(label);
  } catch (error: unknown) {
    if (!autoApprove) return { kind: 'unavailable', message: error instanceof Error ? error.message : String(error) };
    deps.reporter.info('Could not look up the merged pull request; applying without updating its comment (auto-approve).');
    return undefined;
  }
}

/** Where secrets go besides Genesys: GitHub secrets through the `secrets-token`, existing credentials by id. */
export function deliveryTargets(deps: ModeDeps, channels: SecretChannelState): Pick<ExecuteOptions, 'github' | 'credentialIds'> {
  const credentialIds = Object.fromEntries(Object.entries(channels.credentials ?? {}).map(([name, { id }]) => [name, id]));
  const github = deps.actionsSecrets
    ? { secrets: deps.actionsSecrets, defaultRepository: deps.repository ?? '', sleep: (deps.clock ?? runClock()).sleep }
    : undefined;
  return { credentialIds, ...(github ? { github } : {}) };
}

type Admission = { stop: ModeOutcome } | { go: { pullRequest?: PullRequestRef; report: Report } };

/**
 * Everything that must hold before the first write (SPEC §4): the newest commit, a reviewed (and, with a key, signed)
 * plan not applied before, and the comment marked `applying`; an interrupted earlier run is reported on the way.
 */
async function admitApply(deps: ModeDeps, plan: Plan, live: LiveOrg, planned: Report): Promise<Admission> {
  const { settings, reporter } = deps;
  // First of all: a re-run of an older commit's apply would roll back what came after it. Its pull request's comment is
  // left as it is, the record of what was applied then.
  if (hasChanges(plan)) {
    const latest = await confirmLatest(deps);
    if (!latest.latest) {
      reporter.info(latest.message);
      const { failure, refusal } = refused('not-latest', latest.message);
      return { stop: { report: { ...planned, failure, refusal } } };
    }
  }

  // Looked up even for an empty plan, so an interrupted run's creates are reported whatever is left to do.
  const review = deps.findReview ? await readReview(deps, plan.label, settings.autoApprove) : undefined;
  const interrupted = findInterruptedCreates(review, live);
  const report = { ...planned, ...(interrupted.length > 0 ? { interrupted: { clients: interrupted } } : {}) };
  for (const client of interrupted) {
    reporter.warning({
      client,
      message:
        `${quote(client)} was created by an interrupted apply run; its secret ` +
        'was not delivered. Reset its secret in Genesys to get a new one.',
    });
  }
  const gate = gateApply(plan, review, settings.autoApprove, settings.reviewKey, settings.applyUnreviewed);
  if (!gate.allowed) {
    reporter.info(gate.outcome.failure.message);
    // The comment keeps what was reviewed (or no hash at all), never the refused plan's.
    const marker = review?.kind === 'reviewed' ? review.marker : undefined;
    const reviewed = marker ? { hash: marker.hash, clients: marker.clients, status: marker.status, creates: marker.creates } : {};
    const { pullRequest, failure, refusal } = gate.outcome;
    return { stop: { pullRequest, report: { ...report, failure, refusal, reviewed } } };
  }
  if (!hasChanges(plan)) {
    reporter.info('Nothing to apply: the org already matches the repository.');
    // The pull request's comment changes only to retire an interrupted run's `applying` marker.
    const pullRequest = interrupted.length > 0 ? gate.pullRequest : undefined;
    return { stop: { pullRequest, report: { ...report, apply: { outcomes: [], unconverged: [] } } } };
  }

  // Before the first write: should this run die, the next one knows which clients it was creating.
  if (gate.pullRequest && deps.markApplying) {
    const creates = [...new Set([...interrupted, ...plan.actions.filter((a) => a.kind === 'create').map((a) => a.client)])];
    try {
      await deps.markApplying(gate.pullRequest, { ...report, applying: { creates } });
    } catch (error: unknown) {
      const message =
        `Could not mark the plan comment on #${gate.pullRequest.number} as applying, so ` +
        `nothing was applied: ${error instanceof Error ? error.message : String(error)}`;
      return { stop: { report: { ...report, failure: { reason: 'apply-failed', message } } } };
    }
  }
  return { go: { pullRequest: gate.pullRequest, report } };
}

/** What fell short, in one sentence for the failure message. */
function describeShortfalls({ failed, undelivered, unconverged, duplicates }: ApplyShortfalls): string {
  const parts = [
    undelivered.length > 0
      ? `the secret of ${undelivered.map((o) => `\`${o.client}\``).join(', ')} did not reach every ` +
        'channel asked for (the client exists: fix the cause and re-run, or reset its secret in Genesys)'
      : '',
    failed.length > 0 ? `${failed.length} client(s) failed (${failed.map((f) => `\`${f.client}\``).join(', ')})` : '',
    unconverged.length > 0
      ? `${unconverged.length} client(s) did not read back as declared (${unconverged.map((c) => `\`${c}\``).join(', ')})`
      : '',
    ...duplicates.map(describeDuplicate),
  ].filter(Boolean);
  return `${parts.join('; ')}. What succeeded stays applied; fix the cause and re-run to converge.`;
}

/** The `apply` mode. */
export async function runApply(deps: ModeDeps): Promise<ModeOutcome> {
  const { settings, reporter } = deps;
  const { report: planned, ready } = await planAgainstOrg(deps, 'apply');
  if (!ready) return { report: planned };
  const { plan, org, live, channels } = ready;
  const admission = await admitApply(deps, plan, live, planned);
  if ('stop' in admission) return admission.stop;
  const { pullRequest, report: admitted } = admission.go;

  const exposedSecrets: Record<string, ExposedSecret> = {};
  const result = await executePlan(plan, org, {
    concurrency: settings.concurrency ?? DEFAULT_CONCURRENCY,
    workspace: settings.workspace,
    selfId: live.self.clientId,
    ...deliveryTargets(deps, channels),
    onSecret: deps.onSecret,
    deliverSecret: (delivered) => {
      exposedSecrets[delivered.client] = { client_id: delivered.clientId, client_secret: delivered.secret };
    },
    log: (line) => reporter.info(line),
    readBackMs: (settings.readBackSeconds ?? DEFAULT_READ_BACK_SECONDS) * 1000,
    clock: deps.clock ?? runClock(),
  });
  const shortfalls = summariseApply(result);
  const report = { ...admitted, apply: result };
  if (!shortfalls.clean) {
    return {
      exposedSecrets,
      pullRequest,
      report: { ...report, failure: { reason: 'apply-failed', message: describeShortfalls(shortfalls) } },
    };
  }
  reporter.info(`Applied ${result.outcomes.length} change(s); the org matches the repository.`);
  return { exposedSecrets, pullRequest, report };
}
