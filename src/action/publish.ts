// Where a finished run's report goes on GitHub: the sticky PR comment, the drift issue. Errors carry the hint.
import { judgeDrift } from '../core/drift.js';
import { hasChanges } from '../core/plan.js';
import { createGitHub, type GitHub } from '../github/client.js';
import { syncDriftIssue } from '../github/drift-issue.js';
import { findMergedPullRequest } from '../github/pulls.js';
import { findStickyComment, upsertStickyComment } from '../github/sticky-comment.js';
import { renderReport } from '../report/render.js';
import { COMMENT_LIMIT } from '../report/budget.js';
import type { RunMode } from '../core/types.js';
import type { ModeOutcome, ReviewLookup } from '../modes/context.js';
import type { EventInfo } from './event.js';
import type { CommentMode } from '../modes/options.js';

export interface Published {
  commentUrl?: string;
  issueUrl?: string;
}

export interface PublishSettings {
  comment: CommentMode;
  driftIssue: boolean;
  secrets: readonly string[];
}

/** A GitHub connection for this repository, or undefined without a token. */
export function connectGitHub(token: string | undefined, apiUrl: string, event: EventInfo): GitHub | undefined {
  if (!token || !event.repository.owner) return undefined;
  return createGitHub({ token, apiUrl, owner: event.repository.owner, repo: event.repository.repo });
}

/** How apply finds what was reviewed: the merged pull request of this push, and its plan comment for this label. */
export async function findReview(gh: GitHub, event: EventInfo, label: string): Promise<ReviewLookup> {
  const pullRequest = await findMergedPullRequest(gh, event.sha);
  if (!pullRequest) return { kind: 'no-pull-request' };
  const comment = await findStickyComment(gh, { issueNumber: pullRequest.number, label });
  return comment ? { kind: 'reviewed', pullRequest, marker: comment.marker } : { kind: 'no-comment', pullRequest };
}

function wantsComment(mode: CommentMode, outcome: ModeOutcome): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
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
  const render = () => renderReport(outcome.report, { limit: COMMENT_LIMIT, secrets: settings.secrets });
  if (mode === 'plan' || mode === 'validate') {
    const issueNumber = event.payload.pull_request?.number;
    if (issueNumber === undefined || settings.comment === 'never') return {};
    const comment = await upsertStickyComment(gh, {
      issueNumber,
      label: outcome.report.label,
      body: render(),
      createIfMissing: wantsComment(settings.comment, outcome),
    });
    return { commentUrl: comment?.url };
  }
  if (mode === 'apply') {
    if (!outcome.pullRequest || settings.comment === 'never') return {};
    const comment = await upsertStickyComment(gh, {
      issueNumber: outcome.pullRequest.number,
      label: outcome.report.label,
      body: render(),
      createIfMissing: true,
    });
    return { commentUrl: comment?.url };
  }
  const { report } = outcome;
  const drift = judgeDrift(report);
  if (mode === 'check' && settings.driftIssue && drift !== undefined) {
    const issue = await syncDriftIssue(gh, {
      label: report.label,
      drift,
      title: `Drift in Genesys Cloud OAuth clients: ${report.label}`,
      body: render(),
      changeNote: !drift
        ? undefined
        : report.drift
          ? `Now: ${report.drift.changed.length} changed, ${report.drift.missing.length} missing, ${report.drift.unmanaged.length} unmanaged.`
          : `Now: the plan fails (${report.plan?.problems.length ?? 0} problem(s)).`,
    });
    return { issueUrl: issue.action === 'none' ? undefined : issue.url };
  }
  return {};
}
