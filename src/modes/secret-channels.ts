// Reads what the lasting secret channels hold, for the plan, check and rotate (SPEC §10): one secret listing per
// GitHub repository or environment the definitions name (and one variable listing where a client id variable is
// declared, which proves the token may read variables), and one credential listing. Never one request per client.
import { gitHubSecretKey } from '../core/github-secret-key.js';
import { gitHubScopeKey } from '../core/secret-channels.js';
import type { Definition, Problem, SecretChannelState } from '../core/types.js';
import type { GenesysConnection } from '../genesys/contract.js';
import type { ActionsSecrets } from '../github/actions-secrets.js';
import { scopeOf } from '../apply/deliver-github-secret.js';

export interface ChannelReading {
  state: SecretChannelState;
  /** A missing token or permission, for the clients it concerns: plan problems that name what to add. */
  problems: Problem[];
}

export interface ChannelSources {
  org: Pick<GenesysConnection, 'listIntegrationCredentials'>;
  /** Absent when no `secrets-token` is set. */
  secrets?: Pick<ActionsSecrets, 'listSecrets' | 'listVariables'>;
  /** `owner/name` of the repository the run belongs to; absent at a terminal without `--repository`. */
  repository?: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Reads every channel the definitions declare; failures become problems, never exceptions. */
export async function readSecretChannels(definitions: readonly Definition[], sources: ChannelSources): Promise<ChannelReading> {
  const repository = sources.repository ?? '';
  const state: SecretChannelState = { repository, githubSecrets: {}, githubScopesRead: [] };
  const problems: Problem[] = [];
  const about = (definition: Definition, text: string): Problem => ({ ...definition.source, client: definition.name, message: text });

  if (definitions.some((definition) => definition.integration_credential_name !== undefined)) {
    try {
      state.credentials = Object.fromEntries(
        (await sources.org.listIntegrationCredentials()).map((credential) => [
          credential.name,
          { id: credential.id, ...(credential.modifiedDate ? { modifiedDate: credential.modifiedDate } : {}) },
        ]),
      );
    } catch (error) {
      for (const definition of definitions.filter((d) => d.integration_credential_name !== undefined)) {
        problems.push(
          about(
            definition,
            'Could not tell whether the integration credential ' +
              `\`${definition.integration_credential_name}\` holds the secret: ${message(error)}`,
          ),
        );
      }
    }
  }

  const byScope = new Map<string, Definition[]>();
  for (const definition of definitions) {
    const target = definition.github_secret;
    if (!target) continue;
    if (target.repository === undefined && repository === '') {
      problems.push(
        about(
          definition,
          `\`github_secret\` names no \`repository\` and this run has none (\`GITHUB_REPOSITORY\`): add \`repository: owner/name\`.`,
        ),
      );
      continue;
    }
    const key = gitHubScopeKey(target, repository);
    byScope.set(key, [...(byScope.get(key) ?? []), definition]);
  }
  for (const [key, scoped] of byScope) {
    const secrets = sources.secrets;
    if (!secrets) {
      for (const definition of scoped) {
        problems.push(
          about(
            definition,
            `\`${definition.name}\` keeps its secret in the GitHub secret \`${definition.github_secret?.name}\`, but no ` +
              '`secrets-token` is set (`GITHUB_TOKEN` cannot write secrets). Set `secrets-token` to a fine-grained token or ' +
              'GitHub App token with the repository permissions `Secrets: Read and write`' +
              `${scoped.some((d) => d.github_secret?.client_id_variable) ? ' and `Variables: Read and write`' : ''}.`,
          ),
        );
      }
      continue;
    }
    const scope = scopeOf(scoped[0]?.github_secret ?? { name: '' }, repository);
    try {
      const listed = await secrets.listSecrets(scope);
      if (scoped.some((definition) => definition.github_secret?.client_id_variable !== undefined)) await secrets.listVariables(scope);
      for (const definition of scoped) {
        const target = definition.github_secret;
        const updatedAt = target ? listed.get(target.name.toUpperCase()) : undefined;
        if (target && updatedAt !== undefined) state.githubSecrets[gitHubSecretKey(target, repository)] = updatedAt;
      }
      state.githubScopesRead.push(key);
    } catch (error) {
      for (const definition of scoped) problems.push(about(definition, message(error)));
    }
  }
  return { state, problems };
}
