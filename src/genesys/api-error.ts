// The one error genesys/ throws: whatever the SDK rejected with becomes this, carrying no header and no secret.
import type { ApiErrorSummary } from '../core/types.js';

/** Every Genesys failure, whatever the SDK rejected with. Carries no header and no secret. */
export class GenesysApiError extends Error {
  readonly status?: number;
  readonly code?: string;
  readonly correlationId?: string;
  readonly retryAfterSeconds?: number;

  constructor(summary: ApiErrorSummary & { retryAfterSeconds?: number }) {
    super(summary.message);
    this.name = 'GenesysApiError';
    this.status = summary.status;
    this.code = summary.code;
    this.correlationId = summary.correlationId;
    this.retryAfterSeconds = summary.retryAfterSeconds;
  }

  /** True for failures of the credentials themselves (login 400/401, or a 401 on a call). */
  get isAuthFailure(): boolean {
    return this.status === 401 || this.code === 'invalid_client' || this.code === 'unauthorized_client';
  }

  summary(): ApiErrorSummary {
    return { status: this.status, code: this.code, message: this.message, correlationId: this.correlationId };
  }
}
