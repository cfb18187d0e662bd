// check: the plan, read as drift (someone changed the org by hand), for scheduled runs.
import { summariseDrift } from '../core/drift.js';
import { prepareDriftAdoption } from './adopt.js';
import { readCheckAudit } from './audit.js';
import type { ModeDeps, ModeOutcome } from './types.js';
import { planAgainstOrg } from './pipeline.js';

/** The `check` mode. */
export async function runCheck(deps: ModeDeps): Promise<ModeOutcome> {
  const { report, ready } = await planAgainstOrg(deps, 'check');
  if (!ready) return { report };
  const drift = summariseDrift(ready.plan, deps.settings.prune);
  const audited = { ...report, audit: await readCheckAudit(deps, ready) };
  if (!drift.detected) {
    deps.reporter.info('No drift: the org matches the repository.');
    return { report: { ...audited, drift } };
  }
  deps.reporter.info(
    `Drift: ${drift.changed.length} changed, ${drift.missing.length} ` +
      `missing${deps.settings.prune ? `, ${drift.unmanaged.length} unmanaged` : ''}.`,
  );
  const failure = deps.settings.failOnDrift
    ? {
        reason: 'drift-detected' as const,
        message:
          "The org differs from the repository. Merge a pull request that adopts the org's values, or, " +
          `to restore the repository's, ${deps.settings.applyUnreviewed ?? 'apply with auto-approve'}.`,
      }
    : undefined;
  const adoption = deps.settings.driftPr ? await prepareDriftAdoption(deps, ready, report.label) : undefined;
  return { report: { ...audited, drift, failure }, adoption };
}
