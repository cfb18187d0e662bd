// GitHub Actions secrets and variables, written with the `secrets-token` (GITHUB_TOKEN can never write them). A secret
// is sealed with its repository's or environment's public key as a libsodium sealed box, as GitHub documents; GitHub
// never returns a value, only when each secret was last written.
import sodium from 'libsodium-wrappers';
import { createOctokit } from './client.js';
import { GitHubError, toGitHubError, type GitHubResource } from './errors.js';

/** A repository (`owner`, `repo`), or one of its deployment environments. */
export interface SecretScope {
  owner: string;
  repo: string;
  environment?: string;
}

export interface ActionsSecretsOptions {
  token: string;
  apiUrl: string;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

/** What the Action needs of a repository's (or environment's) secrets and variables. */
export interface ActionsSecrets {
  /** Secret names (upper case, as GitHub keeps them) → `updated_at`; one listing, paged by 100. */
  listSecrets(scope: SecretScope): Promise<Map<string, string>>;
  /** Variable names (upper case); one listing, paged by 100. Proves the token may read variables. */
  listVariables(scope: SecretScope): Promise<Set<string>>;
  /** Seals `value` with the scope's public key and creates or replaces the secret. */
  writeSecret(scope: SecretScope, name: string, value: string): Promise<void>;
  /** Updates the variable, or creates it when it does not exist yet. */
  writeVariable(scope: SecretScope, name: string, value: string): Promise<void>;
}

const PER_PAGE = 100;
/** GitHub names, on a refused request, the fine-grained permission it needed (`secrets=write`). */
const ACCEPTED_PERMISSIONS = 'x-accepted-github-permissions';

/** An Octokit for the `secrets-token`, behind the `ActionsSecrets` interface; every failure is a `GitHubError`. */
export function createActionsSecrets(options: ActionsSecretsOptions): ActionsSecrets {
  const octokit = createOctokit(options);
  const call = async <T>(resource: GitHubResource, action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw withAcceptedPermissions(toGitHubError(error, { resource, action, token: options.token }), error);
    }
  };
  const base = (scope: SecretScope) =>
    scope.environment === undefined
      ? { path: '/repos/{owner}/{repo}/actions', params: { owner: scope.owner, repo: scope.repo } }
      : {
          path: '/repos/{owner}/{repo}/environments/{environment_name}',
          params: { owner: scope.owner, repo: scope.repo, environment_name: scope.environment },
        };

  async function listNames<T extends { name: string }>(scope: SecretScope, area: 'secrets' | 'variables'): Promise<T[]> {
    const { path, params } = base(scope);
    return call(area, `list the Actions ${area} of ${describeScope(scope)}`, async () => {
      const found: T[] = [];
      for (let page = 1; ; page += 1) {
        const { data } = await octokit.request(`GET ${path}/${area}`, { ...params, per_page: PER_PAGE, page });
        const items = ((data as Record<string, unknown>)[area] ?? []) as T[];
        found.push(...items);
        const total = Number((data as { total_count?: unknown }).total_count ?? found.length);
        if (items.length < PER_PAGE || found.length >= total) return found;
      }
    });
  }

  return {
    async listSecrets(scope) {
      const secrets = await listNames<{ name: string; updated_at: string }>(scope, 'secrets');
      return new Map(secrets.map((secret) => [secret.name.toUpperCase(), secret.updated_at]));
    },
    async listVariables(scope) {
      const variables = await listNames<{ name: string }>(scope, 'variables');
      return new Set(variables.map((variable) => variable.name.toUpperCase()));
    },
    async writeSecret(scope, name, value) {
      const { path, params } = base(scope);
      await call('secrets', `write the Actions secret \`${name}\` of ${describeScope(scope)}`, async () => {
        const { data: key } = await octokit.request(`GET ${path}/secrets/public-key`, params);
        const { key_id, key: publicKey } = key as { key_id: string; key: string };
        const encrypted_value = await seal(value, publicKey);
        await octokit.request(`PUT ${path}/secrets/{secret_name}`, { ...params, secret_name: name, encrypted_value, key_id });
      });
    },
    async writeVariable(scope, name, value) {
      const { path, params } = base(scope);
      await call('variables', `write the Actions variable \`${name}\` of ${describeScope(scope)}`, async () => {
        try {
          await octokit.request(`PATCH ${path}/variables/{name}`, { ...params, name, value });
        } catch (error) {
          if ((error as { status?: unknown }).status !== 404) throw error;
          await octokit.request(`POST ${path}/variables`, { ...params, name, value });
        }
      });
    },
  };
}

/** A libsodium sealed box of `value` for the base64 public key, base64-encoded: what GitHub's secrets API takes. */
export async function seal(value: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready;
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  return sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(value), key), sodium.base64_variants.ORIGINAL);
}

/** `acme/web` or `acme/web (environment production)`. */
export function describeScope(scope: SecretScope): string {
  const repository = `\`${scope.owner}/${scope.repo}\``;
  return scope.environment === undefined ? repository : `${repository} (environment \`${scope.environment}\`)`;
}

function withAcceptedPermissions(error: GitHubError, raw: unknown): GitHubError {
  const headers = (raw as { response?: { headers?: Record<string, unknown> } } | undefined)?.response?.headers;
  const accepted = headers?.[ACCEPTED_PERMISSIONS];
  if (typeof accepted !== 'string' || accepted.trim() === '' || (error.status !== 403 && error.status !== 404)) return error;
  const needed = accepted
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => `\`${part}\``)
    .join(' or ');
  return new GitHubError(`${error.message} GitHub says the request needs ${needed}.`, { status: error.status, resource: error.resource });
}
