// The transport's retry decisions and the failure it rejects with, with the SDK's own request replaced: which failures
// are repeated, how long each wait on the injected clock is, what the limiter is told, and what a failure keeps.
import platformClient from 'purecloud-platform-client-v2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionHttpClient, HttpFailure, statedRateLimit, toHttpFailure } from '../../src/genesys/http.js';
import type { RateLimit, RateLimiter } from '../../src/genesys/rate-limiter.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Replaces the SDK's request with answers given in order: an Error or object is thrown, anything else returned. */
function sdkAnswers(...answers: unknown[]): { calls: () => number } {
  const spy = vi.spyOn(platformClient.DefaultHttpClient.prototype, 'request');
  for (const answer of answers) {
    if (answer instanceof Error || (answer && typeof answer === 'object' && 'response' in answer)) spy.mockRejectedValueOnce(answer);
    else spy.mockResolvedValueOnce(answer);
  }
  return { calls: () => spy.mock.calls.length };
}

function networkError(code: string, message = `connect ${code} 127.0.0.1:1`): Error {
  return Object.assign(new Error(message), { code });
}

function tooManyRequests(headers: Record<string, unknown> = {}, data: unknown = {}) {
  return { message: 'Request failed with status code 429', response: { status: 429, headers, data } };
}

function recordingLimiter(): RateLimiter & { adopted: RateLimit[]; acquired: number } {
  const limiter = {
    adopted: [] as RateLimit[],
    acquired: 0,
    async acquire() {
      limiter.acquired += 1;
    },
    adopt(limit: RateLimit) {
      limiter.adopted.push(limit);
    },
  };
  return limiter;
}

function anHttpClient(limiter?: RateLimiter): { client: ActionHttpClient; sleeps: number[] } {
  const sleeps: number[] = [];
  return { client: new ActionHttpClient({ sleep: async (ms) => void sleeps.push(ms), limiter }), sleeps };
}

const get = (path = '/api/v2/oauth/clients') =>
  new platformClient.HttpRequestOptions(`https://api.example${path}`, 'GET', {}, {}, undefined);
const post = () => new platformClient.HttpRequestOptions('https://api.example/api/v2/oauth/clients', 'POST', {}, {}, { a: 1 });

