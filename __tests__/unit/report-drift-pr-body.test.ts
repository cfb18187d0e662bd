import { describe, expect, it } from 'vitest';
import { summariseDrift } from '../../src/core/drift.js';
import type { PlanAction } from '../../src/core/types.js';
import { COMMENT_LIMIT } from '../../src/report/budget.js';
import { renderDriftPullRequest } from '../../src/report/drift-pr-body.js';
import { renderReport } from '../../src/report/render.js';
import type { Report } from '../../src/report/report.js';
import { aPlan, aReport, anUpdate, scalar } from '../helpers/report-builders.js';

const driftReport = (actions: PlanAction[]): Report => {
  const plan = aPlan({ actions });
  return aReport({ kind: 'check', plan, drift: summariseDrift(plan, false), run: { name: 'drift #7', url: 'https://x.example/7' } });
};

const INTRO = [
  "### Adopt the org's values for `prod`",
  'Someone changed OAuth clients in Genesys Cloud. **Merging this pull request makes the repository say what the org has ' +
    "now**: the changed definitions below take the org's values, and apply on the merge writes nothing to Genesys (this " +
    "pull request's plan comment shows that plan).",
  "**To revert the org instead**, close this pull request and run apply with `auto-approve: true` (the README's manual " +
    "*restore* workflow, or the CLI's `apply --auto-approve`): the org goes back to what the repository says. The scheduled " +
    'check keeps this pull request current while the drift lasts and closes it when the drift is gone.',
];

describe('renderDriftPullRequest', () => {
  const report = driftReport([anUpdate('batch-job', [scalar('description', 'Nightly token: s3cr3t-value', 'ui edit')])]);
  /** The check's report as the drift issue shows it, without its first line (the marker). */
  const drift = renderReport(report, { limit: COMMENT_LIMIT, secrets: ['s3cr3t-value'] })
    .split('\n')
    .slice(1)
    .join('\n');

  it("titles the pull request by label and explains merging and reverting before the check's report, without its marker", () => {
    const { title, body } = renderDriftPullRequest(report, [], ['s3cr3t-value']);
    expect(title).toBe("Adopt the org's OAuth client values: prod");
    expect(drift.startsWith('### Genesys OAuth clients:')).toBe(true);
    expect(body).toBe([...INTRO, '---', drift].join('\n\n'));
    expect(body).not.toContain('<!--');
    expect(body).not.toContain('s3cr3t-value');
  });

  it('names what could not be adopted, each value in a code span that nothing in it can close', () => {
    const { body } = renderDriftPullRequest(report, ['web-app', 'odd`name @team <b>'], ['s3cr3t-value']);
    expect(body).toBe(
      [...INTRO, 'Not adopted (change these by hand if you merge): `web-app`, `` odd`name @team <b> ``.', '---', drift].join('\n\n'),
    );
  });

  it('fits a very large drift within a pull request body', () => {
    const many = Array.from({ length: 400 }, (_, index) =>
      anUpdate(`client-${String(index).padStart(4, '0')}`, [scalar('name', 'x'.repeat(200), 'y'.repeat(200))]),
    );
    const { body } = renderDriftPullRequest(driftReport(many), ['web-app'], []);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 2_000);
    expect(body.startsWith(INTRO[0] ?? '')).toBe(true);
  });
});
