// For `check`: what of the plan counts as drift. Unmanaged clients are listed but are drift only when pruning.
import type { Failure, Plan } from './types.js';

export interface DriftSummary {
  /** True when the org differs from the repository in a way `check` reports. */
  detected: boolean;
  changed: string[];
  missing: string[];
  unmanaged: string[];
}

/** Classifies a plan as driftctl does: managed-and-changed, missing, unmanaged. */
export function summariseDrift(plan: Plan, prune: boolean): DriftSummary {
  const changed = plan.actions.filter((a) => a.kind === 'update').map((a) => a.client);
  const missing = plan.actions.filter((a) => a.kind === 'create').map((a) => a.client);
  const unmanaged = plan.unmanaged.map((c) => c.name);
  return { detected: changed.length > 0 || missing.length > 0 || (prune && unmanaged.length > 0), changed, missing, unmanaged };
}

/**
 * Check's verdict on a finished run: the drift of a clean plan, or true when the plan fails on the org's state (say,
 * a second client given a declared name in the UI), which is drift too. Undefined when there is no verdict to give.
 */
export function judgeDrift(run: { plan?: Plan; drift?: DriftSummary; failure?: Failure }): boolean | undefined {
  if (run.drift) return run.drift.detected;
  if (run.failure?.reason === 'plan-failed' && run.plan !== undefined) return true;
  return undefined;
}
