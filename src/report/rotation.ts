// Secrets in a report: the ones due for rotation (check, not drift), and what a rotation did (rotate), per client.
import type { DueSecret, Plan } from '../core/types.js';
import type { ReportBlock } from './budget.js';
import { renderApiError } from './client-details.js';
import { alert, code, inlineText, plural } from './markdown.js';
import type { Report } from './report.js';

/** The secrets due for rotation, as their own section: they are not drift and fail nothing. */
export function renderSecretsDue(plan: Plan | undefined): ReportBlock {
  const due = plan?.secretsDue ?? [];
  if (due.length === 0) return {};
  return {
    head:
      `#### 🔑 ${plural(due.length, 'secret')} due for rotation\n\n` +
      `Not drift: run the workflow with \`mode: rotate\` to reset ${due.length === 1 ? 'it' : 'them'} ` +
      `and deliver the new ${due.length === 1 ? 'secret' : 'secrets'}.`,
    items: due.map(renderDue),
    omitted: (n) => `… and ${plural(n, 'more secret')} due.`,
    priority: 3,
  };
}

function renderDue(due: DueSecret): string {
  return (
    `- ${code(due.client)}: written ${code(due.writtenAt)}, ` +
    `${plural(due.ageDays, 'day')} ago (rotation every ${plural(due.rotationDays, 'day')})`
  );
}

/** The headline of a rotation. */
export function renderRotationCounts(report: Report): string {
  const rotation = report.rotation;
  if (!rotation) return '';
  const reset = rotation.outcomes.filter((outcome) => outcome.kind === 'secret-reset').length;
  if (rotation.chosen.length === 0 && rotation.refused.length === 0) return '**No secret is due for rotation.** Nothing was changed.';
  return `**${plural(reset, 'secret')} rotated** of ${rotation.chosen.length} chosen. Nothing else in the org was changed.`;
}

/** One line per rotated, failed or refused client, naming the channels and never a secret. */
export function renderRotation(report: Report): ReportBlock {
  const rotation = report.rotation;
  if (!rotation || rotation.outcomes.length + rotation.refused.length === 0) return {};
  const why = new Map(
    rotation.chosen.map((chosen) => [chosen.client, 'named' in chosen ? 'named by `rotate`' : `${plural(chosen.ageDays, 'day')} old`]),
  );
  const items = rotation.outcomes.map((outcome) => {
    const reason = why.get(outcome.client) ?? '';
    if (outcome.kind === 'failed')
      return `- ❌ ${code(outcome.client)} (${reason}): not reset: ${renderApiError(outcome.error)} Its old secret still works.`;
    if (outcome.kind !== 'secret-reset') return `- ${code(outcome.client)}`;
    const delivered =
      outcome.secretDeliveredTo.length > 0 ? `delivered to ${outcome.secretDeliveredTo.map(code).join(', ')}` : 'delivered nowhere';
    const failed = (outcome.deliveryFailures ?? []).map(
      (failure) => `⚠️ not delivered to ${code(failure.channel)}: ${renderApiError(failure.error)}`,
    );
    const mark = failed.length > 0 ? '⚠️' : '✅';
    return [`- ${mark} ${code(outcome.client)} (${reason}): reset, ${delivered}.`, ...failed.map((line) => `  - ${line}`)].join('\n');
  });
  for (const refused of rotation.refused) items.push(`- ⛔ ${code(refused.client)}: not rotated: ${inlineText(refused.reason)}`);
  const failedAny = rotation.outcomes.some(
    (o) => o.kind === 'failed' || (o.kind === 'secret-reset' && (o.deliveryFailures?.length ?? 0) > 0),
  );
  const head = failedAny
    ? alert('CAUTION', [
        '**A rotation did not finish.** A reset secret that did not reach a channel leaves ' +
          'its consumers on the old, dead secret: fix the cause (see below) and run `rotate` ' +
          'again for those clients (`rotate:` input), which resets and delivers once more.',
      ])
    : '#### Rotated secrets';
  return { head, items, omitted: (n) => `… and ${plural(n, 'more client')}.`, priority: 1 };
}
