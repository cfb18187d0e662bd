// The one classification of a thrown failure, for both shells: which `failure-reason` it is, and what it says.
import type { Failure, FailureReason, Mode } from '../core/types.js';
import { GenesysApiError } from '../genesys/api-error.js';
import { GitHubError } from '../github/errors.js';
import { redactSecrets } from '../report/redact.js';
import { ConfigError, InputError } from './options.js';

/** What a failure of each mode is called in `failure-reason`. */
function reasonOf(mode: Mode): FailureReason {
  // A function, not a module-level table: mutation testing sees a table only while the module loads.
  switch (mode) {
    case 'validate':
      return 'validation-failed';
    case 'plan':
    case 'check':
    case 'export':
      return 'plan-failed';
    case 'apply':
      return 'apply-failed';
    case 'rotate':
      return 'rotation-failed';
  }
}

/** Turns a thrown failure into the report's failure, with what to do about it; secrets are redacted. */
export function describeFailure(error: unknown, mode: Mode, secrets: readonly string[]): Failure {
  const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
  if (error instanceof InputError) return { reason: 'validation-failed', message };
  if (error instanceof ConfigError || (error instanceof GenesysApiError && error.isAuthFailure)) return { reason: 'auth-failed', message };
  // Only apply talks to GitHub mid-run: it could not learn what was reviewed, so nothing was applied.
  if (error instanceof GitHubError) {
    return { reason: 'not-reviewed', message: `Could not find the reviewed plan, so nothing was applied. ${message}` };
  }
  return { reason: reasonOf(mode), message };
}
