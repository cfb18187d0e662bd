// Every way the SDK can fail, turned into one GenesysApiError. The SDK rejects with plain bodies, extended-response
// wrappers, strings, `undefined` and raw AxiosErrors (which carry the Authorization header), so nothing here keeps
// the rejection itself: only status, code, message, correlation id and Retry-After are copied out.
import { clip } from '../core/escape.js';
import { GenesysApiError } from './api-error.js';
import { INPUT_NAMES, type SettingNames } from './contract.js';

/** What was being done, for the message (`updating \`ci-deployer\``), and the permission it needs, for a 403 hint. */
export interface Operation {
  what: string;
  permission?: string;
}

/** Replaces known secret values in a text; the connection passes the secrets it has seen. */
export type Redact = (text: string) => string;

interface RejectionParts {
  status?: number;
  code?: string;
  message?: string;
  correlationId?: string;
  retryAfterSeconds?: number;
  /** A transport failure (no HTTP response): axios `code` such as ECONNREFUSED or ECONNABORTED. */
  networkCode?: string;
  permissions: string[];
}

const MAX_SERVER_MESSAGE = 300;
const PERMISSION_PATTERN = /\b[a-z][a-zA-Z]*:[a-zA-Z*]+:[a-zA-Z*]+\b/g;
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** Turns any SDK rejection of an API call into a GenesysApiError whose message says what failed and why. */
export function toGenesysApiError(rejection: unknown, operation: Operation, redact: Redact = (t) => t): GenesysApiError {
  if (rejection instanceof GenesysApiError) return rejection;
  const parts = extractParts(rejection, redact);
  const message = redact(describeRejection(parts, operation));
  return new GenesysApiError({
    status: parts.status,
    code: parts.code ?? parts.networkCode,
    message,
    correlationId: parts.correlationId,
    retryAfterSeconds: parts.retryAfterSeconds,
  });
}

/** Turns a failed client-credentials login into a GenesysApiError that names the credential and where it is set. */
export function toLoginError(
  rejection: unknown,
  login: { clientId: string; origin: string; region?: string; names?: SettingNames },
  redact: Redact = (t) => t,
): GenesysApiError {
  const names = login.names ?? INPUT_NAMES;
  const check = `Check ${names.region}, or ${names.apiUrl}.`;
  if (rejection instanceof GenesysApiError) return rejection;
  const parts = extractParts(rejection, redact);
  const where = `the Genesys login at ${login.origin}`;
  let message: string;
  let code = parts.code ?? parts.networkCode;
  if (parts.status === 400 || parts.status === 401) {
    code ??= 'invalid_client';
    message = describeBadCredentials(parts, login, names, code);
  } else {
    message = `${describeRejection(parts, { what: `logging in to ${where}` })} ${check}`;
  }
  return new GenesysApiError({
    status: parts.status,
    code,
    message: redact(message),
    correlationId: parts.correlationId,
    retryAfterSeconds: parts.retryAfterSeconds,
  });
}

function describeBadCredentials(
  parts: RejectionParts,
  login: { clientId: string; origin: string; region?: string },
  names: SettingNames,
  code: string,
): string {
  const clientId = login.clientId;
  const CLIENT_ID_SOURCE = names.clientId;
  const CLIENT_SECRET_SOURCE = names.clientSecret;
  // The classic mistake is an org in another region than the one used (by default us-east-1): name both.
  const org = `the org that logs in at ${login.origin}${login.region ? ` (region \`${login.region}\`, from ${names.region})` : ''}`;
  const said = `${parts.status} ${code}${parts.message ? `: "${parts.message}"` : ''}`;
  const head = `Genesys refused to log in OAuth client \`${clientId}\` (${said}).`;
  if (code === 'unauthorized_client' || code === 'unsupported_grant_type') {
    return `${head} The client must use the Client Credentials grant; pick a client-credentials client in ${CLIENT_ID_SOURCE}.`;
  }
  const text = (parts.message ?? '').toLowerCase();
  if (/secret/.test(text)) {
    return `${head} The client secret is wrong: check ${CLIENT_SECRET_SOURCE}.`;
  }
  if (/not found|unknown client|no such client|does not exist/.test(text)) {
    return `${head} No such client in ${org}: check the client id (${CLIENT_ID_SOURCE}) and the region.`;
  }
  return (
    `${head} The client id or the client secret is wrong: check the client id (${CLIENT_ID_SOURCE}) and the secret ` +
    `(${CLIENT_SECRET_SOURCE}), and that the client belongs to ${org}.`
  );
}

