// check: the plan, read as drift (someone changed the org by hand), for scheduled runs.
import { summariseDrift } from '../core/drift.js';
import type { ModeDeps, ModeOutcome } from './context.js';
import { computePlan } from './plan.js';

/** The `check` mode. */
export async function runCheck(deps: ModeDeps): Promise<ModeOutcome> {
  const { outcome, ready } = await computePlan(deps, 'check');
  if (!ready) return outcome;
  const drift = summariseDrift(ready.plan, deps.settings.prune);
  const report = { ...outcome.report, drift: drift.drift };
  if (!drift.drift) {
    deps.reporter.info('No drift: the org matches the repository.');
    return { ...outcome, report, drift };
  }
  deps.reporter.info(
    `Drift: ${drift.changed.length} changed, ${drift.missing.length} missing${deps.settings.prune ? `, ${drift.unmanaged.length} unmanaged` : ''}.`,
  );
  const failure = deps.settings.failOnDrift
    ? {
        reason: 'drift-detected' as const,
        message:
          "The org differs from the repository. Merge a PR that adopts the org's values, or re-run apply to restore the repository's.",
      }
    : undefined;
  return { ...outcome, report, drift, failure };
}
