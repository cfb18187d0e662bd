// The only reader of `INPUT_*`. Inputs fall back to the Terraform provider's environment variables (SPEC §5).
import type { RunMode } from '../core/types.js';

/** `export` is a CLI command, not an Action mode. */
export const ACTION_MODES = ['auto', 'validate', 'plan', 'apply', 'check'] as const;

export const COMMENT_MODES = ['always', 'on-change', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export interface Options {
  mode: RunMode | 'auto';
  /** Definitions folder, relative to the workspace. */
  path: string;
  /** The repository root (`GITHUB_WORKSPACE`); definition paths and secret directories are relative to it. */
  workspace: string;
  genesys: { clientId?: string; clientSecret?: string; region: string; apiUrl?: string };
  githubToken?: string;
  /** The `label` input, or one derived from region and path until the org is known (see `labelDerived`). */
  label: string;
  /** True when no `label` input was given: the label then also names the org, once logged in. */
  labelDerived: boolean;
  comment: CommentMode;
  prune: boolean;
  ignore: string[];
  autoApprove: boolean;
  failOnDrift: boolean;
  driftIssue: boolean;
}

export const DEFAULT_PATH = 'genesys/oauth-clients';
export const DEFAULT_REGION = 'us-east-1';

/** A mistake in the workflow's `with:` block; reported before anything else happens. */
export class InputError extends Error {
  override name = 'InputError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** The runner passes `with: { genesys-client-id: … }` as `INPUT_GENESYS-CLIENT-ID` (hyphens kept). */
function input(env: Env, name: string): string | undefined {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim();
  return value === '' ? undefined : value;
}

function booleanInput(env: Env, name: string, fallback: boolean): boolean {
  const value = input(env, name);
  if (value === undefined) return fallback;
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new InputError(`Input \`${name}\` must be \`true\` or \`false\`, not \`${value}\`.`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = input(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`Input \`${name}\` must be one of ${allowed.map((a) => `\`${a}\``).join(', ')}, not \`${value}\`.`);
  }
  return value as T;
}

/**
 * Derives a label that keys the sticky comment and drift issue, so several orgs or folders never clobber each other:
 * the region (or API host), the org once it is known (any client of the org, read-only or not, gives the same), and
 * the path.
 */
export function deriveLabel(genesys: Pick<Options['genesys'], 'apiUrl' | 'region'>, path: string, organizationId?: string): string {
  const host = genesys.apiUrl ? new URL(genesys.apiUrl).host : genesys.region.toLowerCase();
  const org = organizationId ? `:${organizationId.slice(0, 8)}` : '';
  return `${host}${org}/${path}`;
}

/** Reads the Action's inputs from the environment the runner provides. */
export function readInputs(env: Env, cwd: string): Options {
  const path = (input(env, 'path') ?? DEFAULT_PATH).replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const genesys = {
    clientId: input(env, 'genesys-client-id') ?? (env.GENESYSCLOUD_OAUTHCLIENT_ID?.trim() || undefined),
    clientSecret: input(env, 'genesys-client-secret') ?? (env.GENESYSCLOUD_OAUTHCLIENT_SECRET?.trim() || undefined),
    region: input(env, 'genesys-region') ?? (env.GENESYSCLOUD_REGION?.trim() || DEFAULT_REGION),
    apiUrl: input(env, 'genesys-api-url') ?? (env.GENESYSCLOUD_API_URL?.trim() || undefined),
  };
  if (genesys.apiUrl !== undefined && !URL.canParse(genesys.apiUrl)) {
    throw new InputError(`Input \`genesys-api-url\` must be a full URL such as \`https://api.mypurecloud.ie\`.`);
  }
  return {
    mode: oneOf<Options['mode']>(env, 'mode', ACTION_MODES, 'auto'),
    path,
    workspace: env.GITHUB_WORKSPACE?.trim() || cwd,
    genesys,
    githubToken: input(env, 'github-token') ?? (env.GITHUB_TOKEN?.trim() || undefined),
    label: input(env, 'label') ?? deriveLabel(genesys, path),
    labelDerived: input(env, 'label') === undefined,
    comment: oneOf(env, 'comment', COMMENT_MODES, 'on-change'),
    prune: booleanInput(env, 'prune', false),
    ignore: (input(env, 'ignore') ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    autoApprove: booleanInput(env, 'auto-approve', false),
    failOnDrift: booleanInput(env, 'fail-on-drift', true),
    driftIssue: booleanInput(env, 'drift-issue', true),
  };
}
