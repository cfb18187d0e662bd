// Whatever was thrown becomes a summary a report can show: the Genesys error fields when there are any, else a
// message. Secrets seen during this run are cut out, and values that are not Errors are never stringified (an SDK
// or axios rejection can carry the Authorization header).
import type { ApiErrorSummary } from '../core/types.js';
import { GenesysApiError } from '../genesys/api-error.js';
import { redactSecrets } from '../report/redact.js';

/** A report-safe summary of a thrown value, with every known secret replaced by `***`. */
export function summariseError(error: unknown, secrets: Iterable<string>): ApiErrorSummary {
  if (error instanceof GenesysApiError) {
    const summary = error.summary();
    return { ...summary, message: redactSecrets(summary.message, [...secrets]) };
  }
  if (error instanceof Error) return { message: redactSecrets(error.message, [...secrets]) };
  return { message: 'Unexpected failure (a value that is not an Error was thrown; its content is withheld).' };
}
