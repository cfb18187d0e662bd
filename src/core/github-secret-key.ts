// One key per GitHub Actions secret: GitHub stores secret names in upper case and compares them case-insensitively.
import type { GitHubSecretTarget } from './types.js';

/** `owner/name` in lower case, the environment or null, the secret name in upper case. */
export function gitHubSecretKey(target: GitHubSecretTarget, defaultRepository = ''): string {
  return JSON.stringify([(target.repository ?? defaultRepository).toLowerCase(), target.environment ?? null, target.name.toUpperCase()]);
}
