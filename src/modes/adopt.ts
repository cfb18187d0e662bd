// For `drift-pr`: the definition files rewritten to the org's values, and the plan they would give once merged
// (re-planned from the rewritten text, so an empty plan is proven, not assumed).
import { buildPlan } from '../core/plan.js';
import type { LiveOrg, Plan } from '../core/types.js';
import { adoptOrgValues } from '../definitions/adopt.js';
import { parseDefinitions } from '../definitions/parse.js';
import { type DefinitionSource, readDefinitionFiles } from '../definitions/read-files.js';
import type { ModeDeps } from './types.js';

export interface DriftAdoption {
  /** Only the files that change, relative to the workspace. */
  files: DefinitionSource[];
  /** What could not be adopted (`client: field`), said in the pull request. */
  skipped: string[];
  /** The plan of the repository with the files adopted: what apply does after the merge. */
  plan: Plan;
}

/** Adopts every changed client's org values into its definition file. */
export async function prepareDriftAdoption(deps: ModeDeps, ready: { plan: Plan; live: LiveOrg }, label: string): Promise<DriftAdoption> {
  const read = await readDefinitionFiles(deps.settings.workspace, deps.settings.path);
  const adoptions = ready.plan.actions.flatMap((action) =>
    action.kind === 'update'
      ? [{ name: action.client, changes: action.changes, org: action.current, homeDivisionId: ready.live.homeDivision.id }]
      : [],
  );
  const adopted = adoptOrgValues(read.sources, adoptions);
  const byFile = new Map(adopted.files.map((file) => [file.file, file.text]));
  const sources = read.sources.map((source) => ({ file: source.file, text: byFile.get(source.file) ?? source.text }));
  const parsed = parseDefinitions(sources, deps.settings.variables ?? {});
  const plan = buildPlan(parsed.definitions, ready.live, { ...deps.settings, label });
  const missing = ready.plan.actions.flatMap((action) =>
    action.kind === 'create' ? [`${action.client}: missing in the org (not removed)`] : [],
  );
  deps.reporter.info(`Drift pull request: ${adopted.files.length} definition file(s) adopt the org's values.`);
  return { files: adopted.files, skipped: [...adopted.skipped, ...missing], plan };
}
