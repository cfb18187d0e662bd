// One configuration path for both shells: the Action's inputs and the CLI's flags arrive as `GivenOptions`, and this
// module adds the defaults and the Terraform provider's environment fallbacks (SPEC §5), derives the label, and
// checks the connection settings before anything talks to Genesys.
import { DEFAULT_READ_BACK_MS } from '../apply/read-back.js';
import { quote } from '../core/escape.js';
import { VARIABLE_NAME } from '../definitions/interpolate.js';
import { matchesGlob } from '../core/match.js';
import { DEFAULT_STALE_AFTER_DAYS, parseStaleAfterDays } from '../core/stale.js';
import type { Env, RunMode } from '../core/types.js';
import { INPUT_NAMES, type SettingNames } from '../genesys/contract.js';
import { DEFAULT_REGION, findRegionDomain, problemWithApiUrl, unknownRegionMessage } from '../genesys/regions.js';

export { DEFAULT_REGION };
export const DEFAULT_PATH = 'genesys/oauth-clients';

export const COMMENT_MODES = ['always', 'on-change', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** Which shell the options came from: it decides how a message names an option (input or flag). */
export type Shell = 'action' | 'cli';

export interface Options {
  shell: Shell;
  mode: RunMode | 'auto';
  /** Definitions folder, relative to the workspace. */
  path: string;
  /** The repository root (`GITHUB_WORKSPACE`); definition paths and secret directories are relative to it. */
  workspace: string;
  genesys: { clientId?: string; clientSecret?: string; region: string; apiUrl?: string };
  githubToken?: string;
  /** The `label` input, or one derived from region and path until the org is known (see `labelDerived`). */
  label: string;
  /** True when no `label` was given: the label then also names the org, once logged in. */
  labelDerived: boolean;
  comment: CommentMode;
  prune: boolean;
  ignore: string[];
  autoApprove: boolean;
  failOnDrift: boolean;
  driftIssue: boolean;
  /** `check`: list clients with no API use for this many days; 0 turns it off. */
  staleAfterDays: number;
  /** `review-key`: a secret that signs plan markers; apply then accepts only signed ones (SPEC §4). */
  reviewKey?: string;
  /** `check`: open, update and close one pull request that adopts the org's values. */
  driftPr: boolean;
  /** `variables` (`--var`): the only values `${KEY}` in a definition reads (SPEC §1). */
  variables: Readonly<Record<string, string>>;
  /** `apply`: how long the read-back waits for Genesys to show what was written before calling a client not converged. */
  readBackSeconds: number;
  /** Writes `github_secret` deliveries; `GITHUB_TOKEN` cannot write secrets. */
  secretsToken?: string;
  /** `rotate` mode: name patterns to rotate now, whatever their age. */
  rotate: string[];
}

/** What a shell was given (inputs or flags), before defaults and environment fallbacks; blank means not given. */
export type GivenOptions = Partial<Omit<Options, 'shell' | 'genesys' | 'labelDerived' | 'variables'>> &
  Partial<Options['genesys']> & { variables?: readonly string[] };

/** A mistake in the workflow's `with:` block or on the command line; reported before anything else happens. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Settings that cannot work, found when connecting: no credentials, an unknown region, an unusable URL. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** How each shell names the connection settings in Genesys messages (a wrong secret, an unknown region). */
export const SETTING_NAMES: Record<Shell, SettingNames> = {
  action: INPUT_NAMES,
  cli: {
    clientId: 'env `GENESYSCLOUD_OAUTHCLIENT_ID`',
    clientSecret: 'env `GENESYSCLOUD_OAUTHCLIENT_SECRET`',
    region: '`--region` or env `GENESYSCLOUD_REGION`',
    apiUrl: '`--api-url` or env `GENESYSCLOUD_API_URL`',
  },
};

/** How each shell names the options a message is about. */
const NAMES = {
  action: {
    apiUrl: 'Input `genesys-api-url`',
    variables: 'Input `variables`',
    noCredentials:
      'No Genesys Cloud credentials: set the `genesys-client-id` and `genesys-client-secret` inputs (or the ' +
      '`GENESYSCLOUD_OAUTHCLIENT_ID` and `GENESYSCLOUD_OAUTHCLIENT_SECRET` environment variables) from repository secrets.',
  },
  cli: {
    apiUrl: '--api-url (or GENESYSCLOUD_API_URL)',
    variables: '--var',
    noCredentials: 'Set GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET to the OAuth client to run as.',
  },
} as const satisfies Record<Shell, Record<string, string>>;

function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** `./defs/` and `defs` are the same folder, and name the same label. */
function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
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

/** `stale-after-days` (`--stale-after-days`) as given: a whole number of days, or an `InputError` naming the option. */
export function readStaleAfterDays(shell: Shell, text: string | undefined): number | undefined {
  const value = given(text);
  if (value === undefined) return undefined;
  const days = parseStaleAfterDays(value);
  if (days !== undefined) return days;
  const name = shell === 'action' ? 'Input `stale-after-days`' : '--stale-after-days';
  throw new InputError(`${name} must be a whole number of days (\`0\` turns the listing off), not \`${text}\`.`);
}

/** Genesys is eventually consistent; the Terraform provider waits up to 30 s for a client to show (SPEC §7). */
export const DEFAULT_READ_BACK_SECONDS = DEFAULT_READ_BACK_MS / 1000;

/** `read-back-seconds` (`--read-back-seconds`) as given: whole seconds, 0 reads back once without waiting. */
export function readReadBackSeconds(shell: Shell, text: string | undefined): number | undefined {
  const value = given(text);
  if (value === undefined) return undefined;
  if (/^\d{1,4}$/.test(value)) return Number(value);
  const name = shell === 'action' ? 'Input `read-back-seconds`' : '--read-back-seconds';
  throw new InputError(`${name} must be a whole number of seconds from 0 to 9999, not \`${text}\`.`);
}

/** Completes what a shell was given with the environment's fallbacks and the defaults. */
export function buildOptions(shell: Shell, options: GivenOptions, env: Env, cwd: string): Options {
  const path = normalisePath(given(options.path) ?? DEFAULT_PATH);
  const genesys = {
    clientId: given(options.clientId) ?? given(env.GENESYSCLOUD_OAUTHCLIENT_ID),
    clientSecret: given(options.clientSecret) ?? given(env.GENESYSCLOUD_OAUTHCLIENT_SECRET),
    region: given(options.region) ?? given(env.GENESYSCLOUD_REGION) ?? DEFAULT_REGION,
    apiUrl: given(options.apiUrl) ?? given(env.GENESYSCLOUD_API_URL),
  };
  if (genesys.apiUrl !== undefined && !URL.canParse(genesys.apiUrl)) {
    throw new InputError(`${NAMES[shell].apiUrl} must be a full URL such as \`https://api.mypurecloud.ie\`, not \`${genesys.apiUrl}\`.`);
  }
  const label = given(options.label);
  return {
    shell,
    mode: options.mode ?? 'auto',
    path,
    workspace: given(options.workspace) ?? cwd,
    genesys,
    githubToken: given(options.githubToken) ?? given(env.GITHUB_TOKEN),
    label: label ?? deriveLabel(genesys, path),
    labelDerived: label === undefined,
    comment: options.comment ?? 'on-change',
    prune: options.prune ?? false,
    ignore: (options.ignore ?? []).map((line) => line.trim()).filter((line) => line !== ''),
    autoApprove: options.autoApprove ?? false,
    failOnDrift: options.failOnDrift ?? true,
    driftIssue: options.driftIssue ?? true,
    staleAfterDays: options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS,
    reviewKey: given(options.reviewKey),
    driftPr: options.driftPr ?? false,
    variables: parseVariables(shell, options.variables ?? []),
    readBackSeconds: options.readBackSeconds ?? DEFAULT_READ_BACK_SECONDS,
    ...(given(options.secretsToken) ? { secretsToken: given(options.secretsToken) } : {}),
    rotate: (options.rotate ?? []).map((line) => line.trim()).filter((line) => line !== ''),
  };
}

/** `KEY=value` lines (blank lines and `#` comments skipped); a line is never echoed, since its value may be a secret. */
export function parseVariables(shell: Shell, lines: readonly string[]): Readonly<Record<string, string>> {
  // No prototype: a variable named `__proto__` or `constructor` is a variable like any other.
  const variables: Record<string, string> = Object.create(null);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    // A line without `=` leaves an empty key, which is no name.
    const key = line.slice(0, Math.max(equals, 0)).trim();
    if (!VARIABLE_NAME.test(key)) {
      const where = shell === 'action' ? `line ${index + 1}` : `value ${index + 1}`;
      throw new InputError(
        `${NAMES[shell].variables} (${where}) must be \`KEY=value\`, with a ` +
          'name of letters, digits and `_` that does not start with a digit.',
      );
    }
    variables[key] = line.slice(equals + 1).trim();
  }
  return variables;
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
  region: string;
  apiUrl?: string;
}

