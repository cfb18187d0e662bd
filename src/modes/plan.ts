// plan: validate + read the org + compute the plan. Never writes to Genesys.
import type { ModeDeps, ModeOutcome } from './types.js';
import { planAgainstOrg } from './pipeline.js';

/** The `plan` mode. */
export async function runPlan(deps: ModeDeps): Promise<ModeOutcome> {
  const { report, anchors } = await planAgainstOrg(deps, 'plan');
  return { report, anchors };
}
