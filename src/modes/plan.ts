// plan: validate + read the org + compute the plan. Never writes to Genesys.
import { buildPlan, countPlan } from '../core/plan.js';
import type { LiveOrg, Plan } from '../core/types.js';
import type { GenesysOrg } from '../genesys/org.js';
import type { Report, ReportKind } from '../report/report.js';
import type { ModeDeps, ModeOutcome } from './context.js';
import { loadDefinitions, validationFailure } from './validate.js';

export interface PlannedRun {
  outcome: ModeOutcome;
  /** Present when the plan could be computed and has no problems. */
  ready?: { plan: Plan; org: GenesysOrg; live: LiveOrg };
}

/** Validates, connects, reads the org and plans; stops with a failure outcome at the first stage that fails. */
export async function computePlan(deps: ModeDeps, kind: ReportKind): Promise<PlannedRun> {
  const { settings, reporter } = deps;
  const loaded = await loadDefinitions(deps);
  if (loaded.problems.length > 0) {
    const report: Report = { label: settings.label, kind, problems: loaded.problems, warnings: loaded.warnings };
    return { outcome: { report, failure: validationFailure(loaded.problems) } };
  }

  const org = await deps.openGenesys();
  const started = Date.now();
  const live = await org.readOrg();
  reporter.info(
    `Read ${live.clients.length} live client(s), ${live.roles.length} role(s) and ${live.divisions.length} division(s) from Genesys as \`${live.self.clientName}\`.`,
  );
  reporter.debug(`Reading the org took ${Date.now() - started} ms.`);

  const label = settings.labelForOrg?.(live.self.organizationId) ?? settings.label;
  const computed = buildPlan(loaded.definitions, live, { ...settings, label });
  const plan: Plan = { ...computed, warnings: [...loaded.warnings, ...computed.warnings] };
  for (const problem of computed.problems) reporter.error(problem);
  for (const warning of computed.warnings) reporter.warning(warning);
  const counts = countPlan(plan);
  reporter.info(
    `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete, ${counts.unmanaged} unmanaged (hash ${plan.hash.slice(0, 12)}).`,
  );

  const report: Report = { label, kind, plan, problems: [], warnings: [], org: live.self.organizationName };
  if (plan.problems.length > 0) {
    return {
      outcome: {
        report,
        plan,
        failure: {
          reason: 'plan-failed',
          message: `${plan.problems.length} problem(s) found while planning; nothing can be applied until they are fixed.`,
        },
      },
    };
  }
  return { outcome: { report, plan }, ready: { plan, org, live } };
}

/** The `plan` mode. */
export async function runPlan(deps: ModeDeps): Promise<ModeOutcome> {
  return (await computePlan(deps, 'plan')).outcome;
}
