// The drift pull request's texts: its body (what merging means, how to revert the org instead, then the drift report)
// and its plan comment (the plan once merged: empty when every drifted value was adopted).
import type { Plan } from '../core/types.js';
import { COMMENT_LIMIT } from './budget.js';
import { code, inlineText } from './markdown.js';
import { renderReport } from './render.js';
import type { Report } from './report.js';

const MARKER_LINE = /^<!-- genesys-oauth-sync [^\n]*-->\n/;

/** The pull request's title and body, for the check's report and what could not be adopted. */
export function renderDriftPullRequest(
  report: Report,
  skipped: readonly string[],
  secrets: readonly string[],
): { title: string; body: string } {
  const intro = [
    `### Adopt the org's values for ${code(report.label)}`,
    'Someone changed OAuth clients in Genesys Cloud. **Merging this pull request makes the ' +
      "repository say what the org has now**: the changed definitions below take the org's values, and " +
      "apply on the merge writes nothing to Genesys (this pull request's plan comment shows that plan).",
    "**To revert the org instead**, close this pull request and run apply with `auto-approve: true` (the README's " +
      "manual *restore* workflow, or the CLI's `apply --auto-approve`): the org goes back to what the repository says. " +
      'The scheduled check keeps this pull request current while the drift lasts and closes it when the drift is gone.',
    ...(skipped.length > 0
      ? [`Not adopted (change these by hand if you merge): ${skipped.map((item) => inlineText(code(item))).join(', ')}.`]
      : []),
    '---',
  ].join('\n\n');
  const drift = renderReport(report, { limit: COMMENT_LIMIT - intro.length - 4, secrets }).replace(MARKER_LINE, '');
  return { title: `Adopt the org's OAuth client values: ${report.label}`, body: `${intro}\n\n${drift}` };
}

/** The plan comment posted on the drift pull request, as a plan run on it would post it. */
export function renderDriftPullRequestPlan(report: Report, plan: Plan, secrets: readonly string[]): string {
  const planReport: Report = { label: report.label, kind: 'plan', plan, problems: [], warnings: [], run: report.run, org: report.org };
  return renderReport(planReport, { limit: COMMENT_LIMIT, secrets });
}
