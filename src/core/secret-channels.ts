// The lasting channels a definition declares, and which of them hold no secret (SPEC §10): the plan resets the
// secret of such a client, after review, so every channel holds the same, working secret again.
import { gitHubSecretKey } from './github-secret-key.js';
import type { Definition, GitHubSecretTarget, LastingChannel, SecretChannel, SecretChannelState, SecretDelivery } from './types.js';

/** How a definition wants its secret handed over. */
export function deliveryOf(definition: Definition): SecretDelivery {
  const { expose_client_secret, directory_client_secret, integration_credential_name, github_secret } = definition;
  return {
    expose_client_secret,
    ...(directory_client_secret !== undefined ? { directory_client_secret } : {}),
    ...(integration_credential_name !== undefined ? { integration_credential_name } : {}),
    ...(github_secret !== undefined ? { github_secret } : {}),
  };
}

/** Every channel a delivery asks for, one-run channels first. */
export function channelsOf(delivery: SecretDelivery): SecretChannel[] {
  const channels: SecretChannel[] = [];
  if (delivery.expose_client_secret) channels.push('output');
  if (delivery.directory_client_secret !== undefined) channels.push('file');
  if (delivery.integration_credential_name !== undefined) channels.push('integration-credential');
  if (delivery.github_secret !== undefined) channels.push('github-secret');
  return channels;
}

/** The repository and environment a GitHub secret lives in, as one key. */
export function gitHubScopeKey(target: GitHubSecretTarget, defaultRepository: string): string {
  return JSON.stringify([(target.repository ?? defaultRepository).toLowerCase(), target.environment ?? null]);
}

/** When each declared lasting channel was last written; `null` for one that holds nothing, absent when unknown. */
export function readChannelDates(definition: Definition, channels: SecretChannelState): Partial<Record<LastingChannel, string | null>> {
  const dates: Partial<Record<LastingChannel, string | null>> = {};
  const target = definition.github_secret;
  if (target && channels.githubScopesRead.includes(gitHubScopeKey(target, channels.repository))) {
    dates['github-secret'] = channels.githubSecrets[gitHubSecretKey(target, channels.repository)] ?? null;
  }
  const credential = definition.integration_credential_name;
  if (credential !== undefined && channels.credentials) {
    const found = Object.hasOwn(channels.credentials, credential) ? channels.credentials[credential] : undefined;
    dates['integration-credential'] = found ? (found.modifiedDate ?? '') : null;
  }
  return dates;
}

/** The declared lasting channels known to hold no secret. */
export function findMissingChannels(definition: Definition, channels: SecretChannelState | undefined): LastingChannel[] {
  if (!channels) return [];
  const dates = readChannelDates(definition, channels);
  return (['github-secret', 'integration-credential'] as const).filter((channel) => dates[channel] === null);
}
