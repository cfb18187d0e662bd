// For `check` at a terminal: who changed a drifted client, and the clients nobody uses, in the CLI's own words.
import type { CheckAudit } from '../core/audit.js';
import { escapeTerminal } from '../core/escape.js';
import type { Attribution } from '../core/attribution.js';
import type { Palette } from './terminal.js';

function instant(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? escapeTerminal(iso) : `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `changed by Jane Doe at 2026-11-29 09:14 UTC`; '' when Genesys recorded neither. */
export function attributionText(attribution: Attribution | undefined): string {
  if (!attribution || (!attribution.modifiedBy && !attribution.dateModified)) return '';
  const modifier = attribution.modifiedBy;
  let by = '';
  if (modifier?.kind === 'user') by = ` by ${escapeTerminal(modifier.name)}`;
  else if (modifier?.kind === 'client') by = ` by the OAuth client ${escapeTerminal(modifier.name)}`;
  else if (modifier?.kind === 'unnamed')
    by =
      ` by ${escapeTerminal(modifier.id)}` +
      `${modifier.permission ? ` (grant ${modifier.permission} to the Action's client to see the name)` : ''}`;
  return `changed${by}${attribution.dateModified ? ` at ${instant(attribution.dateModified)}` : ''}`;
}

/** The unused clients, one line each, or why they could not be listed. */
export function staleLines(audit: CheckAudit | undefined, c: Palette): string[] {
  const stale = audit?.stale;
  if (!stale) return [];
  if (stale.unavailable) {
    const fix = stale.unavailable.permission ? ` Grant ${stale.unavailable.permission} to the Action's client to list them.` : '';
    return [c.yellow(`Unused clients not listed: Genesys' usage API could not be read.${fix}`)];
  }
  if (stale.clients.length === 0) return [];
  return [
    c.bold(`Unused for ${stale.afterDays} days or more (not drift; --stale-after-days sets the window):`),
    ...stale.clients.map((client) => {
      const last = client.lastUsed ? `last used ${client.lastUsed}` : `no use since ${stale.since.slice(0, 10)}`;
      return `${c.plain(`  ${client.name}`)}${c.dim(` (${client.id}${client.managed ? '' : ', unmanaged'})`)}${c.plain(`: ${last}`)}`;
    }),
  ];
}
