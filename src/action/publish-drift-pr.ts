// `drift-pr`: the check's drift pull request, written before the drift issue so the issue can link it. A GitHub
// refusal (a missing `contents: write`) is reported in the issue and the summary; the check itself goes on.
import { GitHubError } from '../github/errors.js';
import type { GitHub } from '../github/client.js';
import { syncDriftPullRequest } from '../github/drift-pr.js';
import type { ModeOutcome } from '../modes/types.js';
import { renderDriftPullRequest, renderDriftPullRequestPlan } from '../report/drift-pr-body.js';
import type { EventInfo } from './event.js';

/** Opens, updates or closes the drift pull request; the result goes into the report the issue is rendered from. */
export async function publishDriftPullRequest(
  gh: GitHub,
  event: EventInfo,
  outcome: ModeOutcome,
  secrets: readonly string[],
): Promise<{ url?: string; warning?: string }> {
  const { report, adoption } = outcome;
  const { title, body } = renderDriftPullRequest(report, adoption?.skipped ?? [], secrets);
  try {
    const result = await syncDriftPullRequest(gh, {
      label: report.label,
      files: (adoption?.files ?? []).map((file) => ({ path: file.file, text: file.text })),
      base: { branch: event.payload.repository?.default_branch ?? 'main', sha: event.sha },
      title,
      body,
      planComment: adoption ? renderDriftPullRequestPlan(report, adoption.plan, secrets) : '',
    });
    if (result.action === 'none' || result.action === 'closed') return {};
    report.driftPullRequest = { number: result.number, url: result.url };
    return { url: result.url };
  } catch (error: unknown) {
    if (!(error instanceof GitHubError)) throw error;
    report.driftPullRequest = { failure: error.message };
    return { warning: `The drift pull request could not be written: ${error.message}` };
  }
}
