// A report as GitHub-flavoured Markdown: marker, headline with counts, risky changes first, problems, per-client
// details, unmanaged clients, status line. The same text serves the PR comment, the job summary and the drift issue.
import { summariseApply } from '../core/apply-result.js';
import { countPlan, unmanagedLeftAlone } from '../core/plan.js';
import { actionKey, digestPlan } from '../core/review.js';
import type { ApplyResult, ClientOutcome, Plan, Problem } from '../core/types.js';
import { COMMENT_LIMIT, fitBlocks } from './budget.js';
import type { BudgetUnit, ReportBlock } from './budget.js';
import { renderDriftPullRequestBlock, renderStaleBlock } from './audit-details.js';
import { isDeactivation, orderForReview, renderApiError, renderClientDetails } from './client-details.js';
import { DRIFT_WAYS_OUT, renderDriftItems } from './drift-details.js';
import { alert, code, inlineText, plural } from './markdown.js';
import { renderLeftAlone } from './left-alone.js';
import { renderMarker, type MarkerData } from './marker.js';
import { redactSecrets, redactValue } from './redact.js';
import type { Report } from './report.js';
import { renderRotation, renderRotationCounts, renderSecretsDue } from './rotation.js';
import { describeStatus, haltingFailure, isDrift, REFUSED } from './status.js';

export interface RenderOptions {
  /** `COMMENT_LIMIT` for comments and issues, `SUMMARY_LIMIT` for the job summary. */
  limit: number;
  /** Every secret known to the run; redacted from the output whatever else happened. */
  secrets: readonly string[];
  /** Comments count characters, the job summary bytes; by default bytes above `COMMENT_LIMIT`. */
  unit?: BudgetUnit;
  /** With `review-key`: signs the marker's fields (a comment's, never the job summary's). */
  signMarker?: (fields: MarkerData) => string;
}

const TITLES: Record<Report['kind'], string> = {
  validate: 'validation for',
  plan: 'plan for',
  apply: 'apply to',
  check: 'drift check for',
  rotate: 'secret rotation for',
};

/** Renders the report within `limit`, with every secret redacted. */
export function renderReport(unredacted: Report, options: RenderOptions): string {
  // Redacted while still data: escaping for Markdown can change how a secret is spelled, so it goes first.
  const report = redactValue(unredacted, options.secrets);
  const unit = options.unit ?? (options.limit > COMMENT_LIMIT ? 'bytes' : 'characters');
  const status = describeStatus(report);
  const plan = report.plan;
  const marker = renderMarker(
    {
      tool: 'genesys-oauth-sync',
      version: 1,
      kind: report.kind === 'check' ? 'drift' : 'plan',
      label: report.label,
      hash: report.reviewed ? report.reviewed.hash : plan?.hash,
      clients: report.reviewed ? report.reviewed.clients : plan ? digestPlan(plan) : undefined,
      // A refusal leaves the reviewed plan's standing as it was (a partly failed apply stays resumable).
      status: report.reviewed?.status ?? status.status,
      creates: report.reviewed ? report.reviewed.creates : report.apply ? undefined : report.applying?.creates,
    },
    options.signMarker,
  );
  const org = report.org ? ` · org ${code(report.org)}` : '';
  const headline = `${marker}\n### Genesys OAuth clients: ${TITLES[report.kind]} ${code(report.label)}${org}`;
  const blocks: ReportBlock[] = [
    { head: [headline, renderCounts(report)].filter(Boolean).join('\n\n') },
    ...renderFailure(report),
    ...renderRefusal(report),
    ...renderInterrupted(report),
    ...(plan ? renderDestructive(plan, report) : []),
    renderApplyFailures(report.apply),
    renderProblems(unique([...report.problems, ...(plan?.problems ?? [])]), report.problems.length > 0),
    renderWarnings(unique([...report.warnings, ...(plan?.warnings ?? [])])),
    renderRotation(report),
    ...(plan ? renderClients(plan, report) : []),
    ...(report.kind === 'check' ? [renderSecretsDue(plan)] : []),
    ...(plan ? [renderUnmanaged(plan), ...renderLeftAlone(plan)] : []),
    renderStaleBlock(report.audit),
    { head: `---\n${status.line}` },
  ];
  // Redacted before fitting, so a cut can never leave the start of a secret behind; and once more after, for safety.
  const clean = (text: string) => redactSecrets(text, options.secrets);
  const redacted = blocks.map((block) => ({ ...block, head: block.head && clean(block.head), items: block.items?.map(clean) }));
  return clean(fitBlocks(redacted, { limit: options.limit, unit }));
}

/** `, 2 secrets to reset` for a plan's headline, here and at the terminal; '' when none is. */
export function secretsToReset(resets: number): string {
  return resets > 0 ? `, ${plural(resets, 'secret')} to reset` : '';
}

/** The note under a cut list of `> - ` lines. */
const andMore = (n: number): string => `> - … and ${n} more`;

