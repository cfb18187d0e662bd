// The one classification of a thrown failure, for both shells: which `failure-reason` it is, and what it says.
import type { Failure, FailureReason, Mode } from '../core/types.js';
import { GenesysApiError } from '../genesys/api-error.js';
import { GitHubError } from '../github/errors.js';
import { redactSecrets } from '../report/redact.js';
import { ConfigError, InputError } from './options.js';

const REASON_BY_MODE: Record<Mode, FailureReason> = {
  validate: 'validation-failed',
  plan: 'plan-failed',
  check: 'plan-failed',
  export: 'plan-failed',
  apply: 'apply-failed',
  rotate: 'rotation-failed',
};

/** Turns a thrown failure into the report's failure, with what to do about it; secrets are redacted. */
export function describeFailure(error: unknown, mode: Mode, secrets: readonly string[]): Failure {
  const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
  if (error instanceof InputError) return { reason: 'validation-failed', message };
  if (error instanceof ConfigError || (error instanceof GenesysApiError && error.isAuthFailure)) return { reason: 'auth-failed', message };
  // Only apply talks to GitHub mid-run: it could not learn what was reviewed, so nothing was applied.
  if (error instanceof GitHubError) {
    return { reason: 'not-reviewed', message: `Could not find the reviewed plan, so nothing was applied. ${message}` };
  }
  return { reason: REASON_BY_MODE[mode], message };
}