function describeRejection(parts: RejectionParts, operation: Operation): string {
  const correlation = parts.correlationId ? ` (correlation id ${parts.correlationId})` : '';
  if (parts.status === undefined) {
    if (parts.networkCode && TIMEOUT_CODES.has(parts.networkCode)) {
      return `Genesys did not answer in time while ${operation.what} (${parts.networkCode}${parts.message ? `: ${parts.message}` : ''}).`;
    }
    if (parts.networkCode) {
      return `Could not reach Genesys while ${operation.what} (${parts.networkCode}${parts.message ? `: ${parts.message}` : ''}).`;
    }
    return `Genesys call failed while ${operation.what}: ${parts.message ?? 'no details were given'}.`;
  }
  const code = parts.code ? ` ${parts.code}` : '';
  const said = parts.message ? ` "${parts.message}"` : '';
  return `Genesys rejected ${operation.what}: ${parts.status}${code}${said}${correlation}.${hint(parts, operation)}`;
}

function hint(parts: RejectionParts, operation: Operation): string {
  switch (parts.status) {
    case 403: {
      const named = parts.permissions.length > 0 ? parts.permissions : operation.permission ? [operation.permission] : [];
      if (named.length === 0) return " The Action's OAuth client lacks a permission: check the roles granted to it.";
      const list = named.map((p) => `\`${p}\``).join(', ');
      const probably = parts.permissions.length > 0 ? '' : 'probably ';
      return ` The Action's OAuth client ${probably}lacks the permission ${list}: add it to one of the client's roles.`;
    }
    case 429:
      return (
        " The org's rate limit was hit" +
        `${parts.retryAfterSeconds !== undefined ? ` (Retry-After ${parts.retryAfterSeconds} s)` : ''}; run again later.`
      );
    case 500:
    case 502:
    case 503:
    case 504:
      return ' This is a Genesys server error; run again later, and quote the correlation id to Genesys support if it persists.';
    default:
      return '';
  }
}

// Redacted whole, then clipped: clipping first could cut a secret in two and leave its first part behind.
function extractParts(rejection: unknown, redact: Redact): RejectionParts {
  const parts = readParts(rejection);
  if (parts.message !== undefined) parts.message = clip(redact(parts.message), MAX_SERVER_MESSAGE);
  return parts;
}

function readParts(rejection: unknown): RejectionParts {
  const parts: RejectionParts = { permissions: [] };
  if (rejection === undefined || rejection === null || rejection === '') return parts;
  if (typeof rejection !== 'object') {
    parts.message = String(rejection);
    return parts;
  }
  const value = rejection as Record<string, unknown>;

  // Extended-response wrapper: {status, statusText, headers, body, text, error}.
  if (typeof value.status === 'number' && 'body' in value && 'headers' in value) {
    parts.status = value.status;
    readHeaders(parts, value.headers);
    readBody(parts, value.body);
    return parts;
  }
  // AxiosError (login, network errors) or the http client's HttpFailure: {message, code, response?}.
  if ('response' in value || 'isAxiosError' in value || value instanceof Error) {
    const response = value.response as Record<string, unknown> | undefined;
    if (response && typeof response.status === 'number') {
      parts.status = response.status;
      readHeaders(parts, response.headers);
      readBody(parts, response.data);
    } else {
      if (typeof value.code === 'string') parts.networkCode = value.code;
      parts.message = str(value.message);
    }
    return parts;
  }
  // A bare ErrorBody (default, non-extended mode).
  readBody(parts, value);
  if (typeof value.status === 'number') parts.status = value.status;
  return parts;
}

function readBody(parts: RejectionParts, body: unknown): void {
  if (typeof body === 'string') {
    parts.message ??= str(body.trim());
    return;
  }
  if (body === null || typeof body !== 'object') return;
  const b = body as Record<string, unknown>;
  // Login errors are OAuth-style ({error, error_description}); API errors are Genesys ErrorBody ({code, message}).
  parts.code ??= str(b.code) ?? str(b.error);
  parts.message ??= str(b.message) ?? str(b.error_description) ?? str(b.description);
  parts.correlationId ??= str(b.contextId);
  parts.permissions = findPermissions(b);
}

function findPermissions(body: Record<string, unknown>): string[] {
  const texts: string[] = [];
  for (const key of ['message', 'messageWithParams']) if (typeof body[key] === 'string') texts.push(body[key] as string);
  const params = body.messageParams;
  if (params && typeof params === 'object') {
    for (const v of Object.values(params as Record<string, unknown>)) {
      if (typeof v === 'string') texts.push(v);
      else if (Array.isArray(v)) texts.push(...v.filter((x): x is string => typeof x === 'string'));
    }
  }
  const found = texts.flatMap((t) => t.match(PERMISSION_PATTERN) ?? []);
  return [...new Set(found)].sort();
}

function readHeaders(parts: RejectionParts, headers: unknown): void {
  const correlation = header(headers, 'inin-correlation-id');
  if (correlation) parts.correlationId = correlation;
  parts.retryAfterSeconds = parseRetryAfter(header(headers, 'retry-after'));
}

/** Reads a header from a plain object or AxiosHeaders, whatever the name's case. */
export function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

/** `Retry-After` as whole seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
