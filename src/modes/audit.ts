// The auditor's reads of `check`, after the plan: who changed the drifted clients and which clients nobody uses. A
// constant number of extra requests (one users lookup, one usage query and its results), run side by side; a refusal
// becomes a warning that names the permission, never a failed check.
import type { CheckAudit } from '../core/audit.js';
import { buildAttributions, findUserIdsToName } from '../core/attribution.js';
import { buildUsageWindow, DEFAULT_STALE_AFTER_DAYS, findStaleClients } from '../core/stale.js';
import type { AuditLookup, LiveOrg, Plan } from '../core/types.js';
import type { GenesysConnection } from '../genesys/contract.js';
import type { ModeDeps } from './types.js';

/** Reads and builds the audit of a computed plan. */
export async function readCheckAudit(deps: ModeDeps, ready: { plan: Plan; org: GenesysConnection; live: LiveOrg }): Promise<CheckAudit> {
  const { plan, org, live } = ready;
  const now = deps.now?.() ?? new Date();
  const staleAfterDays = deps.settings.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const userIds = findUserIdsToName(plan, live);
  const [users, usage] = await Promise.all([
    userIds.length > 0 ? org.readUserNames(userIds) : Promise.resolve<AuditLookup<Record<string, string>>>({ kind: 'read', value: {} }),
    staleAfterDays > 0 ? org.readApiUsage(buildUsageWindow(now, staleAfterDays)) : undefined,
  ]);
  if (users.kind === 'unavailable') {
    deps.reporter.warning({ message: `Changes are attributed by id only. ${users.message}` });
  }
  const audit: CheckAudit = { attributions: buildAttributions(plan, live, users) };
  if (usage) {
    audit.stale = findStaleClients(plan, live, usage, { now, staleAfterDays });
    if (usage.kind === 'unavailable') deps.reporter.warning({ message: `Unused clients could not be listed. ${usage.message}` });
    else deps.reporter.info(`Unused for ${staleAfterDays} days or more: ${audit.stale.clients.length} client(s).`);
  }
  return audit;
}
