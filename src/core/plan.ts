// definitions + live org → the plan, as data. Pure and synchronous: the same input always gives the same plan.
import { diffClient } from './diff.js';
import { hashChangeSet } from './hash.js';
import { isIgnored, matchClients } from './match.js';
import { buildLookups, normaliseDefinition, normaliseLive } from './normalise.js';
import { checkGrants, checkTokenLifetime } from './preflight.js';
import { findDueSecret } from './rotation.js';
import { deliveryOf, findMissingChannels } from './secret-channels.js';
import {
  PLAN_VERSION,
  type Definition,
  type DueSecret,
  type LiveClient,
  type LiveOrg,
  type Plan,
  type PlanAction,
  type PlanOptions,
  type Problem,
  type UnmanagedClient,
} from './types.js';

// A matched client's creation date is shown beside its id, so a client swapped in under a known name stands out
// (SPEC §2). It is not part of the hash: it never changes what is written.
function createdOf(live: LiveClient): { created?: string } {
  return live.dateCreated ? { created: live.dateCreated } : {};
}

/** Computes what must change in the org so it matches the definitions. */
export function buildPlan(definitions: readonly Definition[], org: LiveOrg, options: PlanOptions): Plan {
  const lookups = buildLookups(org);
  const matched = matchClients(definitions, org.clients, org.self.clientId);
  const problems: Problem[] = [...matched.problems];
  const warnings: Problem[] = [...matched.warnings];
  const actions: PlanAction[] = [];
  const secretsDue: DueSecret[] = [];

  for (const { definition, live, self } of matched.matches) {
    const { spec, problems: resolveProblems } = normaliseDefinition(definition, lookups);
    // A lifetime the org already holds was accepted there; only a new one can be refused.
    const unchanged = live?.access_token_validity_seconds === spec.access_token_validity_seconds;
    const lifetime = resolveProblems.length > 0 || unchanged ? undefined : checkTokenLifetime(definition, spec);
    if (resolveProblems.length > 0 || lifetime !== undefined) {
      problems.push(...resolveProblems, ...(lifetime ? [lifetime] : []));
      continue;
    }
    if (!live) {
      actions.push({ kind: 'create', client: spec.name, desired: spec, delivery: deliveryOf(definition) });
      continue;
    }
    // The Action never resets its own secret: a declared channel of its own client is only reported.
    const missing = self ? [] : findMissingChannels(definition, options.channels);
    if (missing.length > 0) {
      actions.push({ kind: 'reset-secret', client: spec.name, id: live.id, missing, delivery: deliveryOf(definition) });
    } else if (!self) {
      const due = findDueSecret(definition, live.id, options.channels, options.now);
      if (due) secretsDue.push(due);
    }
    const current = normaliseLive(live, lookups);
    const changes = diffClient(spec, current);
    if (self && changes.length > 0) {
      problems.push({
        ...definition.source,
        client: definition.name,
        message:
          `\`${definition.name}\` is the OAuth client this Action authenticates as, and the Action never changes its ` +
          `own client; this definition differs from it in ${changes.map((change) => `\`${change.field}\``).join(', ')}. ` +
          'Make the definition match the live client, or remove it.',
      });
      continue;
    }
    if (changes.length > 0)
      actions.push({ kind: 'update', client: spec.name, id: live.id, ...createdOf(live), changes, desired: spec, current });
    // A client whose secret is reset is not unchanged.
    else if (missing.length === 0) actions.push({ kind: 'noop', client: spec.name, id: live.id });
  }

  const unmanaged: UnmanagedClient[] = [];
  for (const client of matched.undeclared) {
    if (isIgnored(client.name, options.ignore)) continue;
    unmanaged.push({ id: client.id, name: client.name });
    if (options.prune)
      actions.push({ kind: 'delete', client: client.name, id: client.id, ...createdOf(client), current: normaliseLive(client, lookups) });
  }

  const grants = checkGrants(actions, org.self);
  problems.push(...grants.problems);
  warnings.push(...grants.warnings);
  if (options.prune && definitions.length === 0 && actions.some((action) => action.kind === 'delete')) {
    // An empty folder (a wrong `path`, a checkout that is missing) must never read as "delete everything".
    problems.push({
      message:
        'No client is declared and `prune` is on, so every client in the org would ' +
        'be deleted. Check `path`, or turn `prune` off to start managing this org.',
    });
  }
  actions.sort((a, b) => a.client.localeCompare(b.client, 'en') || a.kind.localeCompare(b.kind, 'en'));
  unmanaged.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const leftAlone = [...matched.leftAlone].sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id, 'en'));
  const plan: Plan = { version: PLAN_VERSION, label: options.label, actions, unmanaged, problems, warnings, hash: hashChangeSet(actions) };
  return { ...plan, ...(leftAlone.length > 0 ? { leftAlone } : {}), ...(secretsDue.length > 0 ? { secretsDue } : {}) };
}

export interface PlanCounts {
  create: number;
  update: number;
  delete: number;
  noop: number;
  'reset-secret': number;
  unmanaged: number;
}

/** How many actions of each kind a plan has. */
export function countPlan(plan: Plan): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, delete: 0, noop: 0, 'reset-secret': 0, unmanaged: plan.unmanaged.length };
  for (const action of plan.actions) counts[action.kind] += 1;
  return counts;
}

/** The unmanaged clients the plan leaves alone: every one but those `prune` deletes. */
export function unmanagedLeftAlone(plan: Plan): UnmanagedClient[] {
  const pruned = new Set(plan.actions.flatMap((action) => (action.kind === 'delete' ? [action.id] : [])));
  return plan.unmanaged.filter((client) => !pruned.has(client.id));
}

/** True when applying the plan would write to the org. */
export function hasChanges(plan: Plan): boolean {
  return plan.actions.some((action) => action.kind !== 'noop');
}
