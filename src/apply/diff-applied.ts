// After the writes, the org is read back once and every client that was written is compared with what was asked
// for: a write the API accepted but did not (fully) keep must not pass as applied (SPEC §7).
import { diffClient } from '../core/diff.js';
import { isAwaitingDeletion } from '../core/match.js';
import { normaliseLive, normaliseSpec } from '../core/normalise.js';
import type { ClientId, ClientOutcome, ClientSpec, DuplicateCreate, LiveClient, PlanAction } from '../core/types.js';

/** One write and what came of it. */
export interface AppliedAction {
  action: PlanAction;
  outcome: ClientOutcome;
}

/** Names of the written clients whose live state differs from the plan: created or updated ones that differ from
 * their desired spec, deleted ones that are still listed. Failed writes are already failures and are skipped. */
export function diffApplied(applied: readonly AppliedAction[], liveClients: readonly LiveClient[]): string[] {
  const liveById = new Map<ClientId, LiveClient>(liveClients.map((client) => [client.id, client]));
  const unconverged: string[] = [];
  for (const { action, outcome } of applied) {
    // A secret reset changes nothing a read-back can see.
    if (outcome.kind === 'failed' || outcome.kind === 'secret-reset') continue;
    const live = liveById.get(outcome.id);
    if (outcome.kind === 'deleted') {
      // Genesys keeps a client older than 30 days inactive for 7 days before it removes it: that delete is done.
      if (live && !isAwaitingDeletion(live)) unconverged.push(outcome.client);
    } else if (action.kind === 'create' || action.kind === 'update') {
      if (!live || !matches(action.desired, live)) unconverged.push(outcome.client);
    }
  }
  return unconverged;
}

/**
 * Created clients that share their name with another live client when read back: another apply created the same
 * client at the same time (SPEC §7), and each copy holds a different secret.
 */
export function findDuplicateCreates(applied: readonly AppliedAction[], liveClients: readonly LiveClient[]): DuplicateCreate[] {
  const duplicates: DuplicateCreate[] = [];
  for (const { outcome } of applied) {
    if (outcome.kind !== 'created') continue;
    // A namesake Genesys is deleting is no rival: a definition with its name creates a new client (SPEC §2).
    const others = liveClients.filter(
      (client) => client.name === outcome.client && client.id !== outcome.id && !isAwaitingDeletion(client),
    );
    if (others.length > 0) duplicates.push({ client: outcome.client, id: outcome.id, others: others.map((client) => client.id) });
  }
  return duplicates;
}

function matches(desired: ClientSpec, live: LiveClient): boolean {
  // normaliseLive reads any other state as active; a client support disabled mid-apply is not what was asked for.
  if (live.state !== 'active' && live.state !== 'inactive') return false;
  return diffClient(normaliseSpec(desired), normaliseLive(live)).length === 0;
}
