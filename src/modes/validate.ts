// validate: definitions only, no Genesys access (fork pull requests have no secrets).
import type { Definition, Problem } from '../core/types.js';
import { parseDefinitions } from '../definitions/parse.js';
import { readDefinitionFiles } from '../definitions/read-files.js';
import type { ModeDeps, ModeOutcome } from './context.js';

export interface LoadedDefinitions {
  definitions: Definition[];
  problems: Problem[];
  warnings: Problem[];
}

/** Reads, interpolates and validates every definition file, reporting every problem at once. */
export async function loadDefinitions(deps: ModeDeps): Promise<LoadedDefinitions> {
  const { settings, reporter, env } = deps;
  const read = await readDefinitionFiles(settings.workspace, settings.path);
  const parsed = parseDefinitions(read.sources, env);
  const problems = [...read.problems, ...parsed.problems];
  reporter.info(`Read ${parsed.definitions.length} client definition(s) from ${read.sources.length} file(s) under \`${settings.path}\`.`);
  for (const problem of problems) reporter.error(problem);
  for (const warning of parsed.warnings) reporter.warning(warning);
  return { definitions: parsed.definitions, problems, warnings: parsed.warnings };
}

export function validationFailure(problems: readonly Problem[]): NonNullable<ModeOutcome['failure']> {
  return {
    reason: 'validation-failed',
    message: `${problems.length} problem(s) in the definitions; nothing was sent to Genesys. Fix them and run again.`,
  };
}

/** The `validate` mode. */
export async function runValidate(deps: ModeDeps): Promise<ModeOutcome> {
  const loaded = await loadDefinitions(deps);
  const report = { label: deps.settings.label, kind: 'validate' as const, problems: loaded.problems, warnings: loaded.warnings };
  if (loaded.problems.length > 0) return { report, failure: validationFailure(loaded.problems) };
  deps.reporter.info(`All ${loaded.definitions.length} definition(s) are valid.`);
  return { report };
}