// Node's debug output for these modules prints each request with its headers, the Authorization header included.
const NETWORK_DEBUG_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'undici', 'fetch'];

/**
 * Refuses a `NODE_DEBUG` that would make Node print requests: Node reads it once at start-up, so clearing it now
 * would not help, and the Genesys login and every call carry a secret in a header.
 */
export function requireQuietNetwork(env: Env): void {
  const nodeDebug = env.NODE_DEBUG ?? '';
  // An empty entry (`NODE_DEBUG=http,`) matches no module name.
  const entries = nodeDebug.split(',').map((entry) => entry.trim());
  const printed = NETWORK_DEBUG_MODULES.filter((module) => entries.some((entry) => matchesGlob(module, entry, true)));
  if (printed.length === 0) return;
  throw new ConfigError(
    `\`NODE_DEBUG\` (${quote(nodeDebug)}) makes Node print every request with its headers ` +
      `(${printed.join(', ')}), so the client secret and the access tokens would reach the log. ` +
      'Nothing was sent to Genesys: remove those names from `NODE_DEBUG` (or unset it) and run again.',
  );
}

/** The one credential and connection check: throws a `ConfigError` that says what to set. */
export function requireCredentials(options: Pick<Options, 'shell' | 'genesys'>, env: Env): Credentials {
  requireQuietNetwork(env);
  const { clientId, clientSecret, region, apiUrl } = options.genesys;
  if (!clientId || !clientSecret) {
    // Name only what is missing: a set id with an unset secret is a different mistake from no credentials at all.
    const names = SETTING_NAMES[options.shell];
    const missing = [clientId ? undefined : names.clientId, clientSecret ? undefined : names.clientSecret].filter(Boolean);
    if (missing.length === 2) throw new ConfigError(NAMES[options.shell].noCredentials);
    throw new ConfigError(
      `No Genesys Cloud ${clientId ? 'client secret' : 'client id'}: set ${missing[0]} (the ${clientId ? 'id' : 'secret'} is set).`,
    );
  }
  if (apiUrl !== undefined) {
    const problem = problemWithApiUrl(apiUrl);
    if (problem) throw new ConfigError(problem);
  } else if (findRegionDomain(region) === undefined) {
    throw new ConfigError(unknownRegionMessage(region, SETTING_NAMES[options.shell]));
  }
  return { clientId, clientSecret, region, apiUrl };
}
