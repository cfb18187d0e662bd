// Where a finished run's report goes on GitHub: the sticky PR comment, the drift issue. Errors carry the hint.
import { judgeDrift } from '../core/drift.js';
import { quote } from '../core/escape.js';
import { hasChanges } from '../core/plan.js';
import { createGitHub, type GitHub } from '../github/client.js';
import { syncDriftIssue } from '../github/drift-issue.js';
import { publishDriftPullRequest } from './publish-drift-pr.js';
import { findMergedPullRequest } from '../github/pulls.js';
import { findStickyComment, upsertStickyComment } from '../github/sticky-comment.js';
import { renderReport, type RenderOptions } from '../report/render.js';
import { signReview } from '../core/review-signature.js';
import type { Report } from '../report/report.js';
import { COMMENT_LIMIT } from '../report/budget.js';
import type { RunMode } from '../core/types.js';
import type { LatestCheck, ModeOutcome, PullRequestRef, ReviewLookup } from '../modes/types.js';
import type { EventInfo } from './event.js';
import type { CommentMode } from '../modes/options.js';
import { runClock } from '../modes/clock.js';

export interface Published {
  commentUrl?: string;
  issueUrl?: string;
  /** Why nothing was published, for the log. */
  note?: string;
  pullRequestUrl?: string;
  /** Said as warnings: what could not be published while the run went on. */
  warnings?: string[];
}

export interface PublishSettings {
  comment: CommentMode;
  driftIssue: boolean;
  driftPr?: boolean;
  secrets: readonly string[];
  /** `review-key`: signs every plan marker written to a pull request (SPEC §4). */
  reviewKey?: string;
}

/** A GitHub connection for this repository, or undefined without a token. */
export function connectGitHub(token: string | undefined, apiUrl: string, event: EventInfo): GitHub | undefined {
  if (!token || !event.repository.owner) return undefined;
  return createGitHub({ token, apiUrl, owner: event.repository.owner, repo: event.repository.repo, sleep: runClock().sleep });
}

/** Whether the commit this run applies is still the default branch's tip: one call, and no guess when unsure. */
export async function checkLatest(gh: GitHub, event: EventInfo): Promise<LatestCheck> {
  const branch = event.payload.repository?.default_branch;
  if (!branch) throw new Error('The event does not name the default branch, so this commit cannot be confirmed as its tip.');
  const tip = await gh.findBranchTip(branch);
  if (tip === event.sha) return { latest: true };
  return {
    latest: false,
    message:
      `This run applies commit ${quote(event.sha.slice(0, 12))}, but ${quote(branch)} is now at ` +
      `${quote(tip.slice(0, 12))}: applying an older commit (a re-run) would undo what came after ` +
      'it, so nothing was applied. The apply run of the newest commit brings the org up to date.',
  };
}

/** Before apply's first write: the comment says `applying`, with the clients about to be created. */
export async function markApplying(gh: GitHub, pullRequest: PullRequestRef, report: Report, settings: PublishSettings): Promise<void> {
  const body = renderReport(report, { limit: COMMENT_LIMIT, secrets: settings.secrets, signMarker: signerFor(settings, pullRequest) });
  await upsertStickyComment(gh, { issueNumber: pullRequest.number, label: report.label, body, createIfMissing: true });
}

function signerFor(settings: PublishSettings, pullRequest: { number: number; headSha?: string }): RenderOptions['signMarker'] {
  const { reviewKey } = settings;
  const { headSha } = pullRequest;
  if (reviewKey === undefined || headSha === undefined) return undefined;
  return (fields) => signReview(reviewKey, fields, { pullRequest: pullRequest.number, headSha });
}

/** How apply finds what was reviewed: the merged pull request of this push, and its plan comment for this label. */
export async function findReview(gh: GitHub, event: EventInfo, label: string): Promise<ReviewLookup> {
  const pullRequest = await findMergedPullRequest(gh, event.sha);
  if (!pullRequest) return { kind: 'no-pull-request' };
  const comment = await findStickyComment(gh, { issueNumber: pullRequest.number, label });
  return comment ? { kind: 'reviewed', pullRequest, marker: comment.marker } : { kind: 'no-comment', pullRequest };
}

function wantsComment(mode: Exclude<CommentMode, 'never'>, outcome: ModeOutcome): boolean {
  if (mode === 'always') return true;
  const { failure, plan, problems } = outcome.report;
  return failure !== undefined || (plan !== undefined && hasChanges(plan)) || problems.length > 0;
}

/** Posts or updates the PR comment (plan, apply) or syncs the drift issue (check). */
export async function publishToGitHub(
  gh: GitHub,
  mode: RunMode,
  event: EventInfo,
  outcome: ModeOutcome,
  settings: PublishSettings,
): Promise<Published> {
  const render = (pullRequest?: { number: number; headSha?: string }) =>
    renderReport(outcome.report, {
      limit: COMMENT_LIMIT,
      secrets: settings.secrets,
      signMarker: pullRequest && signerFor(settings, pullRequest),
    });
  if (mode === 'plan' || mode === 'validate') {
    const pullRequest = event.payload.pull_request;
    if (pullRequest === undefined || settings.comment === 'never') return {};
    const issueNumber = pullRequest.number;
    // A re-run carries its old payload: only the API says whether the pull request is still open at this commit.
    const pull = await gh.getPullRequest(issueNumber);
    const eventHead = pullRequest.head?.sha;
    if (pull.state !== 'open') {
      return {
        note: `Pull request #${issueNumber} is ${pull.mergedAt ? 'merged' : 'closed'}: its comment keeps the plan that was reviewed.`,
      };
    }
    if (eventHead !== undefined && pull.headSha !== undefined && pull.headSha !== eventHead) {
      return {
        note:
          `Pull request #${issueNumber} has moved on to ${quote(pull.headSha.slice(0, 12))}: ` +
          "its comment is for the newest commit's plan, not this run's.",
      };
    }
    const comment = await upsertStickyComment(gh, {
      issueNumber,
      label: outcome.report.label,
      body: render({ number: issueNumber, headSha: pull.headSha }),
      createIfMissing: wantsComment(settings.comment, outcome),
    });
    return { commentUrl: comment?.url };
  }
  if (mode === 'apply') {
    if (!outcome.pullRequest || settings.comment === 'never') return {};
    const comment = await upsertStickyComment(gh, {
      issueNumber: outcome.pullRequest.number,
      label: outcome.report.label,
      body: render(outcome.pullRequest),
      createIfMissing: true,
    });
    return { commentUrl: comment?.url };
  }
  const { report } = outcome;
  const drift = judgeDrift(report);
  // The pull request first, so the issue links it; a plan that failed on the org's state leaves it as it was.
  const pull =
    mode === 'check' && settings.driftPr && report.drift !== undefined
      ? await publishDriftPullRequest(gh, event, outcome, settings.secrets)
      : {};
  const pulled = { pullRequestUrl: pull.url, warnings: pull.warning ? [pull.warning] : undefined };
  if (mode === 'check' && settings.driftIssue && drift !== undefined) {
    const issue = await syncDriftIssue(gh, {
      label: report.label,
      drift,
      title: `Drift in Genesys Cloud OAuth clients: ${report.label}`,
      body: render(),
      changeNote: !drift
        ? undefined
        : report.drift
          ? `Now: ${report.drift.changed.length} changed, ${report.drift.missing.length} ` +
            `missing, ${report.drift.unmanaged.length} unmanaged.`
          : `Now: the plan fails (${report.plan?.problems.length ?? 0} problem(s)).`,
    });
    return { ...pulled, issueUrl: issue.url };
  }
  return pulled;
}