function renderCounts(report: Report): string {
  const plan = report.plan;
  if (report.kind === 'rotate') return renderRotationCounts(report);
  if (!plan) {
    if (haltingFailure(report)) return '';
    const problems = report.problems.length;
    return problems > 0
      ? `**${plural(problems, 'problem')} in the definitions.** Nothing was sent to Genesys.`
      : '**The definitions are valid.** Nothing was sent to Genesys: this run only checks the definitions.';
  }
  const counts = countPlan(plan);
  const extras = [counts.noop > 0 ? `${counts.noop} unchanged` : '', counts.unmanaged > 0 ? `${counts.unmanaged} unmanaged` : ''].filter(
    Boolean,
  );
  const tail = extras.length > 0 ? ` · ${extras.join(' · ')}` : '';
  if (report.kind === 'apply' && report.apply) return `**${renderApplied(report.apply)}**${tail}`;
  const due = plan.secretsDue?.length ?? 0;
  if (report.kind === 'check') {
    const dueTail = due > 0 ? ` · ${plural(due, 'secret')} due for rotation` : '';
    if (!isDrift(report)) return `**No drift.** The org matches the repository.${tail}${dueTail}`;
    const parts = [
      `${counts.update} changed`,
      `${counts.create} missing`,
      ...(counts.delete > 0 ? [`${counts.delete} to delete (prune)`] : []),
    ];
    return `**The org differs from the repository:** ${parts.join(', ')}${tail}${dueTail}`;
  }
  const resets = counts['reset-secret'];
  if (counts.create + counts.update + counts.delete + resets === 0) return `**No changes.** The org matches the repository.${tail}`;
  return `**${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete${secretsToReset(resets)}**${tail}`;
}

function renderApplied(apply: ApplyResult): string {
  const count = (kind: ClientOutcome['kind']) => apply.outcomes.filter((outcome) => outcome.kind === kind).length;
  const failed = count('failed');
  const resets = count('secret-reset');
  return (
    `${count('created')} created, ${count('updated')} updated, ${count('deleted')} ` +
    `deleted${resets > 0 ? `, ${plural(resets, 'secret')} reset` : ''}${failed > 0 ? `, ${failed} failed` : ''}`
  );
}

function renderFailure(report: Report): ReportBlock[] {
  const failure = haltingFailure(report);
  if (!failure) return [];
  return [{ head: alert('CAUTION', [`**${code(failure.reason)}**: ${inlineText(failure.message)}`]) }];
}

function renderRefusal(report: Report): ReportBlock[] {
  const refusal = report.refusal;
  if (!refusal) return [];
  return [
    {
      head: alert('CAUTION', [`**Not applied: ${REFUSED[refusal.reason]}.** Nothing was written to the org.`, inlineText(refusal.hint)]),
      items: refusal.differences.map((line) => `> - ${inlineText(line)}`),
      separator: '\n',
      joiner: '\n>\n',
      omitted: (n) => `> … and ${plural(n, 'more difference')}.`,
      priority: 1,
    },
  ];
}

function renderInterrupted(report: Report): ReportBlock[] {
  const clients = report.interrupted?.clients ?? [];
  if (clients.length === 0) return [];
  return [
    {
      head: alert('WARNING', [
        `**An earlier apply was interrupted** after creating ${plural(clients.length, 'client')}; ` +
          'Genesys showed each secret once, to that run, which never delivered it.',
        'Reset the secret of each (Genesys: the client → Reset secret; a reset ends ' +
          'the old secret at once) and hand the new one to whoever uses the client.',
      ]),
      items: clients.map((client) => `> - ${code(client)} was created by an interrupted run; its secret was not delivered.`),
      separator: '\n',
      joiner: '\n',
      omitted: andMore,
      priority: 1,
    },
  ];
}

function renderDestructive(plan: Plan, report: Report): ReportBlock[] {
  const risky = orderForReview(plan.actions).filter((action) => action.kind === 'delete' || isDeactivation(action));
  // After apply each client's own section says how it went; a drift report has its own framing.
  if (risky.length === 0 || report.kind === 'check' || report.apply) return [];
  return [
    {
      head: alert('WARNING', [
        `**${plural(risky.length, 'destructive change')}**: clients using ${risky.length === 1 ? 'it' : 'them'} stop getting tokens.`,
      ]),
      items: risky.map((action) => {
        const what = action.kind === 'delete' ? 'will be **deleted**' : 'will be **deactivated** (`state` → `inactive`)';
        return `> - ${code(action.client)} ${what}${action.kind === 'delete' ? ` (id ${code(action.id)})` : ''}`;
      }),
      separator: '\n',
      joiner: '\n',
      omitted: andMore,
      priority: 1,
    },
  ];
}

