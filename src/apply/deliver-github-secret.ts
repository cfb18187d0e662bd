// Delivery to a GitHub Actions secret (SPEC §10): sealed and written with the `secrets-token`, the client id in an
// Actions variable when asked for. A write that fails on GitHub's side (5xx, network) is retried with backoff; a
// refusal (4xx) is not: it will not change by itself.
import type { GitHubSecretTarget } from '../core/types.js';
import type { ActionsSecrets, SecretScope } from '../github/actions-secrets.js';

export interface GitHubSecretDelivery {
  secrets: Pick<ActionsSecrets, 'writeSecret' | 'writeVariable'>;
  /** `owner/name` of the repository the Action runs in: where `github_secret.repository` defaults to. */
  defaultRepository: string;
  /** Injected so retry tests never wait on a real clock. */
  sleep?: (ms: number) => Promise<void>;
}

const ATTEMPTS = 3;
const FIRST_BACKOFF_MS = 500;

/** The repository (and environment) a target's secret lives in. */
export function scopeOf(target: GitHubSecretTarget, defaultRepository: string): SecretScope {
  const [owner = '', repo = ''] = (target.repository ?? defaultRepository).split('/');
  return { owner, repo, ...(target.environment !== undefined ? { environment: target.environment } : {}) };
}

/** Writes the secret (and the client id variable); throws the last failure when every attempt failed. */
export async function deliverToGitHubSecret(
  target: GitHubSecretTarget,
  clientId: string,
  secret: string,
  delivery: GitHubSecretDelivery,
): Promise<void> {
  const scope = scopeOf(target, delivery.defaultRepository);
  await withRetries(() => delivery.secrets.writeSecret(scope, target.name, secret), delivery.sleep);
  const variable = target.client_id_variable;
  if (variable !== undefined) await withRetries(() => delivery.secrets.writeVariable(scope, variable, clientId), delivery.sleep);
}

async function withRetries(write: () => Promise<void>, sleep = defaultSleep): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      const transient = status === undefined || (typeof status === 'number' && status >= 500);
      if (!transient || attempt >= ATTEMPTS) throw error;
      await sleep(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
