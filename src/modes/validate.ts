// validate: definitions only, no Genesys access (fork pull requests have no secrets).
import type { ModeDeps, ModeOutcome } from './types.js';
import { loadDefinitions, validationFailure } from './pipeline.js';

/** The `validate` mode. */
export async function runValidate(deps: ModeDeps): Promise<ModeOutcome> {
  const loaded = await loadDefinitions(deps);
  const report = { label: deps.settings.label, kind: 'validate' as const, problems: loaded.problems, warnings: loaded.warnings };
  if (loaded.problems.length > 0) return { report: { ...report, failure: validationFailure(loaded.problems) } };
  return { report };
}
