// The pipeline every mode starts with: definition files → definitions (+ problems) → the org → the plan. Each stage
// stops the run with a report that says why, so a mode reads as its first line plus what it adds.
import { buildPlan, countPlan } from '../core/plan.js';
import type { Definition, Failure, LiveOrg, Plan, Problem, SecretChannelState, SourcePosition } from '../core/types.js';
import { parseDefinitions } from '../definitions/parse.js';
import { readDefinitionFiles } from '../definitions/read-files.js';
import type { GenesysConnection } from '../genesys/contract.js';
import type { Report, ReportKind } from '../report/report.js';
import type { ModeDeps } from './types.js';
import { readSecretChannels } from './secret-channels.js';

export interface LoadedDefinitions {
  definitions: Definition[];
  problems: Problem[];
  warnings: Problem[];
}

/** Reads, interpolates and validates every definition file, reporting every problem at once. */
export async function loadDefinitions(deps: ModeDeps): Promise<LoadedDefinitions> {
  const { settings, reporter } = deps;
  const read = await readDefinitionFiles(settings.workspace, settings.path, settings.shell === 'cli' ? 'flag' : 'input');
  const parsed = parseDefinitions(read.sources, settings.variables ?? {});
  const problems = [...read.problems, ...parsed.problems];
  const warnings = [...parsed.warnings];
  // An empty or mistyped folder must not read as "all valid" or "no changes": say where nothing was found.
  if (parsed.definitions.length === 0 && problems.length === 0) {
    warnings.push({
      message:
        `No client is declared under \`${settings.path}\` (searched for *.yaml, *.yml and *.json files, recursively), ` +
        'so every live client counts as unmanaged. If the definitions are elsewhere, point the path at their folder.',
    });
  }
  reporter.info(`Read ${parsed.definitions.length} client definition(s) from ${read.sources.length} file(s) under \`${settings.path}\`.`);
  for (const problem of problems) reporter.error(problem);
  for (const warning of warnings) reporter.warning(warning);
  return { definitions: parsed.definitions, problems, warnings };
}

export function validationFailure(problems: readonly Problem[]): Failure {
  // A path that is not there is a setting to fix, not a mistake in the definitions.
  const where = problems.every((problem) => problem.file === undefined) ? 'with the settings' : 'in the definitions';
  return {
    reason: 'validation-failed',
    message: `${problems.length} problem(s) ${where}; nothing was sent to Genesys. Fix them and run again.`,
  };
}

/** Where each client is declared, at the line a reviewer looks for it: `id:` when pinned, else `name:`. */
export function anchorDefinitions(definitions: readonly Definition[]): Record<string, SourcePosition> {
  return Object.fromEntries(
    definitions.map((definition) => [definition.name, definition.idPosition ?? definition.namePosition ?? definition.source]),
  );
}

export interface PlannedRun {
  report: Report;
  /** Each declared client's line, when the definitions were valid. */
  anchors?: Record<string, SourcePosition>;
  /** Present when the plan could be computed and has no problems. */
  ready?: { plan: Plan; org: GenesysConnection; live: LiveOrg; channels: SecretChannelState };
}

/** Validates, connects, reads the org and plans; stops with a failed report at the first stage that fails. */
export async function planAgainstOrg(deps: ModeDeps, kind: ReportKind): Promise<PlannedRun> {
  const { settings, reporter } = deps;
  const loaded = await loadDefinitions(deps);
  if (loaded.problems.length > 0) {
    const report: Report = {
      label: settings.label,
      kind,
      problems: loaded.problems,
      warnings: loaded.warnings,
      failure: validationFailure(loaded.problems),
    };
    return { report };
  }

  const org = await deps.openGenesys();
  const started = Date.now();
  const live = await org.readOrg();
  reporter.info(
    `Read ${live.clients.length} live client(s), ${live.roles.length} role(s) and ` +
      `${live.divisions.length} division(s) from Genesys as \`${live.self.clientName}\`.`,
  );
  reporter.debug(`Reading the org took ${Date.now() - started} ms.`);

  const label = settings.labelForOrg?.(live.self.organizationId) ?? settings.label;
  // What the lasting secret channels hold: one listing per GitHub repository or environment, one credential listing.
  const channels = await readSecretChannels(loaded.definitions, { org, secrets: deps.actionsSecrets, repository: deps.repository });
  const now = deps.now?.() ?? new Date();
  const computed = buildPlan(loaded.definitions, live, { ...settings, label, channels: channels.state, now });
  const plan: Plan = {
    ...computed,
    problems: [...channels.problems, ...computed.problems],
    warnings: [...loaded.warnings, ...computed.warnings],
  };
  for (const problem of plan.problems) reporter.error(problem);
  for (const warning of computed.warnings) reporter.warning(warning);
  const counts = countPlan(plan);
  // Counts that leave out the clients with problems would read as a plan; say first that there is none yet.
  reporter.info(
    plan.problems.length > 0
      ? `Planning found ${plan.problems.length} problem(s); no plan can be applied until they are fixed.`
      : `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.delete} ` +
          `to delete, ${counts.unmanaged} unmanaged (hash ${plan.hash.slice(0, 12)}).`,
  );

  const report: Report = { label, kind, plan, problems: [], warnings: [], org: live.self.organizationName };
  const anchors = anchorDefinitions(loaded.definitions);
  if (plan.problems.length > 0) {
    const message = `${plan.problems.length} problem(s) found while planning; nothing can be applied until they are fixed.`;
    return { report: { ...report, failure: { reason: 'plan-failed', message } }, anchors };
  }
  return { report, anchors, ready: { plan, org, live, channels: channels.state } };
}
