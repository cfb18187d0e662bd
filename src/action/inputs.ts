// The only reader of `INPUT_*`: turns the workflow's `with:` block into the options both shells build alike.
import type { Env } from '../core/types.js';
import { buildOptions, COMMENT_MODES, InputError, type Options, readReadBackSeconds, readStaleAfterDays } from '../modes/options.js';

/** `export` is a CLI command, not an Action mode. */
export const ACTION_MODES = ['auto', 'validate', 'plan', 'apply', 'check', 'rotate'] as const;

/** The runner passes `with: { genesys-client-id: … }` as `INPUT_GENESYS-CLIENT-ID` (hyphens kept). */
function input(env: Env, name: string): string | undefined {
  const value = env[`INPUT_${name.toUpperCase()}`]?.trim();
  return value === '' ? undefined : value;
}

function booleanInput(env: Env, name: string): boolean | undefined {
  const value = input(env, name);
  if (value === undefined) return undefined;
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new InputError(`Input \`${name}\` must be \`true\` or \`false\`, not \`${value}\`.`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[]): T | undefined {
  const value = input(env, name);
  if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
    throw new InputError(`Input \`${name}\` must be one of ${allowed.map((a) => `\`${a}\``).join(', ')}, not \`${value}\`.`);
  }
  return value as T | undefined;
}

/** Reads the Action's inputs from the environment the runner provides. */
export function readInputs(env: Env, cwd: string): Options {
  return buildOptions(
    'action',
    {
      mode: oneOf(env, 'mode', ACTION_MODES),
      path: input(env, 'path'),
      workspace: env.GITHUB_WORKSPACE,
      clientId: input(env, 'genesys-client-id'),
      clientSecret: input(env, 'genesys-client-secret'),
      region: input(env, 'genesys-region'),
      apiUrl: input(env, 'genesys-api-url'),
      githubToken: input(env, 'github-token'),
      label: input(env, 'label'),
      comment: oneOf(env, 'comment', COMMENT_MODES),
      prune: booleanInput(env, 'prune'),
      ignore: input(env, 'ignore')?.split('\n'),
      autoApprove: booleanInput(env, 'auto-approve'),
      failOnDrift: booleanInput(env, 'fail-on-drift'),
      driftIssue: booleanInput(env, 'drift-issue'),
      driftPr: booleanInput(env, 'drift-pr'),
      staleAfterDays: readStaleAfterDays('action', input(env, 'stale-after-days')),
      reviewKey: input(env, 'review-key'),
      variables: input(env, 'variables')?.split('\n'),
      readBackSeconds: readReadBackSeconds('action', input(env, 'read-back-seconds')),
      secretsToken: input(env, 'secrets-token'),
      rotate: input(env, 'rotate')?.split('\n'),
    },
    env,
    cwd,
  );
}
