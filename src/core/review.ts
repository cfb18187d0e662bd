// Apply refuses a plan that differs from the reviewed one; this says how, client by client, in words.
import { hashAction } from './hash.js';
import type { Plan, PlanAction } from './types.js';

/**
 * Which client an action is about, unique within a plan: live clients by name and id (two may share a name), a
 * client to create by its name (definition names are unique).
 */
export function actionKey(action: PlanAction): string {
  // JSON, so no name, however odd, can pass for another client's key.
  if (action.kind === 'create') return JSON.stringify([action.client]);
  // A client may need both an update and a secret reset: two changes, two keys.
  return JSON.stringify(action.kind === 'reset-secret' ? [action.client, action.id, 'reset-secret'] : [action.client, action.id]);
}

/** `name`, or `name (id)` for a live client: how a key reads in a report. */
export function describeKey(key: string): string {
  try {
    const [name, id, change] = JSON.parse(key) as [string, string?, string?];
    return id === undefined ? name : `${name} (${id})${change ? ` ${change}` : ''}`;
  } catch {
    return key;
  }
}

/** Per-client digests of a plan's changes, stored in the PR comment's marker. */
export function digestPlan(plan: Plan): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const action of plan.actions) {
    if (action.kind !== 'noop') digests[actionKey(action)] = `${action.kind}:${hashAction(action)}`;
  }
  return digests;
}

/** Readable differences between the reviewed digests and the plan computed now. */
export function describePlanDifferences(reviewed: Record<string, string> | undefined, plan: Plan): string[] {
  if (!reviewed) return ["The reviewed plan did not record its clients; compare the comment with this run's report."];
  const current = digestPlan(plan);
  const lines: string[] = [];
  for (const key of [...new Set([...Object.keys(reviewed), ...Object.keys(current)])].sort()) {
    const before = reviewed[key];
    const now = current[key];
    const client = describeKey(key);
    if (before === now) continue;
    const kindOf = (digest: string) => digest.split(':')[0];
    if (before === undefined) lines.push(`\`${client}\`: new since review (${kindOf(now ?? '')}).`);
    else if (now === undefined) lines.push(`\`${client}\`: no longer changes (it was to ${kindOf(before)}); the org may already match.`);
    else if (kindOf(before) !== kindOf(now)) lines.push(`\`${client}\`: was to ${kindOf(before)}, now to ${kindOf(now)}.`);
    else lines.push(`\`${client}\`: the ${kindOf(now)} differs from the reviewed one (the org or the definition changed since review).`);
  }
  return lines;
}

/** True when every change the plan makes now was, client by client, part of the reviewed plan. */
export function isReviewedSubset(reviewed: Record<string, string> | undefined, plan: Plan): boolean {
  if (!reviewed) return false;
  return Object.entries(digestPlan(plan)).every(([client, digest]) => reviewed[client] === digest);
}