function renderApplyFailures(apply: ApplyResult | undefined): ReportBlock {
  const { failed, undelivered, unconverged, duplicates } = summariseApply(apply);
  const lines = failed.map((outcome) => `> - ${code(outcome.client)} (${outcome.action}): ${renderApiError(outcome.error)}`);
  for (const outcome of undelivered) {
    const channels = (outcome.deliveryFailures ?? []).map((failure) => failure.channel).join(', ');
    lines.push(
      outcome.kind === 'created'
        ? `> - ${code(outcome.client)} was created, but its secret did not reach: ` +
            `${channels}. Genesys shows a secret only once: reset it in Genesys to get a new one.`
        : `> - The secret of ${code(outcome.client)} was reset, but did not reach: ${channels}. Fix ` +
            'the cause and re-run: a lasting channel that holds no secret is reset and delivered again.',
    );
  }
  if (unconverged.length > 0)
    lines.push(`> - Read back after applying, these still differ from their definitions: ${unconverged.map(code).join(', ')}`);
  for (const { client, id, others } of duplicates) {
    lines.push(
      `> - ${code(client)} exists twice: this run created ${code(id)}, and ${others.map(code).join(', ')} ` +
        'appeared beside it (another apply running at the same time). Each holds a different secret: keep the one ' +
        'whose secret was delivered, delete the other, and run every apply of an org in one `concurrency` group.',
    );
  }
  if (lines.length === 0) return {};
  const head =
    failed.length > 0
      ? `**${plural(failed.length, 'client')} failed**; the others were applied. Fix the cause, then re-run the apply workflow.`
      : '**Apply did not finish cleanly.**';
  return {
    head: alert('CAUTION', [head]),
    items: lines,
    separator: '\n',
    joiner: '\n',
    omitted: andMore,
    priority: 1,
  };
}

function renderProblems(problems: readonly Problem[], inDefinitions: boolean): ReportBlock {
  if (problems.length === 0) return {};
  const note = inDefinitions ? '' : '\n\nPlanning found errors: the plan cannot be applied until they are fixed.';
  return {
    head: `#### ❌ ${plural(problems.length, 'problem')}${note}`,
    items: problems.map(renderProblem),
    omitted: (n) => `… and ${plural(n, 'more problem')} not shown: see the job summary or the error annotations.`,
    priority: 0,
  };
}

function renderWarnings(warnings: readonly Problem[]): ReportBlock {
  if (warnings.length === 0) return {};
  return {
    head: `#### ⚠️ ${plural(warnings.length, 'warning')}`,
    items: warnings.map(renderProblem),
    omitted: (n) => `… and ${plural(n, 'more warning')} not shown: see the job summary.`,
    priority: 2,
  };
}

// A mode may pass the plan's warnings on in the report too; each is shown once.
function unique(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify([problem.file, problem.line, problem.column, problem.client, problem.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function renderProblem(problem: Problem): string {
  const where = problem.file ? code([problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(':')) : '';
  const client = problem.client ? code(problem.client) : '';
  const prefix = [where, client].filter(Boolean).join(' · ');
  return `- ${prefix ? `${prefix}: ` : ''}${inlineText(problem.message)}`;
}

/** Matches `actionKey`: two live clients may share a name, so only a create is known by its name alone. */
function outcomeKey(outcome: ClientOutcome): string {
  if (outcome.kind === 'secret-reset' || (outcome.kind === 'failed' && outcome.action === 'reset-secret'))
    return JSON.stringify([outcome.client, outcome.id, 'reset-secret']);
  const created = outcome.kind === 'created' || (outcome.kind === 'failed' && outcome.action === 'create');
  return JSON.stringify(created || outcome.id === undefined ? [outcome.client] : [outcome.client, outcome.id]);
}

function renderClients(plan: Plan, report: Report): ReportBlock[] {
  const omitted = (n: number) => `… and ${plural(n, 'more client')} not shown: see the job summary or the \`plan-json\` file.`;
  if (report.kind === 'check') {
    if (!isDrift(report)) return [];
    const items = renderDriftItems(plan.actions, report.audit?.attributions);
    return [{ head: '#### What differs', items, omitted, priority: 3 }, { head: DRIFT_WAYS_OUT }, renderDriftPullRequestBlock(report)];
  }
  const actions = orderForReview(plan.actions);
  if (actions.length === 0) return [];
  const outcomes = new Map((report.apply?.outcomes ?? []).map((outcome) => [outcomeKey(outcome), outcome]));
  return [
    {
      head: report.apply ? '#### Clients' : '#### Changes',
      items: actions.map((action) => renderClientDetails(action, outcomes.get(actionKey(action)))),
      separator: '\n\n',
      omitted,
      priority: 3,
    },
  ];
}

function renderUnmanaged(plan: Plan): ReportBlock {
  if (plan.unmanaged.length === 0) return {};
  const policy =
    unmanagedLeftAlone(plan).length === 0
      ? '`prune` is on, so they are deleted (see above).'
      : 'They are left alone: set `prune: true` to delete them, or list them under `ignore` to stop reporting them.';
  return {
    head: `#### ${plural(plan.unmanaged.length, 'unmanaged client')}\n\nIn the org, not in the repository. ${policy}`,
    items: plan.unmanaged.map((client) => code(client.name)),
    separator: ', ',
    omitted: (n) => `… and ${n} more.`,
    priority: 4,
  };
}
