// For `check`: the auditor's part of a drift report, in Markdown. Who changed a drifted client ("changed by Jane Doe
// at 2026-11-29 09:14 UTC"), and the clients nobody uses, in their own section.
import type { CheckAudit } from '../core/audit.js';
import type { Report } from './report.js';
import type { Attribution, Modifier } from '../core/attribution.js';
import type { ReportBlock } from './budget.js';
import { code, inlineText, linkTarget, plainText, plural } from './markdown.js';

/** `2026-11-29T09:14:03.000Z` → `2026-11-29 09:14 UTC`; anything unreadable is shown as it came, in a code span. */
export function renderInstant(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return code(iso);
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function renderModifier(modifier: Modifier): string {
  switch (modifier.kind) {
    case 'user':
      return plainText(modifier.name);
    case 'client':
      return `the OAuth client ${code(modifier.name)}`;
    case 'unnamed':
      return modifier.permission
        ? `${code(modifier.id)} (a user id: the Action's client needs ${code(modifier.permission)} to show the name)`
        : code(modifier.id);
  }
}

/** `changed by Jane Doe at 2026-11-29 09:14 UTC`, or as much of it as Genesys recorded; '' when it recorded nothing. */
export function renderAttribution(attribution: Attribution | undefined): string {
  if (!attribution || (!attribution.modifiedBy && !attribution.dateModified)) return '';
  const by = attribution.modifiedBy ? ` by ${renderModifier(attribution.modifiedBy)}` : '';
  const at = attribution.dateModified ? ` at ${renderInstant(attribution.dateModified)}` : '';
  return `changed${by}${at}`;
}

/** The unused clients' section; empty when the listing is off or found none. */
export function renderStaleBlock(audit: CheckAudit | undefined): ReportBlock {
  const stale = audit?.stale;
  if (!stale) return {};
  if (stale.unavailable) {
    const fix = stale.unavailable.permission
      ? ` Add ${code(stale.unavailable.permission)} to one of the Action's client's roles to list them.`
      : ' The next check tries again.';
    return { head: `#### 💤 Unused clients\n\nGenesys' usage API could not be read, so clients nobody uses are not listed.${fix}` };
  }
  if (stale.clients.length === 0) return {};
  const since = stale.since.slice(0, 10);
  return {
    head:
      `#### 💤 ${plural(stale.clients.length, 'client')} unused for ${stale.afterDays} days or more\n\n` +
      'No API request in that time, yet each still holds a working secret. ' +
      'Not drift: delete or deactivate the ones nobody needs (`stale-after-days` sets the window).',
    items: stale.clients.map((client) => {
      const last = client.lastUsed ? `last used ${client.lastUsed}` : `no use since ${since}`;
      return `- ${code(client.name)} (id ${code(client.id)}${client.managed ? '' : ', unmanaged'}): ${last}`;
    }),
    omitted: (n) => `… and ${plural(n, 'more unused client')}.`,
    priority: 4,
  };
}

/** Under "Two ways out": the drift pull request that does the first, or what kept the check from writing it. */
export function renderDriftPullRequestBlock(report: Report): ReportBlock {
  const pull = report.driftPullRequest;
  if (!pull) return {};
  if ('failure' in pull) return { head: `> [!NOTE]\n> The drift pull request could not be written: ${inlineText(pull.failure)}` };
  const url = linkTarget(pull.url);
  return { head: `**Pull request [#${pull.number}](${url}) adopts the org's values**: review and merge it to keep them.` };
}
