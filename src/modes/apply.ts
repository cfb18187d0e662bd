// apply: recompute the plan, check it is the reviewed one, execute it, read back (SPEC §4, §7).
import { summariseApply } from '../core/apply-result.js';
import { hasChanges } from '../core/plan.js';
import { describePlanDifferences, isReviewedSubset } from '../core/review.js';
import { executePlan } from '../apply/execute-plan.js';
import type { Failure, Plan } from '../core/types.js';
import type { Refusal } from '../report/report.js';
import type { ExposedSecret, ModeDeps, ModeOutcome, ReviewLookup } from './context.js';
import { planAgainstOrg } from './pipeline.js';

const DEFAULT_CONCURRENCY = 4;

type Gate =
  | { allowed: true; pullRequest?: { number: number; url: string } }
  | { allowed: false; outcome: { pullRequest?: ModeOutcome['pullRequest']; failure: Failure; refusal: Refusal } };

/** Decides whether this plan may be applied: empty, auto-approved, or equal to the reviewed plan. */
export function gateApply(plan: Plan, review: ReviewLookup | undefined, autoApprove: boolean): Gate {
  const pullRequest = review && 'pullRequest' in review ? review.pullRequest : undefined;
  if (!hasChanges(plan) || autoApprove) return { allowed: true, pullRequest };
  if (review?.kind === 'unavailable') {
    const hint = `Could not find the reviewed plan, so nothing was applied: ${review.message}`;
    return {
      allowed: false,
      outcome: { failure: { reason: 'not-reviewed', message: hint }, refusal: { reason: 'not-reviewed', differences: [], hint } },
    };
  }
  if (!review || review.kind === 'no-pull-request') {
    const hint =
      'This push has no merged pull request whose plan was reviewed. Merge changes through a pull request, or set `auto-approve: true` to apply unreviewed plans.';
    return {
      allowed: false,
      outcome: { failure: { reason: 'not-reviewed', message: hint }, refusal: { reason: 'not-reviewed', differences: [], hint } },
    };
  }
  if (review.kind === 'no-comment' || review.marker.hash === undefined) {
    const hint = `Pull request #${review.pullRequest.number} has no reviewed plan for this label (no plan comment, or its last plan did not complete), so nobody reviewed this plan. Re-run the plan on a pull request (with \`comment\` not \`never\`), or set \`auto-approve: true\`.`;
    return {
      allowed: false,
      outcome: {
        pullRequest,
        failure: { reason: 'not-reviewed', message: hint },
        refusal: { reason: 'not-reviewed', differences: [], hint },
      },
    };
  }
  // After a partly failed apply, what is left to do is a part of the reviewed plan: a re-run may finish it.
  const resumable = review.marker.status === 'apply-failed' && isReviewedSubset(review.marker.clients, plan);
  if (review.marker.hash !== plan.hash && !resumable) {
    const hint =
      'The plan changed between review and merge, so nothing was applied. Re-run the plan on a new pull request and review it, or re-run this job with `auto-approve: true` if the new plan is what you want.';
    return {
      allowed: false,
      outcome: {
        pullRequest,
        failure: { reason: 'plan-changed', message: hint },
        refusal: { reason: 'plan-changed', differences: describePlanDifferences(review.marker.clients, plan), hint },
      },
    };
  }
  return { allowed: true, pullRequest };
}

/**
 * The merged pull request and its reviewed plan. With auto-approve it gates nothing, but its pull request still gets
 * the report (else a refused comment would outlive the apply), so a failed lookup only costs the comment.
 */
async function findReviewFor(deps: ModeDeps, label: string, autoApprove: boolean): Promise<ReviewLookup | undefined> {
  try {
    return await deps.findReview?.(label);
  } catch (error: unknown) {
    if (!autoApprove) return { kind: 'unavailable', message: error instanceof Error ? error.message : String(error) };
    deps.reporter.info('Could not look up the merged pull request; applying without updating its comment (auto-approve).');
    return undefined;
  }
}

/** The `apply` mode. */
export async function runApply(deps: ModeDeps): Promise<ModeOutcome> {
  const { settings, reporter } = deps;
  const { report: planned, ready } = await planAgainstOrg(deps, 'apply');
  if (!ready) return { report: planned };
  const { plan, org, live } = ready;

  const review = hasChanges(plan) ? await findReviewFor(deps, plan.label, settings.autoApprove) : undefined;
  const gate = gateApply(plan, review, settings.autoApprove);
  if (!gate.allowed) {
    reporter.info(gate.outcome.failure.message);
    // The comment keeps what was reviewed (or no hash at all), never the refused plan's.
    const reviewed =
      review?.kind === 'reviewed' ? { hash: review.marker.hash, clients: review.marker.clients, status: review.marker.status } : {};
    const { pullRequest, failure, refusal } = gate.outcome;
    return { pullRequest, report: { ...planned, failure, refusal, reviewed } };
  }
  if (!hasChanges(plan)) {
    reporter.info('Nothing to apply: the org already matches the repository.');
    return { pullRequest: gate.pullRequest, report: { ...planned, apply: { outcomes: [], unconverged: [] } } };
  }

  const exposedSecrets: Record<string, ExposedSecret> = {};
  const result = await executePlan(plan, org, {
    concurrency: settings.concurrency ?? DEFAULT_CONCURRENCY,
    workspace: settings.workspace,
    selfId: live.self.clientId,
    onSecret: deps.onSecret,
    deliverSecret: (delivered) => {
      exposedSecrets[delivered.client] = { client_id: delivered.clientId, client_secret: delivered.secret };
    },
    log: (line) => reporter.info(line),
  });
  const { failed, undelivered, unconverged, clean } = summariseApply(result);
  const report = { ...planned, apply: result };
  const base = { exposedSecrets, pullRequest: gate.pullRequest };
  if (!clean) {
    const parts = [
      undelivered.length > 0
        ? `the secret of ${undelivered.map((o) => `\`${o.client}\``).join(', ')} did not reach every channel asked for (the client exists: reset its secret in Genesys)`
        : '',
      failed.length > 0 ? `${failed.length} client(s) failed (${failed.map((f) => `\`${f.client}\``).join(', ')})` : '',
      unconverged.length > 0
        ? `${unconverged.length} client(s) did not read back as declared (${unconverged.map((c) => `\`${c}\``).join(', ')})`
        : '',
    ].filter(Boolean);
    const message = `${parts.join('; ')}. What succeeded stays applied; fix the cause and re-run to converge.`;
    return { ...base, report: { ...report, failure: { reason: 'apply-failed', message } } };
  }
  reporter.info(`Applied ${result.outcomes.length} change(s); the org matches the repository.`);
  return { ...base, report };
}
