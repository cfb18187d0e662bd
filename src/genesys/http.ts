// The SDK's transport, made fit for CI: an explicit timeout, no redirects (follow-redirects prints the Authorization
// header under DEBUG), 429s waited out, and 409s, 5xx and network failures retried with backoff when repeating is harmless.
import platformClient from 'purecloud-platform-client-v2';
import { header, parseRetryAfter } from './errors.js';
import type { RateLimit, RateLimiter } from './rate-limiter.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** A longer Retry-After is a quota (daily limits send hours): waiting would only stall the run. */
export const MAX_RETRY_AFTER_SECONDS = 120;
export const MAX_RATE_LIMITED_ATTEMPTS = 8;
export const MAX_FAILED_ATTEMPTS = 4;
const BASE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 16_000;
/** Used when a 429 comes without Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

const IDEMPOTENT_METHODS = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);
/** 409: Genesys answers a conflict when concurrent writes meet; repeating an idempotent write is harmless (SPEC §7). */
const RETRIED_STATUSES = new Set([409, 500, 502, 503, 504]);
const RETRIED_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export interface HttpPolicy {
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  limiter?: RateLimiter;
}

/**
 * What the transport rejects with instead of an AxiosError: the response's status, headers and body, or the network
 * error's code and message. The request config (and its Authorization header) is deliberately not kept.
 */
export class HttpFailure extends Error {
  readonly code?: string;
  readonly response?: { status: number; statusText?: string; headers: Record<string, string>; data: unknown };

  constructor(message: string, code: string | undefined, response: HttpFailure['response']) {
    super(message);
    this.name = 'HttpFailure';
    this.code = code;
    this.response = response;
  }
}

/** The SDK's DefaultHttpClient with timeout, `maxRedirects: 0`, 429 handling and safe retries. */
export class ActionHttpClient extends platformClient.DefaultHttpClient {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly limiter?: RateLimiter;

  constructor(policy: HttpPolicy = {}) {
    super(policy.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.sleep = policy.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.limiter = policy.limiter;
  }

  override toAxiosConfig(options: platformClient.HttpRequestOptions): Record<string, unknown> {
    return { ...(super.toAxiosConfig(options) as Record<string, unknown>), maxRedirects: 0 };
  }

  override async request(options: platformClient.HttpRequestOptions): Promise<unknown> {
    const repeatable = IDEMPOTENT_METHODS.has(options.method.toUpperCase()) || isLogin(options.url);
    let rateLimited = 0;
    let failed = 0;
    for (;;) {
      await this.limiter?.acquire();
      let failure: HttpFailure;
      try {
        return await super.request(options);
      } catch (error) {
        failure = toHttpFailure(error);
      }
      const status = failure.response?.status;
      let waitMs: number | undefined;
      if (status === 429) {
        rateLimited += 1;
        const stated = statedRateLimit(failure.response?.data);
        if (stated) this.limiter?.adopt(stated);
        waitMs = rateLimitWait(failure, rateLimited);
      } else if (repeatable && isTransient(failure)) {
        failed += 1;
        waitMs = failed < MAX_FAILED_ATTEMPTS ? backoff(failed) : undefined;
      }
      if (waitMs === undefined) throw failure;
      await this.sleep(waitMs);
    }
  }
}

function rateLimitWait(failure: HttpFailure, attempt: number): number | undefined {
  if (attempt >= MAX_RATE_LIMITED_ATTEMPTS) return undefined;
  const seconds = parseRetryAfter(header(failure.response?.headers, 'retry-after')) ?? DEFAULT_RETRY_AFTER_SECONDS;
  if (seconds > MAX_RETRY_AFTER_SECONDS) return undefined;
  return seconds * 1000;
}

/** The limit a 429 body states: "Rate limit exceeded the maximum [300] requests within [60] seconds". */
export function statedRateLimit(body: unknown): RateLimit | undefined {
  const message = body && typeof body === 'object' ? (body as { message?: unknown }).message : undefined;
  const match = typeof message === 'string' ? /maximum \[(\d+)\] requests within \[(\d+)\] seconds/i.exec(message) : null;
  if (!match) return undefined;
  const requests = Number(match[1]);
  const windowMs = Number(match[2]) * 1000;
  return requests >= 1 && windowMs >= 1000 ? { requests, windowMs } : undefined;
}

function backoff(attempt: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

function isTransient(failure: HttpFailure): boolean {
  const status = failure.response?.status;
  if (status !== undefined) return RETRIED_STATUSES.has(status);
  if (failure.code && RETRIED_NETWORK_CODES.has(failure.code)) return true;
  return /socket hang up|timeout/i.test(failure.message);
}

function isLogin(url: string): boolean {
  return /\/oauth\/token(\?|$)/.test(url);
}

/** Copies what is safe out of an AxiosError (or anything else thrown by the transport). */
export function toHttpFailure(error: unknown): HttpFailure {
  if (error instanceof HttpFailure) return error;
  const e = (error ?? {}) as { message?: unknown; code?: unknown; response?: Record<string, unknown> };
  const message = typeof e.message === 'string' ? e.message : 'HTTP request failed';
  const code = typeof e.code === 'string' ? e.code : undefined;
  const response = e.response;
  if (!response || typeof response.status !== 'number') return new HttpFailure(message, code, undefined);
  return new HttpFailure(message, code, {
    status: response.status,
    statusText: typeof response.statusText === 'string' ? response.statusText : undefined,
    headers: plainHeaders(response.headers),
    data: response.data,
  });
}

function plainHeaders(headers: unknown): Record<string, string> {
  const plain: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return plain;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof value === 'string' || typeof value === 'number') plain[key.toLowerCase()] = String(value);
    else if (Array.isArray(value)) plain[key.toLowerCase()] = value.map(String).join(', ');
  }
  return plain;
}
