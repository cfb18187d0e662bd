// For `check`: what of the plan counts as drift. Unmanaged clients are listed but are drift only when pruning.
import type { Plan } from './types.js';

export interface DriftSummary {
  drift: boolean;
  changed: string[];
  missing: string[];
  unmanaged: string[];
}

/** Classifies a plan as driftctl does: managed-and-changed, missing, unmanaged. */
export function summariseDrift(plan: Plan, prune: boolean): DriftSummary {
  const changed = plan.actions.filter((a) => a.kind === 'update').map((a) => a.client);
  const missing = plan.actions.filter((a) => a.kind === 'create').map((a) => a.client);
  const unmanaged = plan.unmanaged.map((c) => c.name);
  return { drift: changed.length > 0 || missing.length > 0 || (prune && unmanaged.length > 0), changed, missing, unmanaged };
}