describe('retrying network failures', () => {
  it('retries a refused connection on a GET with growing backoff, and gives up after four attempts', async () => {
    const refused = networkError('ECONNREFUSED');
    const sdk = sdkAnswers(refused, refused, refused, refused);
    const { client, sleeps } = anHttpClient();
    const failure = await client.request(get()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HttpFailure);
    expect(failure).toMatchObject({ message: 'connect ECONNREFUSED 127.0.0.1:1', code: 'ECONNREFUSED', response: undefined });
    expect(sdk.calls()).toBe(4);
    expect(sleeps).toEqual([1_000, 2_000, 4_000]);
  });

  it('does not retry a failure whose code is not transient, such as an unknown host', async () => {
    const sdk = sdkAnswers(networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example'), { ok: true });
    const { client, sleeps } = anHttpClient();
    await expect(client.request(get())).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(sdk.calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a socket hang up without a code', async () => {
    const sdk = sdkAnswers(new Error('socket hang up'), { ok: true });
    const { client, sleeps } = anHttpClient();
    await expect(client.request(get())).resolves.toEqual({ ok: true });
    expect(sdk.calls()).toBe(2);
    expect(sleeps).toEqual([1_000]);
  });
});

describe('waiting out 429s', () => {
  it('waits exactly the longest Retry-After it accepts, 120 seconds', async () => {
    const sdk = sdkAnswers(tooManyRequests({ 'retry-after': '120' }), { ok: true });
    const { client, sleeps } = anHttpClient();
    await expect(client.request(post())).resolves.toEqual({ ok: true });
    expect(sdk.calls()).toBe(2);
    expect(sleeps).toEqual([120_000]);
  });

  it('gives up at once on a Retry-After of 121 seconds', async () => {
    const sdk = sdkAnswers(tooManyRequests({ 'Retry-After': 121 }), { ok: true });
    const { client, sleeps } = anHttpClient();
    await expect(client.request(get())).rejects.toMatchObject({ response: { status: 429, headers: { 'retry-after': '121' } } });
    expect(sdk.calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('tells the limiter the limit a 429 states, and nothing when the 429 states none', async () => {
    const stated = { message: 'Rate limit exceeded the maximum [50] requests within [10] seconds' };
    sdkAnswers(tooManyRequests({}, { message: 'Too many requests' }), tooManyRequests({}, stated), { ok: true });
    const limiter = recordingLimiter();
    const { client, sleeps } = anHttpClient(limiter);
    await expect(client.request(get())).resolves.toEqual({ ok: true });
    expect(limiter.adopted).toEqual([{ requests: 50, windowMs: 10_000 }]);
    expect(limiter.acquired).toBe(3);
    expect(sleeps).toEqual([1_000, 1_000]);
  });

  it('waits out a 429 that states a limit when there is no limiter', async () => {
    const stated = { message: 'Rate limit exceeded the maximum [300] requests within [60] seconds' };
    sdkAnswers(tooManyRequests({ 'retry-after': '2' }, stated), { ok: true });
    const { client, sleeps } = anHttpClient();
    await expect(client.request(get())).resolves.toEqual({ ok: true });
    expect(sleeps).toEqual([2_000]);
  });

  it('waits on the real clock when no sleep is injected', async () => {
    vi.useFakeTimers();
    sdkAnswers(tooManyRequests({ 'retry-after': '1' }), { ok: true });
    let settled = false;
    const answered = new ActionHttpClient().request(get()).then((body) => {
      settled = true;
      return body;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
    await expect(answered).resolves.toEqual({ ok: true });
  });
});

describe('statedRateLimit', () => {
  it('reads the limit Genesys states, windows of two digits and a single request included', () => {
    expect(statedRateLimit({ message: 'Rate limit exceeded the maximum [300] requests within [60] seconds' })).toEqual({
      requests: 300,
      windowMs: 60_000,
    });
    expect(statedRateLimit({ message: 'the maximum [1] requests within [1] seconds' })).toEqual({ requests: 1, windowMs: 1_000 });
  });

  it('reads nothing from a window of zero seconds, a missing body or a message that is not text', () => {
    expect(statedRateLimit({ message: 'the maximum [5] requests within [0] seconds' })).toBeUndefined();
    expect(statedRateLimit(null)).toBeUndefined();
    expect(statedRateLimit(undefined)).toBeUndefined();
    expect(statedRateLimit({ message: ['the maximum [5] requests within [5] seconds'] })).toBeUndefined();
  });
});

describe('toHttpFailure', () => {
  it('keeps an HttpFailure as it is', () => {
    const failure = new HttpFailure('x', 'ECONNRESET', undefined);
    expect(toHttpFailure(failure)).toBe(failure);
  });

  it('copies status, status text, headers (lower-cased, lists joined) and body out of a response', () => {
    const failure = toHttpFailure({
      message: 'Request failed with status code 503',
      code: 'ERR_BAD_RESPONSE',
      config: { headers: { Authorization: 'Bearer x' } },
      response: {
        status: 503,
        statusText: 'Service Unavailable',
        headers: { 'Retry-After': 5, 'Set-Cookie': ['a=1', 'b=2'], 'X-Flag': true, 'X-Nested': { a: 1 }, 'Content-Type': 'text/plain' },
        data: { code: 'service.unavailable' },
      },
    });
    expect(failure).toBeInstanceOf(HttpFailure);
    expect({ ...failure, message: failure.message }).toEqual({
      name: 'HttpFailure',
      message: 'Request failed with status code 503',
      code: 'ERR_BAD_RESPONSE',
      response: {
        status: 503,
        statusText: 'Service Unavailable',
        headers: { 'retry-after': '5', 'set-cookie': 'a=1, b=2', 'content-type': 'text/plain' },
        data: { code: 'service.unavailable' },
      },
    });
  });

  it('drops a status text that is not text and headers that are not an object', () => {
    for (const headers of [null, 'retry-after: 5']) {
      const failure = toHttpFailure({ message: 'm', response: { status: 500, statusText: 7, headers, data: '' } });
      expect(failure.response).toEqual({ status: 500, statusText: undefined, headers: {}, data: '' });
    }
  });

  it('keeps no response without a numeric status, and says something even when the rejection says nothing', () => {
    expect(toHttpFailure({ message: 'm', code: 'ECONNRESET', response: { status: '500', data: 'x' } })).toMatchObject({
      message: 'm',
      code: 'ECONNRESET',
      response: undefined,
    });
    for (const rejection of [undefined, { message: 42, code: 42 }]) {
      const failure = toHttpFailure(rejection);
      expect([failure.message, failure.code, failure.response]).toEqual(['HTTP request failed', undefined, undefined]);
    }
  });
});
