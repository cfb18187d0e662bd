// Genesys ErrorBody responses. Handlers throw ApiFailure; the server turns it into the body with the request's contextId.

export interface ErrorDetail {
  errorCode?: string;
  fieldName?: string;
  entityId?: string;
  entityName?: string;
}

export interface ErrorBody {
  message: string;
  code: string;
  status: number;
  contextId: string;
  details: ErrorDetail[];
  errors: ErrorBody[];
  messageWithParams?: string;
  messageParams?: Record<string, string>;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const DEFAULT_ERRORS: Readonly<Record<number, { code: string; message: string }>> = {
  400: { code: 'bad.request', message: 'The request could not be understood by the server due to malformed syntax.' },
  401: { code: 'bad.credentials', message: 'Invalid login credentials.' },
  403: {
    code: 'missing.permissions',
    message: 'Unable to perform the requested action. You are missing the following permission(s): oauth:client:edit',
  },
  404: { code: 'not.found', message: 'The requested resource was not found.' },
  405: { code: 'method.not.allowed', message: 'The requested method is not allowed on this resource.' },
  409: { code: 'conflict', message: 'The request could not be completed due to a conflict with the current state of the resource.' },
  415: {
    code: 'unsupported.media.type',
    message: 'Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header.',
  },
  429: { code: 'too.many.requests.retry.after', message: 'Rate limit exceeded the maximum. Retry the request in [1] seconds' },
  500: {
    code: 'internal.server.error',
    message: 'The server encountered an unexpected condition which prevented it from fulfilling the request.',
  },
  502: {
    code: 'bad.gateway',
    message: 'The server, while acting as a gateway or proxy, received an invalid response from the upstream server.',
  },
  503: {
    code: 'service.unavailable',
    message: 'Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).',
  },
  504: { code: 'request.timeout', message: 'The request timed out.' },
};

export function buildErrorBody(status: number, contextId: string, code?: string, message?: string, details: ErrorDetail[] = []): ErrorBody {
  const fallback = DEFAULT_ERRORS[status] ?? { code: 'error', message: `The request failed with status ${status}.` };
  return { message: message ?? fallback.message, code: code ?? fallback.code, status, contextId, details, errors: [] };
}

export function buildTooManyRequestsBody(
  retryAfterSeconds: number,
  limit: { requests: number; windowMs: number } | undefined,
  contextId: string,
): ErrorBody {
  const window = limit ? Math.max(1, Math.round(limit.windowMs / 1000)) : 60;
  const max = limit?.requests ?? 300;
  return {
    ...buildErrorBody(
      429,
      contextId,
      'too.many.requests.retry.after',
      `Rate limit exceeded the maximum [${max}] requests within [${window}] seconds. Retry the request in [${retryAfterSeconds}] seconds`,
    ),
    messageParams: { limit: String(max), window: String(window), retryAfter: String(retryAfterSeconds) },
  };
}
